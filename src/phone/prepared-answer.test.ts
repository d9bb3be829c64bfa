/**
 * Answer preparation with sip.js's real Web SDH (subclassed in sdh.ts) over a stub peer connection:
 * nothing is captured while ringing, Answer sends the prepared SDP without waiting for the devices,
 * the tracks then go onto the negotiated senders, and an unanswered call closes what was prepared.
 */
import { SessionState, type Session } from 'sip.js';
import { describe, expect, it, vi } from 'vitest';
import {
  AnswerPreparer,
  localMediaFailure,
  pendingLocalMedia,
  type PreparableSession,
} from './prepared-answer';
import { createSessionDescriptionHandlerFactory, type OpenlineSessionDescriptionHandler } from './sdh';
import { FakeEmitter, FakeStream, FakeTrack } from './testing/fakes';
import { StubAnswerPeerConnection } from './testing/stub-answer-pc';
import { completeIce, stubRtcGlobalsForEachTest } from './testing/stub-rtc-globals';

const OFFER =
  'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendrecv\r\n';
const OPTIONS = { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 1000 };
const logger = { debug: () => {}, log: () => {}, warn: () => {}, error: () => {} };

class FakeIncoming implements PreparableSession {
  readonly stateChange = new FakeEmitter<SessionState>();
  readonly userAgent = { getLogger: () => logger };
  constructor(readonly body: string | undefined) {}
  get session(): Session {
    return this as unknown as Session;
  }
}

function setup(getUserMedia: (c: MediaStreamConstraints) => Promise<MediaStream>) {
  const gum = vi.fn(getUserMedia);
  const clock = { setTimeout, clearTimeout, now: () => Date.now() };
  const make = createSessionDescriptionHandlerFactory({ getUserMedia: gum, clock });
  const warn = vi.fn();
  const preparer = new AnswerPreparer(make, { warn, error: vi.fn() });
  return { gum, preparer, warn };
}

/** Rings: the answer is prepared and ICE is satisfied (host candidate + 50 ms grace). */
async function ring(preparer: AnswerPreparer, call: FakeIncoming): Promise<StubAnswerPeerConnection> {
  preparer.prepare(call, OPTIONS, []);
  return completeIce();
}

const devices = (kinds: ('audio' | 'video')[]) => new FakeStream(kinds.map((k) => new FakeTrack(k)));

stubRtcGlobalsForEachTest();

describe('AnswerPreparer', () => {
  it('prepares the answer while ringing without opening the microphone or camera', async () => {
    const { gum, preparer } = setup(async () => devices(['audio']) as unknown as MediaStream);
    const pc = await ring(preparer, new FakeIncoming(OFFER));
    expect(gum).not.toHaveBeenCalled();
    expect(pc.localDescription?.type).toBe('answer');
    expect(pc.localDescription?.sdp).toContain('a=sendrecv');
    expect(pc.getSenders().every((sender) => sender.track === null)).toBe(true);
    expect(preparer.pending).toBe(1);
  });

  it('Answer sends the prepared SDP at once, then puts the tracks on the negotiated senders', async () => {
    let grant: (stream: FakeStream) => void = () => {};
    const { gum, preparer } = setup(
      () => new Promise<MediaStream>((resolve) => (grant = (s) => resolve(s as unknown as MediaStream))),
    );
    const call = new FakeIncoming(OFFER);
    const pc = await ring(preparer, call);
    const prepared = pc.localDescription?.sdp;

    // What sip.js does in Invitation.accept(): factory, setDescription(offer), getDescription().
    const sdh = preparer.factory(call.session, OPTIONS) as OpenlineSessionDescriptionHandler;
    expect(sdh.peerConnection).toBe(pc as unknown as RTCPeerConnection);
    expect(preparer.pending).toBe(0);
    const constraints = { audio: true, video: true };
    await sdh.setDescription(OFFER, { constraints });
    const answer = await sdh.getDescription({ constraints });
    expect(answer).toEqual({ body: prepared, contentType: 'application/sdp' });
    expect(gum).toHaveBeenCalledTimes(1);
    expect(gum).toHaveBeenCalledWith(constraints);
    expect(StubAnswerPeerConnection.all).toHaveLength(1);

    const stream = devices(['audio', 'video']);
    const added = vi.fn();
    sdh.localMediaStream.addEventListener('addtrack', added);
    grant(stream);
    await pendingLocalMedia(sdh);
    const [audio, video] = stream.getTracks();
    expect(pc.getSenders().map((sender) => sender.track)).toEqual([audio, video]);
    expect(pc.addTrackCalls).toBe(0);
    expect(sdh.localMediaStream.getTracks()).toEqual([audio, video]);
    expect(added).toHaveBeenCalledTimes(2);

    // A later re-INVITE with the same constraints does not open the devices again.
    await sdh.getDescription({ constraints }).catch(() => undefined);
    expect(gum).toHaveBeenCalledTimes(1);
  });

  it('closes the prepared peer connection when the call ends unanswered, having captured nothing', async () => {
    const { gum, preparer } = setup(async () => devices(['audio']) as unknown as MediaStream);
    const call = new FakeIncoming(OFFER);
    const pc = await ring(preparer, call);
    expect(pc.closed).toBe(false);
    // Cancelled by the caller, declined here, answered elsewhere: the session terminates.
    call.stateChange.emit(SessionState.Terminated);
    expect(pc.closed).toBe(true);
    expect(preparer.pending).toBe(0);
    expect(call.stateChange.size).toBe(0);
    expect(gum).not.toHaveBeenCalled();
    // A late accept would start afresh rather than reuse the closed handler.
    preparer.factory(call.session, OPTIONS);
    expect(StubAnswerPeerConnection.all).toHaveLength(2);
  });

  it('a refused microphone after Answer is reported with a sentence for the user', async () => {
    const denied = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
    const { preparer } = setup(() => Promise.reject(denied));
    const call = new FakeIncoming(OFFER);
    await ring(preparer, call);
    const sdh = preparer.factory(call.session, OPTIONS) as OpenlineSessionDescriptionHandler;
    await sdh.setDescription(OFFER, { constraints: { audio: true, video: false } });
    await sdh.getDescription({ constraints: { audio: true, video: false } });
    const failure = await pendingLocalMedia(sdh)!.catch((error: unknown) => localMediaFailure(error));
    expect(failure).toMatch(/microphone/i);
  });

  it('dispose() closes every handler still waiting for an answer', async () => {
    const { preparer } = setup(async () => devices(['audio']) as unknown as MediaStream);
    const pcs = [
      await ring(preparer, new FakeIncoming(OFFER)),
      await ring(preparer, new FakeIncoming(OFFER)),
    ];
    preparer.dispose();
    expect(pcs.every((pc) => pc.closed)).toBe(true);
    expect(preparer.pending).toBe(0);
  });

  it('an INVITE without an offer is not prepared', () => {
    const { preparer } = setup(async () => devices(['audio']) as unknown as MediaStream);
    preparer.prepare(new FakeIncoming(undefined), OPTIONS, []);
    expect(StubAnswerPeerConnection.all).toHaveLength(0);
  });
});
