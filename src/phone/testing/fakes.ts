/**
 * Hand-written fakes behind `EngineDeps` (test-only). They mimic the sip.js behaviour
 * the engine relies on, including its ordering quirks (e.g. an Inviter reaches
 * `Terminated` before `requestDelegate.onReject` sees the final response).
 */
import { RegistererState, RequestPendingError, SessionState, type URI } from 'sip.js';
import type {
  EngineDeps,
  EventTargetLike,
  InfoLike,
  InvitationLike,
  InviteOptionsLike,
  InviterLike,
  NameAddrLike,
  RegistererLike,
  RequestDelegateLike,
  RequestOptionsLike,
  ResponseLike,
  SessionDelegateLike,
  UserAgentConfigurationLike,
  UserAgentDelegateLike,
  UserAgentInit,
  UserAgentLike,
} from '../ports';

export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

export class FakeEmitter<T> {
  private listeners = new Set<(data: T) => void>();
  addListener(listener: (data: T) => void): void {
    this.listeners.add(listener);
  }
  removeListener(listener: (data: T) => void): void {
    this.listeners.delete(listener);
  }
  emit(data: T): void {
    for (const listener of [...this.listeners]) listener(data);
  }
  get size(): number {
    return this.listeners.size;
  }
}

export function response(
  statusCode: number,
  reasonPhrase = '',
  headers: Record<string, string> = {},
): ResponseLike {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { message: { statusCode, reasonPhrase, body: '', getHeader: (name) => lower[name.toLowerCase()] } };
}

export function message(headers: Record<string, string> = {}, body = '') {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { body, getHeader: (name: string) => lower[name.toLowerCase()] };
}

// ------------------------------------------------------------------ media

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
    return this.transceivers;
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

// ------------------------------------------------------------------ sessions

type InfoRecord = { body?: string; contentType?: string; requestDelegate?: RequestDelegateLike };

abstract class FakeSession {
  state: SessionState = SessionState.Initial;
  readonly stateChange = new FakeEmitter<SessionState>();
  delegate: SessionDelegateLike | undefined;
  assertedIdentity: NameAddrLike | undefined;
  sessionDescriptionHandler: FakeSdh | undefined;
  byeCount = 0;
  infos: InfoRecord[] = [];
  reinvites: InviteOptionsLike[] = [];
  /** Final status for re-INVITEs, in order; 200 when empty. */
  reinviteAnswers: number[] = [];
  /** Retry-After header sent with failed re-INVITE answers. */
  reinviteRetryAfter: string | undefined;
  infoAnswer = 200;

  constructor(
    readonly id: string,
    readonly remoteIdentity: NameAddrLike,
  ) {}

  transition(state: SessionState): void {
    if (this.state === state) return;
    this.state = state;
    this.stateChange.emit(state);
  }

  bye(): Promise<unknown> {
    if (this.state !== SessionState.Established) throw new Error(`Invalid session state ${this.state}`);
    this.byeCount++;
    this.transition(SessionState.Terminated);
    return Promise.resolve({});
  }

  info(options?: {
    requestDelegate?: RequestDelegateLike;
    requestOptions?: RequestOptionsLike;
  }): Promise<unknown> {
    if (this.state !== SessionState.Established) return Promise.reject(new Error('Invalid session state'));
    const body = options?.requestOptions?.body;
    this.infos.push({
      body: body?.content,
      contentType: body?.contentType,
      requestDelegate: options?.requestDelegate,
    });
    const status = this.infoAnswer;
    queueMicrotask(() => {
      if (status < 300) options?.requestDelegate?.onAccept?.(response(status));
      else options?.requestDelegate?.onReject?.(response(status));
    });
    return Promise.resolve({});
  }

  /** Re-INVITE (Inviter overrides for the initial INVITE). */
  invite(options?: InviteOptionsLike): Promise<unknown> {
    return this.reinvite(options);
  }

  protected reinvite(options?: InviteOptionsLike): Promise<unknown> {
    if (this.state !== SessionState.Established) return Promise.reject(new Error('Invalid session state'));
    this.reinvites.push(options ?? {});
    const status = this.reinviteAnswers.shift() ?? 200;
    const headers: Record<string, string> = this.reinviteRetryAfter
      ? { 'Retry-After': this.reinviteRetryAfter }
      : {};
    queueMicrotask(() => {
      if (status < 300) options?.requestDelegate?.onAccept?.(response(status));
      else options?.requestDelegate?.onReject?.(response(status, '', headers));
    });
    return Promise.resolve({});
  }

  /** The other side hangs up. */
  remoteBye(): void {
    this.delegate?.onBye?.({ request: message(), accept: () => Promise.resolve() });
    this.transition(SessionState.Terminated);
  }

  /** The other side sends INFO; resolves with our answer. */
  remoteInfo(contentType: string | undefined, body: string): Promise<{ status: number; headers?: string[] }> {
    return new Promise((resolve) => {
      const info: InfoLike = {
        request: message(contentType ? { 'Content-Type': contentType } : {}, body),
        accept: () => {
          resolve({ status: 200 });
          return Promise.resolve();
        },
        reject: (options) => {
          resolve({ status: options?.statusCode ?? 480, headers: options?.extraHeaders });
          return Promise.resolve();
        },
      };
      this.delegate?.onInfo?.(info);
    });
  }

  protected createSdh(constraints: MediaStreamConstraints | undefined, remoteVideo: boolean): FakeSdh {
    const sdh = new FakeSdh();
    this.sessionDescriptionHandler = sdh;
    this.delegate?.onSessionDescriptionHandler?.(sdh, false);
    sdh.setUpMedia(constraints, remoteVideo);
    return sdh;
  }
}

export class FakeInviter extends FakeSession implements InviterLike {
  requestDelegate: RequestDelegateLike | undefined;
  cancelled = false;
  /** Make the initial INVITE fail (e.g. getUserMedia denied). */
  failWith: Error | null = null;

  constructor(
    readonly target: URI,
    readonly options: { sessionDescriptionHandlerOptions?: { constraints?: MediaStreamConstraints } },
  ) {
    super(`inviter-${Math.random()}`, { uri: target, displayName: '' });
  }

  override invite(options?: InviteOptionsLike): Promise<unknown> {
    if (this.state !== SessionState.Initial) return this.reinvite(options);
    if (this.failWith) {
      this.transition(SessionState.Terminated);
      return Promise.reject(this.failWith);
    }
    this.requestDelegate = options?.requestDelegate;
    this.createSdh(this.options.sessionDescriptionHandlerOptions?.constraints, false);
    this.transition(SessionState.Establishing);
    return Promise.resolve({});
  }

  cancel(): Promise<void> {
    if (this.state !== SessionState.Initial && this.state !== SessionState.Establishing) {
      return Promise.reject(new Error(`Invalid session state ${this.state}`));
    }
    this.cancelled = true;
    this.transition(SessionState.Terminating);
    return Promise.resolve();
  }

  progress(status = 180): void {
    this.requestDelegate?.onProgress?.(response(status));
  }

  answer(): void {
    this.transition(SessionState.Established);
    this.requestDelegate?.onAccept?.(response(200));
  }

  /** Final non-2xx: like sip.js, the state changes before onReject is called. */
  rejectWith(status: number, reason = ''): void {
    this.transition(SessionState.Terminated);
    this.requestDelegate?.onReject?.(response(status, reason));
  }
}

export class FakeInvitation extends FakeSession implements InvitationLike {
  accepted: Parameters<InvitationLike['accept']>[0][] = [];
  rejected: Parameters<InvitationLike['reject']>[0][] = [];
  failAcceptWith: Error | null = null;

  constructor(
    readonly from: { user: string; displayName?: string; host?: string },
    readonly body: string | undefined,
  ) {
    const uri = `sip:${from.user}@${from.host ?? 'example.com'}`;
    super(`invitation-${Math.random()}`, {
      uri: { user: from.user, toString: () => uri },
      displayName: from.displayName ?? '',
    });
  }

  get request() {
    return message({ 'Content-Type': 'application/sdp' }, this.body ?? '');
  }

  async accept(options?: Parameters<InvitationLike['accept']>[0]): Promise<void> {
    if (this.state !== SessionState.Initial) throw new Error(`Invalid session state ${this.state}`);
    this.accepted.push(options);
    this.transition(SessionState.Establishing);
    await Promise.resolve();
    if (this.failAcceptWith) {
      this.transition(SessionState.Terminated);
      throw this.failAcceptWith;
    }
    if ((this.state as SessionState) !== SessionState.Establishing) return;
    this.createSdh(
      options?.sessionDescriptionHandlerOptions?.constraints,
      /m=video [1-9]/.test(this.body ?? ''),
    );
    this.transition(SessionState.Established);
  }

  reject(options?: Parameters<InvitationLike['reject']>[0]): Promise<void> {
    if (this.state !== SessionState.Initial && this.state !== SessionState.Establishing) {
      return Promise.reject(new Error(`Invalid session state ${this.state}`));
    }
    this.rejected.push(options);
    this.transition(SessionState.Terminated);
    return Promise.resolve();
  }

  /** The caller gives up (CANCEL), optionally with a Reason header. */
  remoteCancel(reason?: string): void {
    this.delegate?.onCancel?.({ request: message(reason ? { Reason: reason } : {}) });
    this.transition(SessionState.Terminated);
  }
}

// ------------------------------------------------------------------ registration

export type RegisterAnswer = number | 'none' | 'pending-error';

export class FakeRegisterer implements RegistererLike {
  state: RegistererState = RegistererState.Initial;
  readonly stateChange = new FakeEmitter<RegistererState>();
  waiting = false;
  disposed = false;
  registerCalls = 0;
  unregisterCalls = 0;
  private lastDelegate: RequestDelegateLike | undefined;

  constructor(
    private readonly world: FakeSip,
    readonly options: unknown,
  ) {}

  private transition(state: RegistererState): void {
    if (this.state === state) return;
    this.state = state;
    this.stateChange.emit(state);
  }

  register(options?: { requestDelegate?: RequestDelegateLike }): Promise<unknown> {
    if (this.disposed) throw new Error('Registerer disposed. Unable to register.');
    this.registerCalls++;
    this.world.registerLog.push(this);
    // What sip.js would answer a challenge with: read from the UserAgent's live configuration.
    const live = this.world.ua.configuration;
    this.world.registerCredentials.push({
      username: live.authorizationUsername,
      password: live.authorizationPassword,
    });
    const answer = this.world.nextRegisterAnswer();
    if (answer === 'pending-error' || this.waiting) {
      return Promise.reject(
        new RequestPendingError('REGISTER request already in progress, waiting for final response'),
      );
    }
    this.waiting = true;
    this.lastDelegate = options?.requestDelegate;
    if (answer !== 'none') queueMicrotask(() => this.answer(answer));
    return Promise.resolve({});
  }

  /** Deliver the final response to the outstanding REGISTER (sip.js ordering). */
  answer(status: number, headers: Record<string, string> = {}): void {
    if (!this.waiting) return;
    const delegate = this.lastDelegate;
    if (status >= 200 && status < 300) {
      this.transition(RegistererState.Registered);
      delegate?.onAccept?.(response(status, 'OK'));
    } else {
      this.transition(RegistererState.Unregistered);
      delegate?.onReject?.(response(status, 'Rejected', headers));
    }
    this.waiting = false;
  }

  /** sip.js re-sent the REGISTER itself (after 423) and it succeeded: no delegate of ours is called. */
  acceptWithoutCallback(): void {
    this.transition(RegistererState.Registered);
    this.waiting = false;
  }

  /** The Registerer's own refresh failed (no delegate of ours involved). */
  refreshFails(): void {
    this.transition(RegistererState.Unregistered);
  }

  unregister(options?: { requestDelegate?: RequestDelegateLike }): Promise<unknown> {
    this.unregisterCalls++;
    if (this.waiting) return Promise.reject(new RequestPendingError());
    queueMicrotask(() => {
      this.transition(RegistererState.Unregistered);
      options?.requestDelegate?.onAccept?.(response(200, 'OK'));
    });
    return Promise.resolve({});
  }

  dispose(): Promise<void> {
    this.disposed = true;
    this.transition(RegistererState.Terminated);
    return Promise.resolve();
  }
}

export class FakeUserAgent implements UserAgentLike {
  delegate: UserAgentDelegateLike | undefined;
  connected = false;
  startCalls = 0;
  reconnectCalls = 0;
  stopped = false;
  readonly transport: { disconnect(): Promise<void> };
  /** Like sip.js `UserAgent.configuration`: the live options the engine may update. */
  readonly configuration: UserAgentConfigurationLike;

  constructor(
    private readonly world: FakeSip,
    readonly options: UserAgentInit,
  ) {
    this.delegate = options.delegate;
    this.configuration = {
      authorizationUsername: options.authorizationUsername ?? '',
      authorizationPassword: options.authorizationPassword ?? '',
      sessionDescriptionHandlerFactoryOptions: options.sessionDescriptionHandlerFactoryOptions ?? {},
    };
    this.transport = {
      disconnect: () => {
        if (this.connected) {
          this.connected = false;
          this.world.disconnectCalls++;
          this.delegate?.onDisconnect?.();
        }
        return Promise.resolve();
      },
    };
  }

  isConnected(): boolean {
    return this.connected;
  }

  start(): Promise<void> {
    this.startCalls++;
    return this.connect();
  }

  reconnect(): Promise<void> {
    this.reconnectCalls++;
    this.world.reconnectTimes.push(Date.now());
    return this.connect();
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.connected = false;
    return Promise.resolve();
  }

  /** The server closes the WebSocket. */
  drop(): void {
    if (!this.connected) return;
    this.connected = false;
    this.delegate?.onDisconnect?.(new Error('WebSocket closed unexpectedly (code: 1006)'));
  }

  /** An INVITE arrives. */
  receive(invitation: FakeInvitation): void {
    this.delegate?.onInvite?.(invitation);
  }

  private connect(): Promise<void> {
    if (!this.world.serverUp) return Promise.reject(new Error('WebSocket closed (code: 1006)'));
    this.connected = true;
    this.delegate?.onConnect?.();
    return Promise.resolve();
  }
}

export class FakeWindow implements EventTargetLike {
  private listeners = new Map<string, Set<() => void>>();
  addEventListener(type: string, listener: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }
  dispatch(type: string): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener();
  }
  count(type: string): number {
    return this.listeners.get(type)?.size ?? 0;
  }
}

/** One fake "world": server, user agents, registerers, calls, devices. */
export class FakeSip {
  serverUp = true;
  /** Answers to successive REGISTERs; when exhausted, `defaultRegisterAnswer`. */
  registerAnswers: RegisterAnswer[] = [];
  defaultRegisterAnswer: RegisterAnswer = 200;
  userAgents: FakeUserAgent[] = [];
  registerers: FakeRegisterer[] = [];
  registerLog: FakeRegisterer[] = [];
  /** Digest credentials in the UserAgent's configuration at each REGISTER, in order. */
  registerCredentials: { username: string; password: string }[] = [];
  inviters: FakeInviter[] = [];
  reconnectTimes: number[] = [];
  disconnectCalls = 0;
  gumCalls: MediaStreamConstraints[] = [];
  gumError: Error | null = null;
  /** The next initial INVITE fails before it is sent (e.g. getUserMedia refused). */
  inviteFailure: Error | null = null;
  readonly window = new FakeWindow();
  readonly logger = { warn: (): void => {}, error: (): void => {} };
  random = 0.5;

  get ua(): FakeUserAgent {
    const ua = this.userAgents[this.userAgents.length - 1];
    if (!ua) throw new Error('no user agent yet');
    return ua;
  }

  get registerer(): FakeRegisterer {
    const registerer = this.registerers[this.registerers.length - 1];
    if (!registerer) throw new Error('no registerer yet');
    return registerer;
  }

  get inviter(): FakeInviter {
    const inviter = this.inviters[this.inviters.length - 1];
    if (!inviter) throw new Error('no inviter yet');
    return inviter;
  }

  get registerCount(): number {
    return this.registerLog.length;
  }

  nextRegisterAnswer(): RegisterAnswer {
    return this.registerAnswers.shift() ?? this.defaultRegisterAnswer;
  }

  deps(): Partial<EngineDeps> {
    return {
      createUserAgent: (options) => {
        const ua = new FakeUserAgent(this, options);
        this.userAgents.push(ua);
        return ua;
      },
      createRegisterer: (_ua, options) => {
        const registerer = new FakeRegisterer(this, options);
        this.registerers.push(registerer);
        return registerer;
      },
      createInviter: (_ua, target, options) => {
        const inviter = new FakeInviter(target, options as FakeInviter['options']);
        inviter.failWith = this.inviteFailure;
        this.inviteFailure = null;
        this.inviters.push(inviter);
        return inviter;
      },
      getUserMedia: (constraints) => {
        this.gumCalls.push(constraints);
        if (this.gumError) return Promise.reject(this.gumError);
        const tracks: FakeTrack[] = [];
        if (constraints.audio) tracks.push(new FakeTrack('audio'));
        if (constraints.video) tracks.push(new FakeTrack('video'));
        return Promise.resolve(new FakeStream(tracks) as unknown as MediaStream);
      },
      window: this.window,
      logger: this.logger,
      random: () => this.random,
    };
  }
}

export const SDP_AUDIO = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
export const SDP_VIDEO = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n';
