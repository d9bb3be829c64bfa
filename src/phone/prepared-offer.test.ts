/**
 * Offer preparation with sip.js's real Web SDH (subclassed in sdh.ts) over a stub peer connection:
 * nothing is captured before the click, the click's offer is the prepared one, the microphone's
 * track then goes onto the offered sender, and preparations expire, mismatch or close on stop.
 */
import type { Session } from 'sip.js';
import { describe, expect, it, vi } from 'vitest';
import { OfferPreparer, PREPARED_OFFER_TTL_MS } from './prepared-offer';
import { pendingLocalMedia } from './prepared-answer';
import { createSessionDescriptionHandlerFactory } from './sdh';
import { FakeStream, FakeTrack } from './testing/fakes';
import { StubAnswerPeerConnection } from './testing/stub-answer-pc';
import { completeIce, stubRtcGlobalsForEachTest } from './testing/stub-rtc-globals';

const OPTIONS = { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 1000 };
const ANSWER = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n';
const logger = { debug: () => {}, log: () => {}, warn: () => {}, error: () => {} };
const session = { userAgent: { getLogger: () => logger } } as unknown as Session;

function setup(
  options: { granted?: boolean; cameraGranted?: boolean; getUserMedia?: () => Promise<MediaStream> } = {},
) {
  const gum = vi.fn(
    options.getUserMedia ?? (async () => new FakeStream([new FakeTrack('audio')]) as unknown as MediaStream),
  );
  const clock = { setTimeout, clearTimeout, now: () => Date.now() };
  const make = createSessionDescriptionHandlerFactory({ getUserMedia: gum, clock });
  const warn = vi.fn();
  const mediaGranted = vi.fn(
    async (video: boolean) => (options.granted ?? true) && (!video || (options.cameraGranted ?? true)),
  );
  const offers = new OfferPreparer(make, {
    clock,
    logger: { warn, error: vi.fn() },
    mediaGranted,
    session: () => session,
  });
  return { gum, offers, warn, mediaGranted };
}

/** The user typed a number: the offer is prepared and ICE satisfied (host candidate + 50 ms grace). */
async function typed(offers: OfferPreparer, key = 'k1'): Promise<StubAnswerPeerConnection> {
  offers.prepare(key, OPTIONS, []);
  return completeIce();
}

stubRtcGlobalsForEachTest();

describe('OfferPreparer', () => {
  it('prepares an audio offer with no track and opens no device before the click', async () => {
    const { gum, offers } = setup();
    const pc = await typed(offers);
    expect(gum).not.toHaveBeenCalled();
    expect(pc.addTransceiverCalls).toEqual([
      { kind: 'audio', init: expect.objectContaining({ direction: 'sendrecv' }) },
    ]);
    expect(pc.localDescription?.type).toBe('offer');
    expect(pc.transceivers.map((t) => t.sender.track)).toEqual([null]);
  });

  it('the click sends the prepared offer at once, then puts the microphone on the offered sender', async () => {
    let release: () => void = () => {};
    const mic = new FakeTrack('audio');
    const { gum, offers } = setup({
      getUserMedia: () =>
        new Promise<MediaStream>((resolve) => {
          release = () => resolve(new FakeStream([mic]) as unknown as MediaStream);
        }),
    });
    const pc = await typed(offers);
    const inviter = {};
    offers.claim(inviter, 'k1');
    const sdh = offers.take(inviter)!;
    expect(sdh.peerConnection).toBe(pc);
    const offer = await sdh.getDescription({ constraints: { audio: true, video: false } });
    expect(offer.body).toBe(pc.localDescription?.sdp);
    expect(gum).toHaveBeenCalledTimes(1); // asked at the click, still pending when the offer went
    release();
    await pendingLocalMedia(sdh);
    expect(pc.transceivers).toHaveLength(1);
    expect(pc.transceivers[0]!.sender.replaced).toEqual([mic]);
    expect(pc.addTrackCalls).toBe(0);
    // The answer comes back: no new media request, no renegotiation.
    await sdh.setDescription(ANSWER, { constraints: { audio: true, video: false } });
    expect(pc.signalingState).toBe('stable');
    expect(gum).toHaveBeenCalledTimes(1);
  });

  it('a click during the preparation waits for it, and the microphone opens meanwhile', async () => {
    const { gum, offers } = setup();
    offers.prepare('k1', OPTIONS, []);
    await vi.advanceTimersByTimeAsync(1);
    const pc = StubAnswerPeerConnection.all.at(-1)!;
    const inviter = {};
    offers.claim(inviter, 'k1');
    const sdh = offers.take(inviter)!;
    let sent = false;
    const offer = sdh.getDescription({ constraints: { audio: true, video: false } }).then((d) => {
      sent = true;
      return d;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(gum).toHaveBeenCalledTimes(1);
    expect(sent).toBe(false);
    pc.hostCandidate();
    await vi.advanceTimersByTimeAsync(60);
    await expect(offer).resolves.toMatchObject({ contentType: 'application/sdp' });
    await pendingLocalMedia(sdh);
    expect(pc.transceivers).toHaveLength(1);
    expect(pc.transceivers[0]!.sender.track?.kind).toBe('audio');
  });

  it('is not used by a call that did not claim it, or for other settings', async () => {
    const { offers } = setup();
    await typed(offers, 'k1');
    expect(offers.take({})).toBeNull();
    const inviter = {};
    offers.claim(inviter, 'k2');
    expect(offers.take(inviter)).toBeNull();
    // A later prepare for the new settings replaces (closes) the old one.
    const old = StubAnswerPeerConnection.all.at(-1)!;
    await typed(offers, 'k2');
    expect(old.closed).toBe(true);
    expect(StubAnswerPeerConnection.all).toHaveLength(2);
  });

  it('typing more keeps one preparation alive; it expires after the last keystroke', async () => {
    const { offers } = setup();
    const pc = await typed(offers);
    await vi.advanceTimersByTimeAsync(PREPARED_OFFER_TTL_MS - 1000);
    offers.prepare('k1', OPTIONS, []);
    await vi.advanceTimersByTimeAsync(PREPARED_OFFER_TTL_MS - 1000);
    expect(pc.closed).toBe(false);
    expect(StubAnswerPeerConnection.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(pc.closed).toBe(true);
    const inviter = {};
    offers.claim(inviter, 'k1');
    expect(offers.take(inviter)).toBeNull();
  });

  it('prepares nothing unless the microphone permission is granted', async () => {
    const { offers, mediaGranted } = setup({ granted: false });
    offers.prepare('k1', OPTIONS, []);
    await vi.advanceTimersByTimeAsync(100);
    expect(StubAnswerPeerConnection.all).toHaveLength(0);
    expect(mediaGranted).toHaveBeenCalledWith(false);
  });

  it('closes the preparation when the engine stops', async () => {
    const { offers } = setup();
    const pc = await typed(offers);
    offers.dispose();
    expect(pc.closed).toBe(true);
  });

  it('a permission answer that arrives after the engine stopped prepares nothing', async () => {
    let answer: (granted: boolean) => void = () => {};
    const make = createSessionDescriptionHandlerFactory({
      getUserMedia: vi.fn(),
      clock: { setTimeout, clearTimeout, now: () => Date.now() },
    });
    const offers = new OfferPreparer(make, {
      clock: { setTimeout, clearTimeout, now: () => Date.now() },
      logger: { warn: vi.fn(), error: vi.fn() },
      mediaGranted: () =>
        new Promise<boolean>((resolve) => {
          answer = resolve;
        }),
      session: () => session,
    });
    offers.prepare('k1', OPTIONS, []);
    offers.dispose();
    answer(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(StubAnswerPeerConnection.all).toHaveLength(0);
  });

  it('a failed microphone after the offer went out is reported through pendingLocalMedia', async () => {
    const { offers } = setup({
      getUserMedia: () => Promise.reject(new DOMException('busy', 'NotReadableError')),
    });
    await typed(offers);
    const inviter = {};
    offers.claim(inviter, 'k1');
    const sdh = offers.take(inviter)!;
    await sdh.getDescription({ constraints: { audio: true, video: false } });
    await expect(pendingLocalMedia(sdh)).rejects.toThrow('busy');
  });

  it('a video call is prepared with an audio and a video transceiver, and the click puts both tracks on them', async () => {
    const mic = new FakeTrack('audio');
    const camera = new FakeTrack('video');
    const { gum, offers, mediaGranted } = setup({
      getUserMedia: async () => new FakeStream([mic, camera]) as unknown as MediaStream,
    });
    offers.prepare('v1', OPTIONS, [], true);
    const pc = await completeIce();
    expect(mediaGranted).toHaveBeenCalledWith(true);
    expect(gum).not.toHaveBeenCalled();
    expect(pc.addTransceiverCalls.map((c) => [c.kind, c.init?.direction])).toEqual([
      ['audio', 'sendrecv'],
      ['video', 'sendrecv'],
    ]);
    expect(pc.transceivers.map((t) => t.sender.track)).toEqual([null, null]);
    const inviter = {};
    offers.claim(inviter, 'v1');
    const sdh = offers.take(inviter)!;
    await sdh.getDescription({ constraints: { audio: true, video: true } });
    await pendingLocalMedia(sdh);
    expect(gum).toHaveBeenCalledTimes(1);
    expect(pc.transceivers.map((t) => t.sender.replaced)).toEqual([[mic], [camera]]);
    expect(pc.addTrackCalls).toBe(0);
  });

  it('prepares no video call without the camera permission, while an audio call still is', async () => {
    const { offers } = setup({ cameraGranted: false });
    offers.prepare('v1', OPTIONS, [], true);
    await vi.advanceTimersByTimeAsync(100);
    expect(StubAnswerPeerConnection.all).toHaveLength(0);
    await typed(offers, 'a1');
    expect(StubAnswerPeerConnection.all).toHaveLength(1);
  });

  it('pointing at Video call after typing replaces the audio preparation; an audio call does not take a video one', async () => {
    const { offers } = setup();
    const audio = await typed(offers, 'a1');
    offers.prepare('v1', OPTIONS, [], true);
    await completeIce();
    expect(audio.closed).toBe(true);
    const inviter = {};
    offers.claim(inviter, 'a1');
    expect(offers.take(inviter)).toBeNull();
  });
});
