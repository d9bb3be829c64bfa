/**
 * werift 0.23 queries Google's STUN server (stun.l.google.com:19302) whenever no STUN server is
 * configured: its ICE connection falls back to that address, and `iceServers: []` cannot turn it off.
 * Offline that costs a 5 s gathering timeout per call (the voicemail answer waited its 3 s gathering
 * limit on every deposit); online it tells Google about every voicemail call. Our peers need no
 * server-reflexive candidate: voicemail answers callers that reach it through our own SIP server.
 */
import type { RTCPeerConnection } from 'werift';

/** Clears the fallback on every ICE transport of `pc`; call after the transports exist, before gathering. */
export function dropDefaultStunServer(pc: RTCPeerConnection): void {
  for (const transport of pc.iceTransports) transport.connection.stunServer = undefined;
}
