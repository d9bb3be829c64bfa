/**
 * Hand-written fakes behind `EngineDeps` (test-only). They mimic the sip.js behaviour
 * the engine relies on, including its ordering quirks (e.g. an Inviter reaches
 * `Terminated` before `requestDelegate.onReject` sees the final response).
 */
import type { EngineDeps, EventTargetLike, PageLike } from '../ports';
import { FakeStream, FakeTrack } from './fake-media';
import { FakeRegisterer, FakeUserAgent, type RegisterAnswer } from './fake-registration';
import { FakeInviter } from './fake-sessions';

export * from './fake-basics';
export * from './fake-media';
export * from './fake-registration';
export * from './fake-sessions';

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

export class FakePage extends FakeWindow implements PageLike {
  visibilityState: DocumentVisibilityState = 'visible';
}

/** One fake "world": server, user agents, registerers, calls, devices. */
export class FakeSip {
  serverUp = true;
  /** When set, what every connect rejects with (e.g. the transport's SocketBlockedError). */
  connectError: Error | null = null;
  /** What the reachability probe answers; defaults to `serverUp`. */
  probeAnswer: (() => boolean) | null = null;
  probes = 0;
  notificationPermission: NotificationPermission | 'unsupported' = 'default';
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
  readonly page = new FakePage();
  readonly connection = new FakeWindow();
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
      page: this.page,
      connection: this.connection,
      notificationPermission: () => this.notificationPermission,
      probe: () => {
        this.probes++;
        return Promise.resolve(this.probeAnswer ? this.probeAnswer() : this.serverUp);
      },
      logger: this.logger,
      random: () => this.random,
    };
  }
}

export const SDP_AUDIO = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
export const SDP_VIDEO = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n';
