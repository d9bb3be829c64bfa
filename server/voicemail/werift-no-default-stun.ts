/**
 * werift 0.23 queries Google's STUN server (stun.l.google.com:19302) whenever no STUN server is
 * configured: its ICE connection falls back to that address, and `iceServers: []` cannot turn it off.
 * Offline that costs werift's 5 s STUN timeout per call (every voicemail answer took ~5 s: INVITE →
 * 200 OK 5,013–5,049 ms, docs/performance.md session 15); online it tells Google about every voicemail
 * call. Our peers need no server-reflexive candidate: voicemail answers callers that reach it through
 * our own SIP server.
 */
import type { RTCPeerConnection } from 'werift';

/** Clears the fallback on every ICE transport of `pc`; call after the transports exist, before gathering. */
export function dropDefaultStunServer(pc: RTCPeerConnection): void {
  for (const transport of pc.iceTransports) transport.connection.stunServer = undefined;
}
