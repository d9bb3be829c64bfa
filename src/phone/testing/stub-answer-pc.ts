/**
 * A stand-in for the browser's RTCPeerConnection (test-only), enough for sip.js's real Web SDH to
 * apply an offer and make an answer, or make an offer from `addTransceiver` and apply the answer, and
 * gather ICE: transceivers appear from the offer's m-lines and get a mid once in a description,
 * `addTrack`/`addTransceiver`/`replaceTrack` are recorded, `close()` is observable.
 */
import { FakeTrack } from './fake-media';

type Handler = ((event: unknown) => void) | null;

export class StubSender {
  replaced: (FakeTrack | null)[] = [];
  constructor(public track: FakeTrack | null) {}
  async replaceTrack(track: FakeTrack | null): Promise<void> {
    this.track = track;
    this.replaced.push(track);
  }
}

export interface StubTransceiver {
  mid: string | null;
  direction: RTCRtpTransceiverDirection;
  currentDirection: RTCRtpTransceiverDirection | null;
  sender: StubSender;
  receiver: { track: FakeTrack };
}

export class StubAnswerPeerConnection {
  static all: StubAnswerPeerConnection[] = [];
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
  remoteDescription: RTCSessionDescriptionInit | null = null;
  localDescription: RTCSessionDescriptionInit | null = null;
  transceivers: StubTransceiver[] = [];
  addTrackCalls = 0;
  addTransceiverCalls: { kind: string; init: RTCRtpTransceiverInit | undefined }[] = [];

  constructor(readonly config: RTCConfiguration) {
    StubAnswerPeerConnection.all.push(this);
  }
  get closed(): boolean {
    return this.signalingState === 'closed';
  }
  getSenders(): StubSender[] {
    return this.transceivers.map((t) => t.sender);
  }
  getReceivers() {
    return this.transceivers.map((t) => t.receiver);
  }
  getTransceivers(): StubTransceiver[] {
    return this.transceivers;
  }
  addTrack(track: FakeTrack): StubSender {
    this.addTrackCalls++;
    const reusable = this.transceivers.find(
      (t) => t.receiver.track.kind === track.kind && !t.sender.track && t.currentDirection === null,
    );
    if (reusable) {
      reusable.sender.track = track;
      return reusable.sender;
    }
    const sender = new StubSender(track);
    this.transceivers.push({
      mid: null,
      direction: 'sendrecv',
      currentDirection: null,
      sender,
      receiver: { track: new FakeTrack(track.kind) },
    });
    return sender;
  }
  addTransceiver(kind: 'audio' | 'video', init?: RTCRtpTransceiverInit): StubTransceiver {
    this.addTransceiverCalls.push({ kind, init });
    const transceiver: StubTransceiver = {
      mid: null,
      direction: init?.direction ?? 'sendrecv',
      currentDirection: null,
      sender: new StubSender(null),
      receiver: { track: new FakeTrack(kind) },
    };
    this.transceivers.push(transceiver);
    return transceiver;
  }
  async createOffer(): Promise<RTCSessionDescriptionInit> {
    const lines = this.transceivers.map(
      (t) => `m=${t.receiver.track.kind} 9 UDP/TLS/RTP/SAVPF 111\r\na=${t.direction}\r\n`,
    );
    return { type: 'offer', sdp: `v=0\r\n${lines.join('')}` };
  }
  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescription = description;
    if (description.type === 'answer') {
      this.signalingState = 'stable';
      for (const t of this.transceivers) t.currentDirection = t.direction;
      return;
    }
    this.signalingState = 'have-remote-offer';
    for (const match of (description.sdp ?? '').matchAll(/^m=(audio|video) /gm)) {
      const kind = match[1] as 'audio' | 'video';
      if (this.transceivers.some((t) => t.receiver.track.kind === kind)) continue;
      this.transceivers.push({
        mid: String(this.transceivers.length),
        direction: 'recvonly',
        currentDirection: null,
        sender: new StubSender(null),
        receiver: { track: new FakeTrack(kind) },
      });
    }
  }
  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    const lines = this.transceivers.map(
      (t) => `m=${t.receiver.track.kind} 9 UDP/TLS/RTP/SAVPF 111\r\na=${t.direction}\r\n`,
    );
    return { type: 'answer', sdp: `v=0\r\n${lines.join('')}` };
  }
  async setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.localDescription = description;
    this.transceivers.forEach((t, index) => {
      t.mid ??= String(index);
    });
    if (description.type === 'offer') this.signalingState = 'have-local-offer';
    else {
      this.signalingState = 'stable';
      for (const t of this.transceivers) t.currentDirection = t.direction;
    }
    if (this.iceGatheringState === 'new') this.iceGatheringState = 'gathering';
  }
  /** The browser found a host candidate (the SDH's ICE policy then completes after its grace). */
  hostCandidate(): void {
    this.onicecandidate?.({
      candidate: { type: 'host', candidate: 'candidate:1 1 udp 1 192.0.2.1 5000 typ host' },
    });
  }
  close(): void {
    this.signalingState = 'closed';
  }
}
