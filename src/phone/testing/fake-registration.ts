/** Fake sip.js UserAgent and Registerer, driven by a FakeSip world. */
import { RegistererState, RequestPendingError } from 'sip.js';
import type {
  RegistererLike,
  RequestDelegateLike,
  UserAgentConfigurationLike,
  UserAgentDelegateLike,
  UserAgentInit,
  UserAgentLike,
} from '../ports';
import { FakeEmitter, response } from './fake-basics';
import type { FakeInvitation } from './fake-sessions';
import type { FakeSip } from './fakes';

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
    if (this.world.connectError) return Promise.reject(this.world.connectError);
    if (!this.world.serverUp) return Promise.reject(new Error('WebSocket closed (code: 1006)'));
    this.connected = true;
    this.delegate?.onConnect?.();
    return Promise.resolve();
  }
}
