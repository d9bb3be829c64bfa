/**
 * The phone engine facade: owns the UserAgent, the Registration and the calls, and
 * turns everything into `PhoneEvents`. Call policy: an incoming INVITE is ringing, refused or
 * auto-answered in incoming.ts (call waiting: a second call rings); placing, answering or resuming
 * a call first holds the others (lines.ts, at most four); the conference in conference.ts.
 *
 * Reliability policy (issue 16): an incoming call is answered 180 Ringing only when the page
 * can alert the user (alerting.ts), otherwise 480; leaving the page (`pagehide`) hangs up
 * every call; a hang-up while the SIP connection is down is sent after re-registering
 * (bye-queue.ts); a network change (`online`, `navigator.connection` `change`) restarts ICE
 * on the active calls, at once when the SIP connection is up or after re-registering.
 */
import type { ByeQueue } from './bye-queue';
import { Call } from './call';
import { createCallContext } from './call-context';
import { preparedOfferKey, sdhFactoryOptions, validateConfig } from './config';
import { TypedEmitter } from '../lib/emitter';
import { mediaConstraintsFor } from './devices';
import { callConstraints } from './media';
import type { EngineDeps, InvitationLike, InviterLike } from './ports';
import { listenToPage } from './page-listeners';
import { PushAnswer } from './push-answer';
import { createRun, type Run } from './run';
import { applyCredentials } from './run-credentials';
import { createEngineChat, type ChatEngine, type EngineChat } from './chat';
import { normalizeTarget } from './target';
import { Transfers } from './transfer';
import { admitInvitation, type IncomingHost } from './incoming';
import { holdOtherLines, linesFull, LINES_FULL_MESSAGE } from './lines';
import { Conference, HOLD_IN_CONFERENCE } from './conference';
import type { InviterOptions } from 'sip.js';
import {
  CallState,
  RegistrationState,
  type AnswerOptions,
  type CallMedia,
  type CallOptions,
  type CallSnapshot,
  type ConferenceLeave,
  type CredentialsUpdate,
  type PhoneConfig,
  type PhoneEngine,
  type PhoneEvents,
  type RegistrationError,
  type LivePreferences,
} from './types';
import { callAsync, noop, settleWithin } from './util';
import { answeredByVoicemail, heldByRemote } from './expected-silence';
import { errorMessage } from '../lib/errors';

/** Bounds for stop(): ending calls, then stopping the UserAgent (ms). */
export const STOP_CALLS_TIMEOUT_MS = 1500;
export const STOP_USER_AGENT_TIMEOUT_MS = 2000;

export class Engine implements PhoneEngine {
  private readonly emitter: TypedEmitter<PhoneEvents>;
  private regState = RegistrationState.Unregistered;
  private regError: RegistrationError | null = null;
  private run: Run | null = null;
  private readonly calls = new Map<string, Call>();
  private lifecycle: Promise<unknown> = Promise.resolve();
  private callCounter = 0;
  private readonly transfers: Transfers;
  private readonly pushAnswer = new PushAnswer();
  private readonly chatPart: EngineChat; // chat (SIP MESSAGE, issue 14): the logic is in ./chat
  readonly chat: ChatEngine;
  private readonly conference: Conference;
  /** What admitInvitation (./incoming) needs of the engine. */
  private readonly incoming: IncomingHost;
  private unlisten: () => void = noop;

  constructor(private readonly deps: EngineDeps) {
    this.emitter = new TypedEmitter<PhoneEvents>((event, error) =>
      deps.logger.error(`A "${String(event)}" event handler threw`, error),
    );
    this.transfers = new Transfers({
      clock: deps,
      logger: deps.logger,
      domain: () => this.run?.config.domain ?? '',
      emit: (status) => this.emitter.emit('transfer', status),
      placeReferred: (makeInviter) => this.placeCall(makeInviter, false, false),
    });
    this.chatPart = createEngineChat(deps, () => this.run, this.emitter);
    this.chat = this.chatPart.api;
    this.conference = new Conference({
      createAudioContext: () => deps.createAudioContext(),
      streamOf: (tracks) => deps.streamOf(tracks),
      emit: (snapshot) => this.emitter.emit('conference', snapshot),
      logger: deps.logger,
    });
    this.incoming = {
      deps: this.deps,
      emitter: this.emitter,
      transfers: this.transfers,
      pushAnswer: this.pushAnswer,
      calls: () => this.calls.values(),
      addCall: (call, announce) => this.addCall(call, announce),
      nextId: () => this.nextId(),
      answer: (callId, options) => this.answer(callId, options),
    };
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

  expectAnswer(sipCallId: string, untilMs: number): void {
    this.pushAnswer.expect(sipCallId, untilMs);
  }

  updatePreferences(preferences: Partial<LivePreferences>): void {
    const run = this.run;
    if (run) run.config = { ...run.config, ...preferences };
  }

  updateCredentials(credentials: CredentialsUpdate): void {
    const run = this.run;
    if (run && !run.stopping) applyCredentials(run, credentials);
  }

  stop(): Promise<void> {
    return this.serial(() => this.doStop());
  }

  prepareCall(video = false): void {
    const run = this.run;
    if (!run || run.stopping || !run.userAgent.isConnected() || linesFull(this.calls.values())) return;
    run.offers.prepare(
      preparedOfferKey(run.config, video),
      sdhFactoryOptions(run.config),
      run.context.modifiers,
      video,
    );
  }

  async call(target: string, options: CallOptions): Promise<string> {
    const run = this.run;
    if (!run || run.stopping) throw new Error('The phone is not signed in');
    const uri = normalizeTarget(target, run.config.domain);
    const call = await this.placeCall((o) => this.deps.createInviter(run.userAgent, uri, o), options.video);
    return call.id;
  }

  /** Holds the other calls (unless told not to), then sends the INVITE of a new call; resolves once sent. */
  private async placeCall(
    makeInviter: (o: InviterOptions) => InviterLike,
    video: boolean,
    holdOthers = true,
  ): Promise<Call> {
    const run = this.run;
    if (!run || run.stopping) throw new Error('The phone is not signed in');
    if (!run.userAgent.isConnected()) throw new Error('Not connected to the SIP server');
    // Lines (issue 11, lines.ts): a referred call replaces the one that asked for it.
    if (holdOthers && linesFull(this.calls.values())) throw new Error(LINES_FULL_MESSAGE);
    if (holdOthers) await holdOtherLines(this.calls.values(), null, 'the new call was not placed');
    if (this.run !== run || run.stopping) throw new Error('The phone is not signed in');
    const constraints = callConstraints(run.config, video);
    let call: Call;
    try {
      const inviter = makeInviter({
        earlyMedia: false,
        sessionDescriptionHandlerOptions: { constraints },
        sessionDescriptionHandlerModifiers: run.context.modifiers,
      });
      // An offer made before the click (prepared-offer.ts) serves calls of its kind with these options.
      run.offers.claim(inviter, preparedOfferKey(run.config, video));
      call = this.addCall(
        new Call(
          { id: this.nextId(), session: { direction: 'outgoing', inviter }, video, constraints },
          run.context,
        ),
      );
    } catch (error) {
      throw new Error(`Could not place the call: ${errorMessage(error)}`);
    }
    await call.invite();
    return call;
  }

  async answer(callId: string, options: AnswerOptions): Promise<void> {
    const call = this.require(callId);
    if (call.direction !== 'incoming' || call.state !== CallState.Incoming)
      throw new Error('Call is not ringing');
    await holdOtherLines(this.calls.values(), call, 'the call was not answered');
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
    // Conference (issue 11): one mute for both calls, in the mix.
    if (this.conference.includes(call)) this.conference.setMuted(muted);
    else call.setMuted(muted);
  }

  async setCameraOff(callId: string, off: boolean): Promise<void> {
    await this.require(callId).setCameraOff(off);
  }

  async hold(callId: string): Promise<void> {
    const call = this.require(callId);
    // Holding one participant would cut them off from the other too (they hear each other through us).
    if (this.conference.includes(call)) throw new Error(HOLD_IN_CONFERENCE);
    await call.hold();
  }

  async resume(callId: string): Promise<void> {
    const call = this.require(callId);
    if (call.state !== CallState.Active) throw new Error('Call is not active');
    if (call.held) await holdOtherLines(this.calls.values(), call, 'the other call was not resumed');
    await call.resume();
  }

  merge(callId: string, otherCallId: string): Promise<void> {
    return this.conference.merge(this.require(callId), this.require(otherCallId));
  }

  split(keepCallId: string): Promise<void> {
    return this.conference.split(this.require(keepCallId));
  }

  async leaveConference(how: ConferenceLeave): Promise<void> {
    const members = this.conference.participants;
    if (!members) throw new Error('There is no conference');
    await this.conference.stop();
    if (how === 'end') await Promise.all(members.map((call) => call.hangup()));
    else await this.transfers.attended(members[0], members[1]);
  }

  async sendDtmf(callId: string, tones: string): Promise<void> {
    await this.require(callId).sendDtmf(tones);
  }

  transfer(callId: string, target: string): Promise<void> {
    return this.transfers.blind(this.require(callId), target);
  }

  completeTransfer(callId: string, consultCallId: string): Promise<void> {
    return this.transfers.attended(this.require(callId), this.require(consultCallId));
  }

  getCalls(): CallSnapshot[] {
    return [...this.calls.values()].map((call) => call.snapshot());
  }

  getMedia(callId: string): CallMedia {
    return this.calls.get(callId)?.media ?? { local: null, remote: null };
  }

  // Hook point (devices and call quality, issue 11): the logic is in devices.ts and call-media.ts.
  async useInputDevice(kind: 'audio' | 'video', deviceId: string | undefined): Promise<void> {
    const ids = kind === 'audio' ? { audioInputId: deviceId } : { videoInputId: deviceId };
    this.updatePreferences(ids);
    const live = [...this.calls.values()].filter((call) => call.state !== CallState.Ended);
    await Promise.all(
      live.map((call) => call.mediaControl.switchInput(kind, mediaConstraintsFor(kind, ids))),
    );
  }

  async getStats(callId: string): Promise<RTCStatsReport | null> {
    return (await this.calls.get(callId)?.mediaControl.sdh?.peerConnection?.getStats()) ?? null;
  }

  expectsNoAudio(callId: string): boolean {
    const call = this.calls.get(callId);
    if (!call) return false;
    if (answeredByVoicemail(call.session.dialog?.remoteTarget)) return true;
    // Chromium counts no inbound audio energy for a track heard only through the conference mix.
    if (this.conference.includes(call)) return true;
    return heldByRemote(call.mediaControl.sdh?.peerConnection?.getTransceivers() ?? []);
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
    let run: Run;
    try {
      run = createRun(this.deps, config, {
        current: (candidate) => this.run === candidate,
        invite: (candidate, invitation) => this.onInvite(candidate, invitation),
        message: (candidate, message) => this.chatPart.onMessage(candidate, message),
        registration: (candidate, state, error) => this.onRegistration(candidate, state, error),
        warning: (warning) => this.emitter.emit('warning', warning),
        messageSummary: (summary) => this.emitter.emit('messageSummary', summary),
        callContext: (currentConfig, transportUp, byes) => this.callContext(currentConfig, transportUp, byes),
      });
    } catch (error) {
      this.setRegistration(RegistrationState.Failed, { kind: 'config', message: errorMessage(error) });
      return;
    }
    this.run = run;
    this.unlisten = listenToPage(this.deps, {
      // The page is going away: tell every other side now, while the WebSocket still works.
      pageHide: () => {
        for (const call of [...this.calls.values()]) void call.hangup();
      },
      networkChange: this.onNetworkChange,
    });
    await run.registration.start();
  }

  private async doStop(): Promise<void> {
    const run = this.run;
    if (!run) {
      this.setRegistration(RegistrationState.Unregistered, null);
      return;
    }
    run.stopping = true;
    this.unlisten();
    this.unlisten = noop;
    run.alerting.dispose();
    const live = [...this.calls.values()];
    await settleWithin(
      this.deps,
      Promise.allSettled(live.map((call) => call.hangup())).then(noop),
      STOP_CALLS_TIMEOUT_MS,
      undefined,
    );
    // Un-subscribing MWI waits for the server; never let it hold up the un-REGISTER.
    await settleWithin(this.deps, run.mwi?.stop() ?? Promise.resolve(), STOP_CALLS_TIMEOUT_MS, undefined);
    run.answers.dispose();
    run.offers.dispose();
    await run.registration.stop();
    run.byes.abandon();
    this.run = null;
    this.setRegistration(RegistrationState.Unregistered, null);
    await settleWithin(
      this.deps,
      callAsync(() => run.userAgent.stop()),
      STOP_USER_AGENT_TIMEOUT_MS,
      undefined,
    );
  }

  private onRegistration(run: Run, state: RegistrationState, error: RegistrationError | null): void {
    this.setRegistration(state, error);
    if (state !== RegistrationState.Registered) return;
    run.byes.flush();
    run.mwi?.ensure();
    if (run.iceRestartPending) {
      run.iceRestartPending = false;
      this.restartIce();
    }
  }

  private readonly onNetworkChange = (): void => {
    const run = this.run;
    if (!run || run.stopping) return;
    if (run.userAgent.isConnected() && this.regState === RegistrationState.Registered) this.restartIce();
    else run.iceRestartPending = true;
  };

  private restartIce(): void {
    for (const call of this.calls.values()) {
      if (call.state !== CallState.Active) continue;
      call
        .restartIce()
        .catch((error) => this.deps.logger.warn(`ICE restart of call ${call.id} failed`, error));
    }
  }

  private setRegistration(state: RegistrationState, error: RegistrationError | null): void {
    if (state === this.regState && JSON.stringify(error) === JSON.stringify(this.regError)) return;
    this.regState = state;
    this.regError = error;
    this.emitter.emit('registration', state, error);
  }

  // ---------------------------------------------------------------- calls

  private callContext(currentConfig: () => PhoneConfig, transportUp: () => boolean, byes: ByeQueue) {
    return createCallContext(this.deps, {
      currentConfig,
      transportUp,
      byes,
      emitter: this.emitter,
      forget: (call) => {
        this.calls.delete(call.id);
        this.conference.ended(call);
      },
      referred: (call, referral) => this.transfers.referred(call, referral),
    });
  }

  private onInvite(run: Run | null, invitation: InvitationLike): void {
    if (!run || this.run !== run || run.stopping) {
      callAsync(() => invitation.reject({ statusCode: 480 })).catch(noop);
      return;
    }
    admitInvitation(this.incoming, run, invitation);
  }

  /** `announce` false: the caller tells the UI later (an incoming call, see incoming.ts). */
  private addCall(call: Call, announce = true): Call {
    this.calls.set(call.id, call);
    if (announce) this.emitter.emit('call', call.snapshot());
    return call;
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
