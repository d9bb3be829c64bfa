/**
 * Local/remote media of one call, on top of sip.js's Web SessionDescriptionHandler:
 * constraints, mute (track.enabled), hold (tracks disabled both ways), camera off/on
 * (stop the track and `replaceTrack(null)`, then re-acquire and `replaceTrack(track)`).
 */
import { mediaConstraintsFor } from './devices';
import type { PhoneConfig } from './types';

/** The parts of `Web.SessionDescriptionHandler` the engine uses. */
export interface WebSdhLike {
  readonly peerConnection: RTCPeerConnection | undefined;
  readonly localMediaStream: MediaStream;
  readonly remoteMediaStream: MediaStream;
}

export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

export function asWebSdh(sdh: unknown): WebSdhLike | null {
  if (typeof sdh !== 'object' || sdh === null) return null;
  return 'localMediaStream' in sdh && 'remoteMediaStream' in sdh && 'peerConnection' in sdh
    ? (sdh as WebSdhLike)
    : null;
}

export function callConstraints(
  config: Pick<PhoneConfig, 'audioInputId' | 'videoInputId'>,
  video: boolean,
): MediaStreamConstraints {
  return {
    audio: mediaConstraintsFor('audio', config),
    video: video ? mediaConstraintsFor('video', config) : false,
  };
}

function kindOf(transceiver: RTCRtpTransceiver): string | undefined {
  return transceiver.sender.track?.kind ?? transceiver.receiver.track?.kind;
}

function senderOfKind(pc: RTCPeerConnection, kind: 'audio' | 'video'): RTCRtpSender | null {
  const withTrack = pc.getSenders().find((sender) => sender.track?.kind === kind);
  if (withTrack) return withTrack;
  const transceiver = pc.getTransceivers().find((t) => kindOf(t) === kind && t.direction !== 'stopped');
  return transceiver?.sender ?? null;
}

export function audioSender(sdh: WebSdhLike | null): RTCRtpSender | null {
  const pc = sdh?.peerConnection;
  return pc ? senderOfKind(pc, 'audio') : null;
}

export function videoSender(sdh: WebSdhLike | null): RTCRtpSender | null {
  const pc = sdh?.peerConnection;
  return pc ? senderOfKind(pc, 'video') : null;
}

/**
 * Muted: the microphone track is disabled (the remote side receives silence).
 * Held: everything we send and receive is disabled, as SessionManager does.
 */
export function applyTrackStates(sdh: WebSdhLike | null, state: { muted: boolean; held: boolean }): void {
  const pc = sdh?.peerConnection;
  if (!sdh || !pc) return;
  for (const sender of pc.getSenders()) {
    const track = sender.track;
    if (!track) continue;
    track.enabled = track.kind === 'audio' ? !state.muted && !state.held : !state.held;
  }
  for (const receiver of pc.getReceivers()) {
    if (receiver.track) receiver.track.enabled = !state.held;
  }
  // Tracks in the local stream not (yet) attached to a sender follow the same rule.
  for (const track of sdh.localMediaStream.getAudioTracks()) track.enabled = !state.muted && !state.held;
}

/** Tracks taken off their senders while a call is held, to put back on resume. */
const parked = new WeakMap<RTCRtpSender, MediaStreamTrack>();

/**
 * Hold sends nothing at all. sip.js offers `sendonly` and disables the tracks, but a disabled
 * track still produces RTP (silence, black frames); with no track on the sender no packet
 * leaves, so the held party gets neither media nor packets, and the holder receives none
 * because the answer is `recvonly`. Resume puts back the tracks that are still live.
 */
export async function parkSenders(sdh: WebSdhLike | null, held: boolean): Promise<void> {
  const pc = sdh?.peerConnection;
  if (!pc) return;
  for (const sender of pc.getSenders()) {
    if (held) {
      const track = sender.track;
      if (!track) continue;
      parked.set(sender, track);
      await sender.replaceTrack(null);
    } else {
      const track = parked.get(sender);
      parked.delete(sender);
      if (track && track.readyState === 'live' && !sender.track) await sender.replaceTrack(track);
    }
  }
}

/** Stops the camera (its light goes off) and sends nothing on the video sender. */
export async function stopCamera(sdh: WebSdhLike): Promise<void> {
  const sender = videoSender(sdh);
  const senderTrack = sender?.track ?? null;
  if (sender && senderTrack) await sender.replaceTrack(null);
  senderTrack?.stop();
  for (const track of sdh.localMediaStream.getVideoTracks()) {
    track.stop();
    sdh.localMediaStream.removeTrack(track);
  }
}

/** Re-acquires the camera and puts its track on the existing video sender (no renegotiation). */
export async function startCamera(
  sdh: WebSdhLike,
  getUserMedia: GetUserMedia,
  constraint: boolean | MediaTrackConstraints,
  enabled: boolean,
): Promise<void> {
  const sender = videoSender(sdh);
  if (!sender) throw new Error('This call has no video channel');
  const stream = await getUserMedia({ audio: false, video: constraint });
  const track = stream.getVideoTracks()[0];
  if (!track) throw new Error('No camera was found');
  for (const extra of stream.getTracks()) if (extra !== track) extra.stop();
  track.enabled = enabled;
  try {
    await sender.replaceTrack(track);
  } catch (error) {
    track.stop();
    throw error;
  }
  for (const old of sdh.localMediaStream.getVideoTracks()) {
    old.stop();
    sdh.localMediaStream.removeTrack(old);
  }
  sdh.localMediaStream.addTrack(track);
}

/**
 * Puts the first audio and video track of `stream` onto transceivers that were already offered or
 * negotiated without a track (a prepared answer or offer), with `replaceTrack`: no renegotiation,
 * media flows at once.
 * Each attached track joins `local` with an `addtrack` event, as sip.js does. Returns the tracks
 * that found no such transceiver, for sip.js's own `addTrack` path.
 */
export async function attachToNegotiatedSenders(
  pc: RTCPeerConnection,
  local: MediaStream,
  stream: MediaStream,
): Promise<MediaStreamTrack[]> {
  const rest: MediaStreamTrack[] = [];
  for (const track of [stream.getAudioTracks()[0], stream.getVideoTracks()[0]]) {
    if (!track) continue;
    const kind = track.kind;
    const busy = pc.getSenders().some((sender) => sender.track?.kind === kind);
    const idle = pc.getTransceivers().find(
      (t) =>
        !t.sender.track &&
        t.receiver.track?.kind === kind &&
        // In a description already (an offer sent or answered), so replacing needs no new offer.
        t.mid !== null &&
        t.currentDirection !== 'stopped' &&
        t.direction !== 'stopped',
    );
    if (busy || !idle) {
      rest.push(track);
      continue;
    }
    await idle.sender.replaceTrack(track);
    local.addTrack(track);
    local.dispatchEvent(new MediaStreamTrackEvent('addtrack', { track }));
  }
  return rest;
}

/** Opens one fresh track of `kind` (any other track the browser returns is stopped). */
export async function openTrack(
  getUserMedia: GetUserMedia,
  kind: 'audio' | 'video',
  constraint: boolean | MediaTrackConstraints,
): Promise<MediaStreamTrack> {
  const stream = await getUserMedia(kind === 'audio' ? { audio: constraint } : { video: constraint });
  const track = stream.getTracks().find((t) => t.kind === kind);
  for (const extra of stream.getTracks()) if (extra !== track) extra.stop();
  if (!track) throw new Error(kind === 'audio' ? 'No microphone was found' : 'No camera was found');
  return track;
}

/**
 * Device switch mid-call: `track` replaces what the sender sends (no renegotiation) and the old
 * track stops. On hold the sender is parked with no track: the new track waits for resume.
 */
export async function replaceLocalTrack(sdh: WebSdhLike, track: MediaStreamTrack): Promise<void> {
  const kind = track.kind === 'audio' ? 'audio' : 'video';
  const sender = kind === 'audio' ? audioSender(sdh) : videoSender(sdh);
  if (!sender) throw new Error(`This call has no ${kind} channel`);
  const wasParked = parked.get(sender);
  if (wasParked) {
    parked.set(sender, track);
    if (wasParked !== track) wasParked.stop();
  } else {
    const old = sender.track;
    await sender.replaceTrack(track);
    if (old && old !== track) old.stop();
  }
  const local =
    kind === 'audio' ? sdh.localMediaStream.getAudioTracks() : sdh.localMediaStream.getVideoTracks();
  for (const old of local) {
    if (old === track) continue;
    old.stop();
    sdh.localMediaStream.removeTrack(old);
  }
  if (!sdh.localMediaStream.getTracks().includes(track)) sdh.localMediaStream.addTrack(track);
}

export function stopLocalTracks(sdh: WebSdhLike | null): void {
  if (!sdh) return;
  for (const track of sdh.localMediaStream.getTracks()) track.stop();
}

/** True when an SDP offer has a video m-line with a non-zero port. */
export function offerHasVideo(sdp: string | undefined): boolean {
  if (!sdp) return false;
  const pattern = /^m=video (\d+)/gm;
  for (let match = pattern.exec(sdp); match; match = pattern.exec(sdp)) {
    if (match[1] !== '0') return true;
  }
  return false;
}
