/**
 * The phone engine facade: owns the UserAgent, the Registration and the calls, and
 * turns everything into `PhoneEvents`. Call policy lives here: call waiting (a second
 * incoming call rings; answering it holds the others), holding the current call when
 * placing or resuming another, and auto-answer when no other call is up.
 */
import { Call, type CallContext } from './call';
import { sdhFactoryOptions, userAgentOptions, validateConfig, DEFAULT_REGISTER_EXPIRES_S } from './config';
import { TypedEmitter } from '../lib/emitter';
import { callConstraints, offerHasVideo } from './media';
import type { EngineDeps, InvitationLike, UserAgentDelegateLike, UserAgentLike } from './ports';
import { Registration } from './registration';
import { createSessionDescriptionHandlerFactory } from './sdh';
import { codecModifier } from './sdp';
import { normalizeTarget } from './target';
import {
  CallState,
  RegistrationState,
  type AnswerOptions,
  type CallMedia,
  type CallOptions,
  type CallSnapshot,
  type CredentialsUpdate,
  type PhoneConfig,
  type PhoneEngine,
  type PhoneEvents,
  type RegistrationError,
  type LivePreferences,
} from './types';
import { callAsync, noop, settleWithin } from './util';
import { errorMessage } from '../lib/errors';

/** Bounds for stop(): ending calls, then stopping the UserAgent (ms). */
export const STOP_CALLS_TIMEOUT_MS = 1500;
export const STOP_USER_AGENT_TIMEOUT_MS = 2000;

interface Run {
  /** Replaced (never mutated) by updatePreferences(); calls read it when they need it. */
  config: PhoneConfig;
  readonly userAgent: UserAgentLike;
  readonly registration: Registration;
  readonly context: CallContext;
  stopping: boolean;
}

export class Engine implements PhoneEngine {
  private readonly emitter: TypedEmitter<PhoneEvents>;
  private regState = RegistrationState.Unregistered;
  private regError: RegistrationError | null = null;
  private run: Run | null = null;
  private readonly calls = new Map<string, Call>();
  private lifecycle: Promise<unknown> = Promise.resolve();
  private callCounter = 0;

  constructor(private readonly deps: EngineDeps) {
    this.emitter = new TypedEmitter<PhoneEvents>((event, error) =>
      deps.logger.error(`A "${String(event)}" event handler threw`, error),
    );
  }

  get registrationState(): RegistrationState {
    return this.regState;
  }

  get registrationError(): RegistrationError | null {
    return this.regError;
  }

  on<E extends keyof PhoneEvents>(event: E, handler: PhoneEvents[E]): () => void {
    return this.emitter.on(event, handler);
  }

  start(config: PhoneConfig): Promise<void> {
    return this.serial(() => this.doStart(config));
  }

  updatePreferences(preferences: Partial<LivePreferences>): void {
    const run = this.run;
    if (run) run.config = { ...run.config, ...preferences };
  }

  updateCredentials(credentials: CredentialsUpdate): void {
    const run = this.run;
    if (!run || run.stopping) return;
    const config: PhoneConfig = {
      ...run.config,
      password: credentials.password,
      authorizationUsername: credentials.authorizationUsername,
      ...(credentials.iceServers ? { iceServers: [...credentials.iceServers] } : {}),
      ...(credentials.iceTransportPolicy ? { iceTransportPolicy: credentials.iceTransportPolicy } : {}),
    };
    run.config = config;
    // sip.js builds each challenged request's digest from these (a Registerer refresh included).
    const live = run.userAgent.configuration;
    live.authorizationUsername = config.authorizationUsername?.trim() || config.username.trim();
    live.authorizationPassword = config.password;
    if (credentials.iceServers || credentials.iceTransportPolicy) {
      live.sessionDescriptionHandlerFactoryOptions = sdhFactoryOptions(config);
    }
  }

  stop(): Promise<void> {
    return this.serial(() => this.doStop());
  }

  async call(target: string, options: CallOptions): Promise<string> {
    const run = this.run;
    if (!run || run.stopping) throw new Error('The phone is not signed in');
    if (!run.userAgent.isConnected()) throw new Error('Not connected to the SIP server');
    const uri = normalizeTarget(target, run.config.domain);
    await this.holdOthers(null);
    if (this.run !== run || run.stopping) throw new Error('The phone is not signed in');
    const constraints = callConstraints(run.config, options.video);
    let call: Call;
    try {
      const inviter = this.deps.createInviter(run.userAgent, uri, {
        earlyMedia: false,
        sessionDescriptionHandlerOptions: { constraints },
        sessionDescriptionHandlerModifiers: run.context.modifiers,
      });
      call = this.addCall(
        new Call(
          {
            id: this.nextId(),
            session: { direction: 'outgoing', inviter },
            video: options.video,
            constraints,
          },
          run.context,
        ),
      );
    } catch (error) {
      throw new Error(`Could not place the call: ${errorMessage(error)}`);
    }
    await call.invite();
    return call.id;
  }

  async answer(callId: string, options: AnswerOptions): Promise<void> {
    const call = this.require(callId);
    if (call.direction !== 'incoming' || call.state !== CallState.Incoming)
      throw new Error('Call is not ringing');
    await this.holdOthers(call);
    await call.answer(options.video);
  }

  async decline(callId: string, status: 486 | 603 = 486): Promise<void> {
    if (status !== 486 && status !== 603) throw new Error('A call can only be declined with 486 or 603');
    await this.require(callId).decline(status);
  }

  async hangup(callId: string): Promise<void> {
    await this.require(callId).hangup();
  }

  setMuted(callId: string, muted: boolean): void {
    const call = this.calls.get(callId);
    if (!call) {
      this.deps.logger.warn(`setMuted: no such call ${callId}`);
      return;
    }
    call.setMuted(muted);
  }

  async setCameraOff(callId: string, off: boolean): Promise<void> {
    await this.require(callId).setCameraOff(off);
  }

  async hold(callId: string): Promise<void> {
    await this.require(callId).hold();
  }

  async resume(callId: string): Promise<void> {
    const call = this.require(callId);
    if (call.state !== CallState.Active) throw new Error('Call is not active');
    if (call.held) await this.holdOthers(call);
    await call.resume();
  }

  async sendDtmf(callId: string, tones: string): Promise<void> {
    await this.require(callId).sendDtmf(tones);
  }

  getCalls(): CallSnapshot[] {
    return [...this.calls.values()].map((call) => call.snapshot());
  }

  getMedia(callId: string): CallMedia {
    return this.calls.get(callId)?.media ?? { local: null, remote: null };
  }

  // ---------------------------------------------------------------- lifecycle

  private serial(task: () => Promise<void>): Promise<void> {
    const next = this.lifecycle.then(task, task);
    this.lifecycle = next.catch(noop);
    return next;
  }

  private async doStart(config: PhoneConfig): Promise<void> {
    if (this.run) await this.doStop();
    const problem = validateConfig(config);
    if (problem) {
      this.setRegistration(RegistrationState.Failed, { kind: 'config', message: problem });
      return;
    }
    const deps = this.deps;
    // The delegate reaches `run` lazily: events from a previous UserAgent are ignored.
    let run: Run | null = null;
    const delegate: UserAgentDelegateLike = {
      onDisconnect: (error) => {
        if (run && this.run === run) run.registration.onDisconnect(error);
      },
      onInvite: (invitation) => this.onInvite(run, invitation),
    };
    let userAgent: UserAgentLike;
    try {
      const sdhFactory = createSessionDescriptionHandlerFactory({
        getUserMedia: deps.getUserMedia,
        clock: deps,
      });
      userAgent = deps.createUserAgent(userAgentOptions(config, delegate, sdhFactory));
    } catch (error) {
      this.setRegistration(RegistrationState.Failed, { kind: 'config', message: errorMessage(error) });
      return;
    }
    const registration: Registration = new Registration({
      userAgent,
      createRegisterer: () =>
        deps.createRegisterer(userAgent, {
          expires: config.registerExpires ?? DEFAULT_REGISTER_EXPIRES_S,
          logConfiguration: false,
        }),
      clock: deps,
      random: () => deps.random(),
      window: deps.window,
      logger: deps.logger,
      serverUrl: config.wsUrl.trim(),
      onChange: (state, error) => {
        if (this.run === run) this.setRegistration(state, error);
      },
    });
    const context = this.callContext(() => run?.config ?? config);
    run = { config, userAgent, registration, context, stopping: false };
    this.run = run;
    await registration.start();
  }

  private async doStop(): Promise<void> {
    const run = this.run;
    if (!run) {
      this.setRegistration(RegistrationState.Unregistered, null);
      return;
    }
    run.stopping = true;
    const live = [...this.calls.values()];
    await settleWithin(
      this.deps,
      Promise.allSettled(live.map((call) => call.hangup())).then(noop),
      STOP_CALLS_TIMEOUT_MS,
      undefined,
    );
    await run.registration.stop();
    this.run = null;
    this.setRegistration(RegistrationState.Unregistered, null);
    await settleWithin(
      this.deps,
      callAsync(() => run.userAgent.stop()),
      STOP_USER_AGENT_TIMEOUT_MS,
      undefined,
    );
  }

  private setRegistration(state: RegistrationState, error: RegistrationError | null): void {
    if (state === this.regState && JSON.stringify(error) === JSON.stringify(this.regError)) return;
    this.regState = state;
    this.regError = error;
    this.emitter.emit('registration', state, error);
  }

  // ---------------------------------------------------------------- calls

  private callContext(currentConfig: () => PhoneConfig): CallContext {
    const deps = this.deps;
    const config = currentConfig();
    return {
      get config() {
        return currentConfig();
      },
      clock: deps,
      logger: deps.logger,
      modifiers: config.codecs ? [codecModifier(config.codecs)] : [],
      random: () => deps.random(),
      getUserMedia: (constraints) => deps.getUserMedia(constraints),
      changed: (call) => this.emitter.emit('call', call.snapshot()),
      media: (call) => this.emitter.emit('media', call.id, call.media),
      dtmf: (call, tone) => this.emitter.emit('dtmf', call.id, tone),
      ended: (call) => {
        this.calls.delete(call.id);
      },
    };
  }

  private onInvite(run: Run | null, invitation: InvitationLike): void {
    if (!run || this.run !== run || run.stopping) {
      callAsync(() => invitation.reject({ statusCode: 480 })).catch(noop);
      return;
    }
    const video = offerHasVideo(invitation.body);
    const call = this.addCall(
      new Call(
        {
          id: this.nextId(),
          session: { direction: 'incoming', invitation },
          video,
          constraints: callConstraints(run.config, false),
        },
        run.context,
      ),
    );
    this.emitter.emit('incoming', call.snapshot());
    const othersUp = [...this.calls.values()].some(
      (other) => other !== call && other.state !== CallState.Ended,
    );
    if (run.config.autoAnswer && !othersUp) {
      this.answer(call.id, { video }).catch((error) => this.deps.logger.warn('Auto-answer failed', error));
    }
  }

  private addCall(call: Call): Call {
    this.calls.set(call.id, call);
    this.emitter.emit('call', call.snapshot());
    return call;
  }

  /** Puts every other active, unheld call on hold (best effort). */
  private async holdOthers(except: Call | null): Promise<void> {
    const others = [...this.calls.values()].filter(
      (call) => call !== except && call.state === CallState.Active && !call.held,
    );
    for (const other of others) {
      await other.hold().catch((error) => this.deps.logger.warn(`Could not hold call ${other.id}`, error));
    }
  }

  private require(callId: string): Call {
    const call = this.calls.get(callId);
    if (!call) throw new Error('No such call');
    return call;
  }

  private nextId(): string {
    this.callCounter += 1;
    const random = Math.floor(this.deps.random() * 0x100000000).toString(36);
    return `call-${this.callCounter.toString(36)}-${random}`;
  }
}
