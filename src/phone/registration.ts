/**
 * Registration: connect the UserAgent's WebSocket, REGISTER, and keep it that way.
 * The state machine is drawn on `RegistrationState` in types.ts; in short:
 *
 * - start(): Registering. 2xx → Registered. 401/403/407 after our credentials → Failed
 *   (kind `auth`, never retried). Other final 4xx/6xx → Failed (kind `rejected`).
 * - WebSocket cannot be opened, is lost (`onDisconnect`), the browser goes `offline`,
 *   REGISTER times out or gets 408/480/5xx, or a refresh fails → Reconnecting: retry with
 *   backoff (1 s doubling to 30 s, ±20 % jitter, `Retry-After` honoured) and at once on
 *   `online` (with a fresh WebSocket if we saw `offline`). Each new connection gets a new
 *   Registerer, so a REGISTER stuck on a dead socket can never block the next one.
 * - "REGISTER already in progress" (sip.js RequestPendingError, e.g. against the
 *   Registerer's own refresh): retried shortly without counting as a failure; our own
 *   attempts are serialised, so concurrent triggers coalesce into one REGISTER.
 * - After a transport failure a RecoveryProbe cuts the backoff short once the server answers;
 *   `online` and the page becoming visible retry at once too.
 * - stop(): Unregistering (only when registered and connected; bounded) → Unregistered,
 *   timers and listeners gone.
 */
import { RegistererState } from 'sip.js';
import { backoffDelay } from './backoff';
import type { EventTargetLike, PageLike, ReachabilityProbe, RegistererLike, UserAgentLike } from './ports';
import { RecoveryProbe } from './recovery-probe';
import { sendRegister, sendUnregister, type Outcome } from './register-outcome';
import { SocketBlockedError } from './socket-guard';
import { errorMessage } from '../lib/errors';
import { RegistrationState, type RegistrationError } from './types';
import { callAsync, noop, settleWithin, type Clock, type Logger, type TimerHandle } from './util';

export { classifyRegisterResponse, MAX_RETRY_AFTER_MS, REGISTER_TIMEOUT_MS } from './register-outcome';

/** Retry delay after "REGISTER already in progress". */
export const PENDING_RETRY_MS = 1000;
export const UNREGISTER_TIMEOUT_MS = 2000;
export const REFRESH_PERCENT_MIN = 50;
export const REFRESH_PERCENT_MAX = 80;

export const AUTH_FAILED_MESSAGE = 'Wrong username or password';

export interface RegistrationDeps {
  userAgent: UserAgentLike;
  createRegisterer(): RegistererLike;
  clock: Clock;
  random(): number;
  window: EventTargetLike | null;
  page: PageLike | null;
  probe: ReachabilityProbe;
  logger: Logger;
  /** The SIP WebSocket URL (probed, and quoted in messages). */
  serverUrl: string;
  onChange(state: RegistrationState, error: RegistrationError | null): void;
}

export class Registration {
  private _state = RegistrationState.Unregistered;
  private _error: RegistrationError | null = null;
  private registerer: RegistererLike | null = null;
  private registererListener: ((state: RegistererState) => void) | null = null;
  private userAgentStarted = false;
  private started = false;
  private stopped = false;
  /** Identity of the current attempt; bumping it abandons a running one. */
  private attemptSeq = 0;
  private attemptRunning = false;
  private retryTimer: TimerHandle | null = null;
  private retryCount = 0;
  /** Open a new WebSocket on the next attempt even if the current one looks connected. */
  private forceFresh = false;
  private sawOffline = false;
  /** Set while we close the WebSocket ourselves (its onDisconnect is expected). */
  private closingOnPurpose = false;
  private settleStart: (() => void) | null = null;
  private pendingOutcome: ((outcome: Outcome) => void) | null = null;
  private readonly probe: RecoveryProbe;

  constructor(private readonly deps: RegistrationDeps) {
    this.probe = new RecoveryProbe({
      clock: deps.clock,
      random: deps.random,
      probe: deps.probe,
      wsUrl: deps.serverUrl,
      logger: deps.logger,
      onReachable: () => this.retryNow(),
    });
  }

  get state(): RegistrationState {
    return this._state;
  }

  get error(): RegistrationError | null {
    return this._error;
  }

  /** Resolves once the first attempt settles (registered, failed, or retrying). */
  start(): Promise<void> {
    if (this.started) return Promise.resolve();
    this.started = true;
    this.deps.window?.addEventListener('online', this.onOnline);
    this.deps.window?.addEventListener('offline', this.onOffline);
    this.deps.page?.addEventListener('visibilitychange', this.onVisibility);
    this.set(RegistrationState.Registering, null);
    return new Promise<void>((resolve) => {
      this.settleStart = resolve;
      void this.attempt();
    });
  }

  async stop(): Promise<void> {
    if (!this.started || this.stopped) return;
    this.stopped = true;
    this.attemptSeq++;
    this.attemptRunning = false;
    this.clearRetry();
    this.probe.stop();
    this.deps.window?.removeEventListener('online', this.onOnline);
    this.deps.window?.removeEventListener('offline', this.onOffline);
    this.deps.page?.removeEventListener('visibilitychange', this.onVisibility);
    this.pendingOutcome?.({ kind: 'pending' });
    const registerer = this.registerer;
    if (registerer && registerer.state === RegistererState.Registered && this.deps.userAgent.isConnected()) {
      this.set(RegistrationState.Unregistering, null);
      await settleWithin(this.deps.clock, sendUnregister(registerer), UNREGISTER_TIMEOUT_MS, undefined);
    }
    this.dropRegisterer();
    this.set(RegistrationState.Unregistered, null);
    this.settle();
  }

  /** UserAgent delegate: the WebSocket went down. */
  onDisconnect(error?: Error): void {
    if (!this.started || this.stopped || this.closingOnPurpose) return;
    if (this._state === RegistrationState.Failed) return;
    this.deps.logger.warn('SIP WebSocket disconnected', error ?? '');
    this.attemptSeq++;
    this.attemptRunning = false;
    this.dropRegisterer();
    this.set(RegistrationState.Reconnecting, {
      kind: 'transport',
      message: 'Lost the connection to the SIP server; reconnecting',
    });
    this.scheduleRetry();
    this.probe.start();
    this.settle();
  }

  /** The server answers again (probe) or the page came back into view: skip the backoff. */
  private retryNow(): void {
    if (this.stopped || this._state !== RegistrationState.Reconnecting || this.attemptRunning) return;
    void this.attempt();
  }

  private readonly onVisibility = (): void => {
    if (this.deps.page?.visibilityState === 'visible' && this.probe.running) this.retryNow();
  };

  private readonly onOnline = (): void => {
    if (this.stopped || this._state !== RegistrationState.Reconnecting) return;
    this.retryCount = 0;
    if (this.sawOffline) {
      // The old socket belongs to the previous network: replace it.
      this.forceFresh = true;
      this.sawOffline = false;
    }
    if (this.attemptRunning) {
      if (!this.forceFresh) return; // the running attempt will settle the state
      this.attemptSeq++;
      this.attemptRunning = false;
    }
    void this.attempt();
  };

  private readonly onOffline = (): void => {
    if (this.stopped) return;
    const s = this._state;
    if (
      s !== RegistrationState.Registered &&
      s !== RegistrationState.Registering &&
      s !== RegistrationState.Reconnecting
    ) {
      return;
    }
    this.sawOffline = true;
    this.set(RegistrationState.Reconnecting, { kind: 'transport', message: 'No network connection' });
    if (this.retryTimer === null && !this.attemptRunning) this.scheduleRetry();
    this.probe.start();
  };

  private async attempt(): Promise<void> {
    if (this.stopped || this.attemptRunning) return;
    this.clearRetry();
    this.probe.stop();
    const seq = ++this.attemptSeq;
    this.attemptRunning = true;
    let outcome: Outcome;
    try {
      outcome = await this.connectAndRegister(seq);
    } catch (error) {
      outcome = { kind: 'transport', message: errorMessage(error) };
    } finally {
      if (seq === this.attemptSeq) this.attemptRunning = false;
    }
    if (this.stopped || seq !== this.attemptSeq) return;
    this.apply(outcome);
  }

  private async connectAndRegister(seq: number): Promise<Outcome> {
    const userAgent = this.deps.userAgent;
    if (this.forceFresh) {
      this.forceFresh = false;
      if (userAgent.isConnected()) this.closeConnection();
    }
    if (!userAgent.isConnected()) {
      try {
        if (this.userAgentStarted) {
          await userAgent.reconnect();
        } else {
          this.userAgentStarted = true;
          await userAgent.start();
        }
      } catch (error) {
        this.deps.logger.warn('SIP WebSocket connect failed', error);
        if (error instanceof SocketBlockedError) return { kind: 'blocked', url: error.url };
        return { kind: 'transport', message: `Cannot connect to the SIP server at ${this.deps.serverUrl}` };
      }
      if (seq !== this.attemptSeq || this.stopped) return { kind: 'pending' };
    }
    return this.register();
  }

  private register(): Promise<Outcome> {
    return sendRegister(this.ensureRegisterer(), this.deps.clock, (finish, live) => {
      if (live) this.pendingOutcome = finish;
      else if (this.pendingOutcome === finish) this.pendingOutcome = null;
    });
  }

  private apply(outcome: Outcome): void {
    switch (outcome.kind) {
      case 'ok':
        this.retryCount = 0;
        this.sawOffline = false;
        this.set(RegistrationState.Registered, null);
        break;
      case 'auth':
        this.set(RegistrationState.Failed, {
          kind: 'auth',
          status: outcome.status,
          message: AUTH_FAILED_MESSAGE,
        });
        break;
      case 'final':
        this.set(RegistrationState.Failed, {
          kind: 'rejected',
          status: outcome.status,
          message: `The server rejected the registration (${outcome.status} ${outcome.reason})`.replace(
            ' )',
            ')',
          ),
        });
        break;
      case 'transient':
        if (outcome.suspectConnection) this.forceFresh = true;
        this.set(RegistrationState.Reconnecting, {
          kind: 'rejected',
          status: outcome.status,
          message: `The server did not register us (${outcome.status} ${outcome.reason}); retrying`.replace(
            ' )',
            ')',
          ),
        });
        this.scheduleRetry(outcome.retryAfterMs);
        break;
      case 'transport':
        this.set(RegistrationState.Reconnecting, { kind: 'transport', message: outcome.message });
        this.scheduleRetry();
        this.probe.start();
        break;
      case 'blocked':
        this.clearRetry();
        this.probe.stop();
        this.set(RegistrationState.Failed, {
          kind: 'blocked',
          url: outcome.url,
          message: `The page's security policy does not allow a WebSocket to ${outcome.url}`,
        });
        break;
      case 'pending':
        this.scheduleRetry(PENDING_RETRY_MS, false);
        return; // not settled: the REGISTER in flight decides
    }
    this.settle();
  }

  private scheduleRetry(minDelayMs = 0, countsAsFailure = true): void {
    if (this.stopped) return;
    this.clearRetry();
    const delay = countsAsFailure
      ? Math.max(backoffDelay(this.retryCount++, this.deps.random()), minDelayMs)
      : minDelayMs;
    this.retryTimer = this.deps.clock.setTimeout(() => {
      this.retryTimer = null;
      void this.attempt();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) {
      this.deps.clock.clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }

  private ensureRegisterer(): RegistererLike {
    if (this.registerer) return this.registerer;
    const registerer = this.deps.createRegisterer();
    const listener = (state: RegistererState): void => this.onRegistererState(registerer, state);
    registerer.stateChange.addListener(listener);
    this.registerer = registerer;
    this.registererListener = listener;
    return registerer;
  }

  /** Forget the current Registerer (its connection is gone or being replaced). */
  private dropRegisterer(): void {
    const registerer = this.registerer;
    if (!registerer) return;
    this.registerer = null;
    if (this.registererListener) registerer.stateChange.removeListener(this.registererListener);
    this.registererListener = null;
    this.pendingOutcome?.({ kind: 'pending' });
    callAsync(() => registerer.dispose()).catch(noop);
  }

  private closeConnection(): void {
    this.dropRegisterer();
    this.closingOnPurpose = true;
    try {
      // onDisconnect fires synchronously inside disconnect(); a later reconnect() aborts the close.
      callAsync(() => this.deps.userAgent.transport.disconnect()).catch(noop);
    } finally {
      this.closingOnPurpose = false;
    }
  }

  private onRegistererState(registerer: RegistererLike, state: RegistererState): void {
    if (registerer !== this.registerer || this.stopped) return;
    const pending = this.pendingOutcome;
    if (state === RegistererState.Registered) {
      // Normally followed at once by requestDelegate.onAccept; this matters when sip.js
      // re-sent the REGISTER itself (423 Interval Too Brief) and our delegate is bypassed.
      if (pending) queueMicrotask(() => pending({ kind: 'ok' }));
      return;
    }
    if (state !== RegistererState.Unregistered) return;
    if (pending) {
      // A rejection reaches requestDelegate.onReject right after this state change and
      // wins; only a 2xx without our Contact ends up here with no callback at all.
      queueMicrotask(() =>
        pending({
          kind: 'transient',
          status: 200,
          reason: 'registrar did not list our contact',
          retryAfterMs: 0,
          suspectConnection: false,
        }),
      );
      return;
    }
    if (this._state === RegistrationState.Registered) {
      // A refresh failed or the binding expired. Register again (outside sip.js's
      // callback, which still has its request marked in progress).
      this.set(RegistrationState.Reconnecting, {
        kind: 'transport',
        message: 'The registration was lost; registering again',
      });
      queueMicrotask(() => void this.attempt());
    }
  }

  private set(state: RegistrationState, error: RegistrationError | null): void {
    if (state === this._state && JSON.stringify(error) === JSON.stringify(this._error)) return;
    this._state = state;
    this._error = error;
    this.deps.onChange(state, error);
  }

  private settle(): void {
    const settle = this.settleStart;
    this.settleStart = null;
    settle?.();
  }
}

/**
 * sip.js `refreshFrequency` (percent of the granted expiry) for a new Registerer: 50–80 %,
 * jittered per client so a fleet registered together does not refresh together, and far
 * from sip.js's default 99 % (3 s before a 300 s binding expires).
 */
export function refreshFrequency(random: number): number {
  return Math.round(REFRESH_PERCENT_MIN + random * (REFRESH_PERCENT_MAX - REFRESH_PERCENT_MIN));
}
