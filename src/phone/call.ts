/**
 * One call: its state machine (see `CallState` in types.ts), its snapshot, and the operations on it.
 * Wraps a sip.js `Inviter` (outgoing) or `Invitation` (incoming). How SIP events map to the snapshot:
 * - outgoing: created → Dialing; 18x → Ringing; session Established → Active;
 *   final 3xx–6xx → Ended with `endReasonForStatus`; our CANCEL → Ended `cancelled`.
 * - incoming: created → Incoming; answer() → Connecting → (Established) Active;
 *   CANCEL → Ended `cancelled` (`answered-elsewhere` with `Reason: SIP;cause=200`);
 *   decline()/hangup() before answer → Ended `declined`; not answered in time → `no-answer`.
 * - both: their BYE → `remote-hangup`; our BYE (or being replaced, RFC 3891) → `local-hangup`; the
 *   media watchdog (watchdog.ts) → `connection-lost` with `endMessage`; anything else → `failed`.
 * - A BYE that cannot be sent because the SIP connection is down is handed to the engine
 *   (`deferBye`), which sends it after re-registering.
 * - Local actions end the snapshot at once (the UI should not wait for the network);
 *   the later sip.js `Terminated` is then ignored. A REFER from the other side goes to `ctx.referred`.
 */
import { SessionState } from 'sip.js';
import { sipCallIdOf, type CallContext, type SessionKind } from './call-context';
import { answerInfo, DtmfSender } from './call-dtmf';
import { CallMediaControl } from './call-media';
import { Renegotiator } from './call-reinvite';
import { terminatedOutcome } from './end-reason';
import type { SessionDelegateLike, SessionLike } from './ports';
import { localMediaFailure, pendingLocalMedia } from './prepared-answer';
import {
  CallState,
  type CallDirection,
  type CallEndReason,
  type CallMedia,
  type CallSnapshot,
} from './types';
import { classifyMediaError, errorMessage } from '../lib/errors';
import { callAsync, noop } from './util';
import { DEFAULT_MEDIA_TIMEOUT_MS, MediaWatchdog, type WatchedPeerConnection } from './watchdog';
export type { CallContext } from './call-context';
export { endReasonForStatus } from './end-reason';

export class Call {
  readonly id: string;
  readonly direction: CallDirection;
  readonly createdAt: number;
  readonly session: SessionLike; // transfer.ts sends REFER on it and watches its state
  private readonly kind: SessionKind;
  private readonly video: boolean;
  readonly mediaControl: CallMediaControl; // the engine switches devices and reads stats through it
  private readonly dtmfSender: DtmfSender;
  private _state: CallState;
  private answeredAt: number | null = null;
  private endedAt: number | null = null;
  private endReason: CallEndReason | null = null;
  private endStatusCode: number | null = null;
  private endMessage: string | null = null;
  private readonly watchdog: MediaWatchdog;
  /** Final response to our INVITE. */
  private finalStatus: number | null = null;
  private remoteBye = false;
  private remoteCancel: 'cancelled' | 'answered-elsewhere' | null = null;
  /** The call was ended by a local action (hangup/decline); sip.js errors that follow are expected. */
  private localEnd = false;
  private readonly renegotiator: Renegotiator;
  private endedResolve: () => void = noop;
  private readonly whenEnded: Promise<void>;
  /** Our re-INVITEs wait for it (call-reinvite.ts): settled once the INVITE that set the call up is ACKed. */
  private ackedResolve: () => void = noop;
  private readonly whenAcked: Promise<void>;

  constructor(
    args: {
      id: string;
      session: SessionKind;
      video: boolean;
      constraints: MediaStreamConstraints;
    },
    private readonly ctx: CallContext,
  ) {
    this.id = args.id;
    this.kind = args.session;
    this.direction = args.session.direction;
    this.session = args.session.direction === 'outgoing' ? args.session.inviter : args.session.invitation;
    this.video = args.video;
    this.mediaControl = new CallMediaControl(
      {
        logger: ctx.logger,
        getUserMedia: ctx.getUserMedia,
        videoInputId: () => ctx.config.videoInputId,
        ended: () => this._state === CallState.Ended,
        changed: () => this.changed(),
        streams: () => ctx.media(this),
      },
      { sendsVideo: this.direction === 'outgoing' && args.video, constraints: args.constraints },
    );
    this._state = this.direction === 'outgoing' ? CallState.Dialing : CallState.Incoming;
    this.createdAt = ctx.clock.now();
    this.whenEnded = new Promise((resolve) => {
      this.endedResolve = resolve;
    });
    // A call we place is ACKed by us (sip.js, on the 2xx); one we answer, by the caller.
    this.whenAcked =
      this.direction === 'outgoing'
        ? Promise.resolve()
        : new Promise((resolve) => {
            this.ackedResolve = resolve;
          });
    this.session.delegate = this.delegate;
    this.session.stateChange.addListener(this.onSessionState);
    this.renegotiator = new Renegotiator({
      session: this.session,
      clock: ctx.clock,
      whenEnded: this.whenEnded,
      whenAcked: this.whenAcked,
      caller: this.direction === 'outgoing',
      random: () => ctx.random(),
      active: () => this._state === CallState.Active,
      held: () => this.mediaControl.held,
      constraints: () => this.mediaControl.constraints,
      modifiers: () => ctx.modifiers,
      setHeld: async (hold) => {
        await this.mediaControl.setHeld(hold, this.id);
        this.changed();
      },
    });
    this.dtmfSender = new DtmfSender({
      session: this.session,
      clock: ctx.clock,
      whenEnded: this.whenEnded,
      sdh: () => this.mediaControl.sdh,
      method: () => ctx.config.dtmfMethod ?? 'auto',
      active: () => this._state === CallState.Active,
    });
    this.watchdog = new MediaWatchdog({
      clock: ctx.clock,
      logger: ctx.logger,
      timeoutMs: ctx.config.mediaTimeoutMs ?? DEFAULT_MEDIA_TIMEOUT_MS,
      peerConnection: () =>
        (this.mediaControl.sdh?.peerConnection as WatchedPeerConnection | undefined) ?? null,
      held: () => this.mediaControl.held,
      lost: (message) => this.loseConnection(message),
      restartIce: () => {
        this.restartIce().catch((error) => ctx.logger.warn(`Call ${this.id}: ICE restart failed`, error));
      },
    });
  }

  get state(): CallState {
    return this._state;
  }

  get held(): boolean {
    return this.mediaControl.held;
  }

  get media(): CallMedia {
    return this.mediaControl.streams;
  }

  snapshot(): CallSnapshot {
    const identity = this.session.remoteIdentity;
    const asserted = this.direction === 'incoming' ? this.session.assertedIdentity : undefined;
    return Object.freeze({
      id: this.id,
      sipCallId: sipCallIdOf(this.kind),
      direction: this.direction,
      state: this._state,
      remoteUri: identity.uri.toString(),
      remoteUser: identity.uri.user ?? '',
      remoteDisplayName: asserted?.displayName || identity.displayName || null,
      video: this.video,
      muted: this.mediaControl.muted,
      cameraOff: this.mediaControl.cameraOff,
      held: this.mediaControl.held,
      createdAt: this.createdAt,
      answeredAt: this.answeredAt,
      endedAt: this.endedAt,
      endReason: this.endReason,
      endStatusCode: this.endStatusCode,
      endMessage: this.endMessage,
    });
  }

  /** Sends the INVITE; resolves once it is sent. */
  async invite(): Promise<void> {
    if (this.kind.direction !== 'outgoing') throw new Error('Not an outgoing call');
    const inviter = this.kind.inviter;
    try {
      await callAsync(() =>
        inviter.invite({
          requestDelegate: {
            onProgress: (response) => {
              const status = response.message.statusCode ?? 0;
              if (status >= 180 && this._state === CallState.Dialing) this.setState(CallState.Ringing);
            },
            onRedirect: (response) => {
              this.finalStatus = response.message.statusCode ?? null;
            },
            onReject: (response) => {
              this.finalStatus = response.message.statusCode ?? null;
            },
          },
        }),
      );
      // A prepared offer went out first; a microphone that then fails ends the call with the reason.
      const devices = pendingLocalMedia(this.session.sessionDescriptionHandler);
      devices?.catch((error: unknown) => this.localMediaFailed(localMediaFailure(error)));
    } catch (error) {
      if (this.localEnd) return;
      this.end('failed', null);
      throw new Error(
        classifyMediaError(error)?.message ?? `Could not place the call: ${errorMessage(error)}`,
      );
    }
  }

  async answer(video: boolean): Promise<void> {
    if (this.kind.direction !== 'incoming' || this._state !== CallState.Incoming) {
      throw new Error('Call is not ringing');
    }
    const invitation = this.kind.invitation;
    this.mediaControl.answerWith(video);
    // A prepared answer (ADR 0014) is sent within microtasks of the click. Telling the UI "Connecting"
    // now would have it render (a synchronous React update, the click being a discrete event) before
    // the 200 OK leaves: the UI hears of it one task later, and only if the call is still connecting.
    this._state = CallState.Connecting;
    this.ctx.clock.setTimeout(() => {
      if (this._state === CallState.Connecting) this.changed();
    }, 0);
    try {
      await callAsync(() =>
        invitation.accept({
          sessionDescriptionHandlerOptions: { constraints: this.mediaControl.constraints },
          sessionDescriptionHandlerModifiers: this.ctx.modifiers,
        }),
      );
      // A prepared answer went out first; a refused microphone ends the call with the reason.
      const devices = pendingLocalMedia(this.session.sessionDescriptionHandler);
      devices?.catch((error: unknown) => this.localMediaFailed(localMediaFailure(error)));
    } catch (error) {
      if (this.localEnd) return;
      this.end('failed', null);
      throw new Error(
        classifyMediaError(error)?.message ?? `Could not answer the call: ${errorMessage(error)}`,
      );
    }
  }

  async decline(status: 486 | 603): Promise<void> {
    if (this.kind.direction !== 'incoming' || this._state !== CallState.Incoming) {
      throw new Error('Call is not ringing');
    }
    const invitation = this.kind.invitation;
    this.localEnd = true;
    this.end('declined', status);
    await callAsync(() => invitation.reject({ statusCode: status })).catch((error) =>
      this.ctx.logger.warn(`Rejecting call ${this.id} failed`, error),
    );
  }

  /** CANCEL (outgoing, not answered), 486 (incoming, ringing), or BYE. Idempotent. */
  async hangup(): Promise<void> {
    const state = this._state;
    if (state === CallState.Ended) return;
    this.localEnd = true;
    let action: () => Promise<unknown>;
    if (this.kind.direction === 'outgoing' && (state === CallState.Dialing || state === CallState.Ringing)) {
      const inviter = this.kind.inviter;
      this.end('cancelled', null);
      action = () => inviter.cancel();
    } else if (this.kind.direction === 'incoming' && state === CallState.Incoming) {
      const invitation = this.kind.invitation;
      this.end('declined', 486);
      action = () => invitation.reject({ statusCode: 486 });
    } else if (this.kind.direction === 'incoming' && state === CallState.Connecting) {
      const invitation = this.kind.invitation;
      this.end('local-hangup', null);
      // Still answering: reject() is allowed until accept() completes; after that, BYE.
      action = () =>
        this.session.state === SessionState.Established
          ? this.session.bye()
          : invitation.reject({ statusCode: 486 });
    } else {
      this.end('local-hangup', null);
      this.sendBye();
      return;
    }
    await callAsync(action).catch((error) =>
      this.ctx.logger.warn(`Hanging up call ${this.id} failed`, error),
    );
  }

  /**
   * Re-INVITE with an ICE restart (the network path changed or ICE is stuck `disconnected`).
   * Coalesces with one already queued; no-op unless Active.
   */
  restartIce(): Promise<void> {
    return this.renegotiator.restartIce();
  }

  /** Taken over by an INVITE with Replaces: sip.js sends the BYE. */
  replacedBy(): void {
    this.localEnd = true;
    this.end('local-hangup', null);
  }

  /** The devices could not be opened after the offer or answer went out: CANCEL before an answer, else BYE. */
  private localMediaFailed(message: string): void {
    const state = this._state;
    if (this.kind.direction !== 'outgoing' || (state !== CallState.Dialing && state !== CallState.Ringing)) {
      return this.loseConnection(message, 'failed');
    }
    const inviter = this.kind.inviter;
    this.localEnd = true;
    this.end('failed', null, message);
    callAsync(() => inviter.cancel()).catch((error) =>
      this.ctx.logger.warn(`Cancelling call ${this.id} failed`, error),
    );
  }

  /** The media watchdog gave up on this call, or its devices could not be opened after Answer. */
  private loseConnection(message: string, reason: CallEndReason = 'connection-lost'): void {
    if (this._state !== CallState.Active) return;
    this.localEnd = true;
    this.end(reason, null, message);
    this.sendBye();
  }

  /** BYE now, or once the SIP connection is back. */
  private sendBye(): void {
    const bye = (): Promise<unknown> => callAsync(() => this.session.bye());
    if (!this.ctx.transportUp()) {
      this.ctx.deferBye(this, bye);
      return;
    }
    bye().catch((error) => this.ctx.logger.warn(`Hanging up call ${this.id} failed`, error));
  }

  setMuted(muted: boolean): void {
    if (this._state === CallState.Ended) return;
    if (this.mediaControl.setMuted(muted)) this.changed();
  }

  hold(): Promise<void> {
    return this.renegotiator.hold(true);
  }

  resume(): Promise<void> {
    return this.renegotiator.hold(false);
  }

  setCameraOff(off: boolean): Promise<void> {
    if (this._state === CallState.Ended) return Promise.reject(new Error('Call has ended'));
    return this.mediaControl.setCameraOff(off);
  }

  async sendDtmf(tones: string): Promise<void> {
    await this.dtmfSender.send(tones);
  }

  // ---------------------------------------------------------------- internals

  private readonly delegate: SessionDelegateLike = {
    onBye: (bye) => {
      this.remoteBye = true;
      callAsync(() => bye.accept()).catch(noop);
    },
    onAck: () => this.ackedResolve(),
    onCancel: (cancel) => {
      const reason = cancel.request.getHeader('reason') ?? '';
      this.remoteCancel = /\bcause\s*=\s*200\b/i.test(reason) ? 'answered-elsewhere' : 'cancelled';
    },
    onInfo: (info) => answerInfo(info, this.ctx.logger, (tone) => this.ctx.dtmf(this, tone)),
    onRefer: (referral) => this.ctx.referred(this, referral),
    onSessionDescriptionHandler: (sdh, provisional) => {
      if (!provisional) this.mediaControl.attach(sdh);
    },
  };

  private readonly onSessionState = (state: SessionState): void => {
    if (state === SessionState.Established) {
      this.onEstablished();
    } else if (state === SessionState.Terminated) {
      // sip.js reports the final response to requestDelegate.onReject *after* the
      // state change, so decide the end reason once that has run.
      queueMicrotask(() => this.onTerminated());
    }
  };

  private onEstablished(): void {
    if (this._state === CallState.Ended) {
      // Hung up while the answer was on its way: finish the job.
      if (this.localEnd) callAsync(() => this.session.bye()).catch(noop);
      return;
    }
    // The SDH is normally attached via the delegate; pick it up here if not.
    if (!this.mediaControl.sdh && this.session.sessionDescriptionHandler)
      this.mediaControl.attach(this.session.sessionDescriptionHandler);
    this.answeredAt = this.ctx.clock.now();
    this.renegotiator.exchanged(this.answeredAt);
    this.mediaControl.applyTracks();
    this.setState(CallState.Active);
    this.watchdog.start();
    this.ctx.media(this);
  }

  private onTerminated(): void {
    this.session.stateChange.removeListener(this.onSessionState);
    if (this._state === CallState.Ended) return;
    const { reason, status } = terminatedOutcome({
      direction: this.direction,
      state: this._state,
      answered: this.answeredAt !== null,
      remoteBye: this.remoteBye,
      finalStatus: this.finalStatus,
      remoteCancel: this.remoteCancel,
    });
    this.end(reason, status);
  }

  private end(reason: CallEndReason, status: number | null, message: string | null = null): void {
    if (this._state === CallState.Ended) return;
    this._state = CallState.Ended;
    this.watchdog.stop();
    this.endedAt = this.ctx.clock.now();
    this.endReason = reason;
    this.endStatusCode = status;
    this.endMessage = message;
    this.mediaControl.stop();
    this.endedResolve();
    this.changed();
    this.ctx.ended(this);
  }

  private setState(state: CallState): void {
    if (this._state === state || this._state === CallState.Ended) return;
    this._state = state;
    this.changed();
  }

  private changed(): void {
    this.ctx.changed(this);
  }
}
