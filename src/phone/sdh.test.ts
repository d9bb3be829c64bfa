/**
 * The real sip.js Web SessionDescriptionHandler, subclassed in sdh.ts, driven with a
 * stub RTCPeerConnection: checks that sip.js really calls our ICE policy and that
 * iceGatheringComplete() releases the offer early.
 */
import type { Session } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSessionDescriptionHandlerFactory } from './sdh';
import { FakeStream, FakeTrack } from './testing/fakes';

type Handler = ((event: unknown) => void) | null;

class StubPeerConnection {
  static last: StubPeerConnection | null = null;
  onicecandidate: Handler = null;
  onicegatheringstatechange: Handler = null;
  onconnectionstatechange: Handler = null;
  ondatachannel: Handler = null;
  onicecandidateerror: Handler = null;
  oniceconnectionstatechange: Handler = null;
  onnegotiationneeded: Handler = null;
  onsignalingstatechange: Handler = null;
  ontrack: Handler = null;
  iceGatheringState: RTCIceGatheringState = 'new';
  signalingState: RTCSignalingState = 'stable';
  localDescription: RTCSessionDescriptionInit | null = null;
  senders: { track: FakeTrack | null; replaceTrack(t: FakeTrack | null): Promise<void> }[] = [];
  transceivers: {
    direction: string;
    sender: StubPeerConnection['senders'][number];
    receiver: { track: null };
  }[] = [];

  constructor(readonly config: RTCConfiguration) {
    StubPeerConnection.last = this;
  }
  getSenders() {
    return this.senders;
  }
  getReceivers() {
    return [];
  }
  getTransceivers() {
    return this.transceivers;
  }
  addTrack(track: FakeTrack) {
    const sender = {
      track: track as FakeTrack | null,
      replaceTrack: async (t: FakeTrack | null) => {
        sender.track = t;
      },
    };
    this.senders.push(sender);
    this.transceivers.push({ direction: 'sendrecv', sender, receiver: { track: null } });
    return sender;
  }
  async createOffer() {
    return { type: 'offer' as const, sdp: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n' };
  }
  async setLocalDescription(description: RTCSessionDescriptionInit) {
    this.localDescription = description;
    this.signalingState = 'have-local-offer';
    if (this.iceGatheringState === 'new') this.iceGatheringState = 'gathering';
  }
  candidate(type: string) {
    this.onicecandidate?.({
      candidate: { type, candidate: `candidate:1 1 udp 1 192.0.2.1 5000 typ ${type}` },
    });
  }
  finishGathering() {
    this.iceGatheringState = 'complete';
    this.onicegatheringstatechange?.({});
    this.onicecandidate?.({ candidate: null });
  }
  close() {}
}

class StubTrackEvent extends Event {
  readonly track: unknown;
  constructor(type: string, init: { track: unknown }) {
    super(type);
    this.track = init.track;
  }
}

const logger = { debug: () => {}, log: () => {}, warn: () => {}, error: () => {} };
const session = { userAgent: { getLogger: () => logger } } as unknown as Session;

function makeSdh(iceServers: RTCIceServer[], iceGatheringTimeout: number) {
  const factory = createSessionDescriptionHandlerFactory({
    getUserMedia: async (constraints) =>
      new FakeStream(constraints.audio ? [new FakeTrack('audio')] : []) as unknown as MediaStream,
    clock: {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      now: () => Date.now(),
    },
  });
  const sdh = factory(session, { peerConnectionConfiguration: { iceServers }, iceGatheringTimeout });
  const pc = StubPeerConnection.last!;
  return { sdh, pc };
}

/** Runs getDescription() and reports when (fake ms) it resolved. */
function timedOffer(sdh: ReturnType<typeof makeSdh>['sdh']) {
  const started = Date.now();
  let resolvedAfter: number | null = null;
  const done = sdh.getDescription({ constraints: { audio: true, video: false } }).then((description) => {
    resolvedAfter = Date.now() - started;
    return description;
  });
  return { done, resolvedAfter: () => resolvedAfter };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.stubGlobal('RTCPeerConnection', StubPeerConnection);
  vi.stubGlobal('MediaStream', FakeStream);
  vi.stubGlobal('MediaStreamTrackEvent', StubTrackEvent);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('OpenlineSessionDescriptionHandler (real sip.js SDH)', () => {
  it('passes the explicit ICE servers to RTCPeerConnection (no default public STUN)', () => {
    const { pc } = makeSdh([], 1000);
    expect(pc.config.iceServers).toEqual([]);
  });

  it("gives every peer connection the page's DTLS certificate once it is made, none before", () => {
    const made = { expires: Date.now() + 1e9 } as RTCCertificate;
    let ready: RTCCertificate | null = null;
    const factory = createSessionDescriptionHandlerFactory({
      getUserMedia: async () => new FakeStream([]) as unknown as MediaStream,
      clock: { setTimeout, clearTimeout, now: () => Date.now() },
      certificate: () => ready,
    });
    const options = { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 1000 };
    factory(session, options);
    expect(StubPeerConnection.last!.config.certificates).toBeUndefined();
    ready = made;
    factory(session, options);
    expect(StubPeerConnection.last!.config.certificates).toEqual([made]);
    expect(StubPeerConnection.last!.config.iceServers).toEqual([]);
  });

  it('no ICE servers: the offer is ready 50 ms after the first host candidate', async () => {
    const { sdh, pc } = makeSdh([], 1000);
    const offer = timedOffer(sdh);
    await vi.advanceTimersByTimeAsync(5);
    pc.candidate('host');
    await vi.advanceTimersByTimeAsync(49);
    expect(offer.resolvedAfter()).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(offer.resolvedAfter()).toBe(55);
    await expect(offer.done).resolves.toMatchObject({ contentType: 'application/sdp' });
  });

  it('STUN: the offer goes at the first srflx candidate', async () => {
    const { sdh, pc } = makeSdh([{ urls: 'stun:stun.example.com' }], 1000);
    const offer = timedOffer(sdh);
    await vi.advanceTimersByTimeAsync(3);
    pc.candidate('host');
    await vi.advanceTimersByTimeAsync(37);
    pc.candidate('srflx');
    await vi.advanceTimersByTimeAsync(0);
    expect(offer.resolvedAfter()).toBe(40);
  });

  it('STUN unreachable: capped at iceGatheringTimeout, and re-offers do not wait again', async () => {
    const { sdh, pc } = makeSdh([{ urls: 'stun:unreachable.example.com' }], 1000);
    const offer = timedOffer(sdh);
    await vi.advanceTimersByTimeAsync(3);
    pc.candidate('host');
    await vi.advanceTimersByTimeAsync(2000);
    expect(offer.resolvedAfter()).toBe(1000);
    expect(pc.iceGatheringState).toBe('gathering');

    // Answer applied; a hold re-INVITE creates a new offer while Chromium keeps gathering.
    pc.signalingState = 'stable';
    const reoffer = timedOffer(sdh);
    await vi.advanceTimersByTimeAsync(0);
    expect(reoffer.resolvedAfter()).toBe(0);
  });

  it('end-of-gathering completes the wait', async () => {
    const { sdh, pc } = makeSdh([{ urls: 'stun:stun.example.com' }], 1000);
    const offer = timedOffer(sdh);
    await vi.advanceTimersByTimeAsync(3);
    pc.candidate('host');
    await vi.advanceTimersByTimeAsync(100);
    pc.finishGathering();
    await vi.advanceTimersByTimeAsync(0);
    expect(offer.resolvedAfter()).toBe(103);
  });
});

describe('media acquisition', () => {
  it('stops the tracks if the call ended while getUserMedia was pending', async () => {
    let release: (stream: FakeStream) => void = () => {};
    const factory = createSessionDescriptionHandlerFactory({
      getUserMedia: () =>
        new Promise<MediaStream>((resolve) => {
          release = (stream) => resolve(stream as unknown as MediaStream);
        }),
      clock: { setTimeout, clearTimeout, now: () => Date.now() },
    });
    const sdh = factory(session, {
      peerConnectionConfiguration: { iceServers: [] },
      iceGatheringTimeout: 1000,
    });
    const offer = sdh.getDescription({ constraints: { audio: true, video: true } });
    sdh.close();
    const tracks = [new FakeTrack('audio'), new FakeTrack('video')];
    release(new FakeStream(tracks));
    await expect(offer).rejects.toThrow();
    expect(tracks.every((t) => t.stopped)).toBe(true);
  });
});
