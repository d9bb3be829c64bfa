/** Fake media: tracks, streams, senders, a peer connection with stats, and the Web SDH shape. */
export class FakeTrack extends EventTarget {
  enabled = true;
  stopped = false;
  get readyState(): MediaStreamTrackState {
    return this.stopped ? 'ended' : 'live';
  }
  readonly id = Math.random().toString(36).slice(2);
  constructor(readonly kind: 'audio' | 'video') {
    super();
  }
  stop(): void {
    this.stopped = true;
  }
}

export class FakeStream extends EventTarget {
  tracks: FakeTrack[] = [];
  constructor(tracks: FakeTrack[] = []) {
    super();
    this.tracks = [...tracks];
  }
  getTracks(): FakeTrack[] {
    return [...this.tracks];
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  addTrack(track: FakeTrack): void {
    this.tracks.push(track);
  }
  removeTrack(track: FakeTrack): void {
    this.tracks = this.tracks.filter((t) => t !== track);
  }
  /** What sip.js does after adding a track: dispatch `addtrack` itself. */
  addTrackAndNotify(track: FakeTrack): void {
    this.addTrack(track);
    const event = new Event('addtrack') as Event & { track?: FakeTrack };
    event.track = track;
    this.dispatchEvent(event);
  }
}

export class FakeDtmfSender {
  canInsertDTMF = true;
  toneBuffer = '';
  inserted: { tones: string; duration?: number; gap?: number }[] = [];
  insertDTMF(tones: string, duration?: number, gap?: number): void {
    this.inserted.push({ tones, duration, gap });
    this.toneBuffer = tones;
  }
}

export class FakeSender {
  replaced: (FakeTrack | null)[] = [];
  constructor(
    public track: FakeTrack | null,
    public dtmf: FakeDtmfSender | null = null,
  ) {}
  replaceTrack(track: FakeTrack | null): Promise<void> {
    this.track = track;
    this.replaced.push(track);
    return Promise.resolve();
  }
}

export class FakePeerConnection {
  iceConnectionState: RTCIceConnectionState = 'connected';
  /** Summed into one inbound-rtp report by getStats(); tests raise it to mean "RTP arrives". */
  packetsReceived = 0;
  getStatsCalls = 0;
  senders: FakeSender[] = [];
  receivers: { track: FakeTrack }[] = [];
  transceivers: { sender: FakeSender; receiver: { track: FakeTrack }; direction: string }[] = [];
  getSenders(): FakeSender[] {
    return this.senders;
  }
  getReceivers(): { track: FakeTrack }[] {
    return this.receivers;
  }
  getTransceivers() {
    return this.transceivers.map((t) => ({ ...t, currentDirection: t.direction }));
  }
  getStats(): Promise<Map<string, { type: string; packetsReceived?: number }>> {
    this.getStatsCalls++;
    return Promise.resolve(
      new Map([
        ['in-1', { type: 'inbound-rtp', packetsReceived: this.packetsReceived }],
        ['out-1', { type: 'outbound-rtp' }],
      ]),
    );
  }
  /** Every transceiver negotiated `direction` (e.g. the other side put us on hold: recvonly). */
  negotiate(direction: RTCRtpTransceiverDirection): void {
    for (const t of this.transceivers) t.direction = direction;
  }
  addTransceiver(
    kind: 'audio' | 'video',
    localTrack: FakeTrack | null,
    dtmf: FakeDtmfSender | null,
  ): FakeSender {
    const sender = new FakeSender(localTrack, dtmf);
    const receiver = { track: new FakeTrack(kind) };
    this.senders.push(sender);
    this.receivers.push(receiver);
    this.transceivers.push({ sender, receiver, direction: 'sendrecv' });
    return sender;
  }
}

/** Shaped like sip.js's Web SessionDescriptionHandler (the parts media.ts reads). */
export class FakeSdh {
  peerConnection: FakePeerConnection | undefined = new FakePeerConnection();
  localMediaStream = new FakeStream();
  remoteMediaStream = new FakeStream();
  readonly dtmf = new FakeDtmfSender();

  /** Like SDH.getDescription: acquire media per constraints and add senders. */
  setUpMedia(constraints: MediaStreamConstraints | undefined, remoteVideo: boolean): void {
    const pc = this.peerConnection!;
    const audio = new FakeTrack('audio');
    pc.addTransceiver('audio', audio, this.dtmf);
    this.localMediaStream.addTrackAndNotify(audio);
    if (constraints?.video) {
      const video = new FakeTrack('video');
      pc.addTransceiver('video', video, null);
      this.localMediaStream.addTrackAndNotify(video);
    } else if (remoteVideo) {
      pc.addTransceiver('video', null, null);
    }
  }
}
