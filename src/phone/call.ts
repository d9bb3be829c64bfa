/**
 * One call: its state machine (see `CallState` in types.ts), its snapshot, and the
 * operations on it. Wraps a sip.js `Inviter` (outgoing) or `Invitation` (incoming).
 *
 * How SIP events map to the snapshot:
 * - outgoing: created → Dialing; 18x → Ringing; session Established → Active;
 *   final 3xx–6xx → Ended with `endReasonForStatus`; our CANCEL → Ended `cancelled`.
 * - incoming: created → Incoming; answer() → Connecting → (Established) Active;
 *   CANCEL → Ended `cancelled` (`answered-elsewhere` with `Reason: SIP;cause=200`);
 *   decline()/hangup() before answer → Ended `declined`; not answered in time → `no-answer`.
 * - both: their BYE → `remote-hangup`; our BYE → `local-hangup`; anything else → `failed`.
 *
 * Local actions end the snapshot at once (the UI should not wait for the network);
 * the later sip.js `Terminated` is then ignored.
 */
import { RequestPendingError, SessionState, type SessionDescriptionHandlerModifier } from 'sip.js';
import {
  buildDtmfInfoBody,
  chooseDtmfMethod,
  classifyInfo,
  DTMF_PAUSE_MS,
  DTMF_RELAY_CONTENT_TYPE,
  DTMF_RTP_DURATION_MS,
  DTMF_RTP_GAP_MS,
  INFO_ACCEPT,
  normalizeTones,
} from './dtmf';
import {
  applyTrackStates,
  parkSenders,
  asWebSdh,
  audioSender,
  deviceConstraint,
  startCamera,
  stopCamera,
  stopLocalTracks,
  type GetUserMedia,
  type WebSdhLike,
} from './media';
import type { InfoLike, InvitationLike, InviterLike, SessionDelegateLike, SessionLike } from './ports';
import {
  CallState,
  type CallDirection,
  type CallEndReason,
  type CallMedia,
  type CallSnapshot,
  type DtmfTone,
  type PhoneConfig,
} from './types';
import { callAsync, noop, sleep, type Clock, type Logger } from './util';
import { classifyMediaError, errorMessage } from '../lib/errors';

/** How many times a re-INVITE is retried after 491 Request Pending (glare) or 500 with Retry-After. */
export const GLARE_RETRIES = 2;
/**
 * Minimum gap between the end of one offer/answer exchange (answer, previous re-INVITE)
 * and our next re-INVITE. RFC 5407 §3.1.4: the peer may still be processing our ACK and
 * would answer 500 (sip.js does); waiting a little avoids the race.
 */
export const REINVITE_SPACING_MS = 250;
/** Upper bound on honouring a 500's Retry-After for hold/resume (ms). */
export const MAX_REINVITE_RETRY_AFTER_MS = 4000;
/** INFO (DTMF) requests are treated as delivered if no answer comes within this time. */
export const INFO_ANSWER_TIMEOUT_MS = 5000;

export function endReasonForStatus(status: number): CallEndReason {
  switch (status) {
    case 486:
    case 600:
      return 'busy';
    case 603:
      return 'declined';
    case 480:
      return 'unavailable';
    case 404:
    case 604:
      return 'not-found';
    case 408:
      return 'no-answer';
    case 487:
      return 'cancelled';
    default:
      return 'failed';
  }
}

/** What a call needs from the engine. */
export interface CallContext {
  readonly config: PhoneConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly modifiers: SessionDescriptionHandlerModifier[];
  random(): number;
  getUserMedia: GetUserMedia;
  changed(call: Call): void;
  media(call: Call): void;
  dtmf(call: Call, tone: DtmfTone): void;
  ended(call: Call): void;
}

type SessionKind =
  { direction: 'outgoing'; inviter: InviterLike } | { direction: 'incoming'; invitation: InvitationLike };

/** `retryInMs`: null when the failure is final. */
type ReinviteResult = { ok: true } | { ok: false; retryInMs: number | null; message: string };

export class Call {
  readonly id: string;
  readonly direction: CallDirection;
  readonly createdAt: number;
  private readonly session: SessionLike;
  private readonly kind: SessionKind;
  private readonly video: boolean;
  private constraints: MediaStreamConstraints;
  /** We send video (placed/answered with video); otherwise the camera stays off. */
  private sendsVideo: boolean;
  private _state: CallState;
  private muted = false;
  private _held = false;
  private cameraOff: boolean;
  private answeredAt: number | null = null;
  /** When the last offer/answer exchange finished (answer or re-INVITE), for REINVITE_SPACING_MS. */
  private lastOfferAnswerAt = Number.NEGATIVE_INFINITY;
  private endedAt: number | null = null;
  private endReason: CallEndReason | null = null;
  private endStatusCode: number | null = null;
  /** Final response to our INVITE. */
  private finalStatus: number | null = null;
  private remoteBye = false;
  private remoteCancel: 'cancelled' | 'answered-elsewhere' | null = null;
  /** The call was ended by a local action (hangup/decline); sip.js errors that follow are expected. */
  private localEnd = false;
  private sdh: WebSdhLike | null = null;
  private reinviteChain: Promise<void> = Promise.resolve();
  private cameraChain: Promise<void> = Promise.resolve();
  private infoChain: Promise<void> = Promise.resolve();
  private endedResolve: () => void = noop;
  private readonly whenEnded: Promise<void>;

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
    this.constraints = args.constraints;
    this.sendsVideo = this.direction === 'outgoing' && args.video;
    this.cameraOff = !this.sendsVideo;
    this._state = this.direction === 'outgoing' ? CallState.Dialing : CallState.Incoming;
    this.createdAt = ctx.clock.now();
    this.whenEnded = new Promise((resolve) => {
      this.endedResolve = resolve;
    });
    this.session.delegate = this.delegate;
    this.session.stateChange.addListener(this.onSessionState);
  }

  get state(): CallState {
    return this._state;
  }

  get held(): boolean {
    return this._held;
  }

  get media(): CallMedia {
    return { local: this.sdh?.localMediaStream ?? null, remote: this.sdh?.remoteMediaStream ?? null };
  }

  snapshot(): CallSnapshot {
    const identity = this.session.remoteIdentity;
    const asserted = this.direction === 'incoming' ? this.session.assertedIdentity : undefined;
    return Object.freeze({
      id: this.id,
      direction: this.direction,
      state: this._state,
      remoteUri: identity.uri.toString(),
      remoteUser: identity.uri.user ?? '',
      remoteDisplayName: asserted?.displayName || identity.displayName || null,
      video: this.video,
      muted: this.muted,
      cameraOff: this.cameraOff,
      held: this._held,
      createdAt: this.createdAt,
      answeredAt: this.answeredAt,
      endedAt: this.endedAt,
      endReason: this.endReason,
      endStatusCode: this.endStatusCode,
    });
  }

  // ---------------------------------------------------------------- outgoing

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
    } catch (error) {
      if (this.localEnd) return;
      this.end('failed', null);
      throw new Error(
        classifyMediaError(error)?.message ?? `Could not place the call: ${errorMessage(error)}`,
      );
    }
  }

  // ---------------------------------------------------------------- incoming

  async answer(video: boolean): Promise<void> {
    if (this.kind.direction !== 'incoming' || this._state !== CallState.Incoming) {
      throw new Error('Call is not ringing');
    }
    const invitation = this.kind.invitation;
    this.sendsVideo = video;
    this.cameraOff = !video;
    this.constraints = {
      ...this.constraints,
      video: video ? deviceConstraint(this.ctx.config.videoInputId) : false,
    };
    this.setState(CallState.Connecting);
    try {
      await callAsync(() =>
        invitation.accept({
          sessionDescriptionHandlerOptions: { constraints: this.constraints },
          sessionDescriptionHandlerModifiers: this.ctx.modifiers,
        }),
      );
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

  // ---------------------------------------------------------------- both

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
      action = () => this.session.bye();
    }
    await callAsync(action).catch((error) =>
      this.ctx.logger.warn(`Hanging up call ${this.id} failed`, error),
    );
  }

  setMuted(muted: boolean): void {
    if (this._state === CallState.Ended || this.muted === muted) return;
    this.muted = muted;
    this.applyTracks();
    this.changed();
  }

  hold(): Promise<void> {
    return this.queueHold(true);
  }

  resume(): Promise<void> {
    return this.queueHold(false);
  }

  setCameraOff(off: boolean): Promise<void> {
    if (this._state === CallState.Ended) return Promise.reject(new Error('Call has ended'));
    const run = this.cameraChain.then(() => this.applyCamera(off));
    this.cameraChain = run.catch(noop);
    return run;
  }

  async sendDtmf(tones: string): Promise<void> {
    const sequence = normalizeTones(tones);
    if (this._state !== CallState.Active) throw new Error('Call is not active');
    const sender = audioSender(this.sdh);
    const method = chooseDtmfMethod(this.ctx.config.dtmfMethod ?? 'auto', sender);
    if (method === 'rfc4733') {
      const dtmf = sender?.dtmf;
      if (!dtmf?.canInsertDTMF) throw new Error('This call cannot send DTMF over RTP (RFC 4733)');
      try {
        // insertDTMF replaces what is still queued, so append to it.
        dtmf.insertDTMF(dtmf.toneBuffer + sequence, DTMF_RTP_DURATION_MS, DTMF_RTP_GAP_MS);
      } catch (error) {
        throw new Error(`Could not send DTMF: ${errorMessage(error)}`);
      }
      return;
    }
    const run = this.infoChain.then(async () => {
      for (const tone of sequence) {
        if (this._state !== CallState.Active) throw new Error('Call is not active');
        if (tone === ',') await sleep(this.ctx.clock, DTMF_PAUSE_MS);
        else await this.sendInfoTone(tone as DtmfTone);
      }
    });
    this.infoChain = run.catch(noop);
    return run;
  }

  // ---------------------------------------------------------------- internals

  private readonly delegate: SessionDelegateLike = {
    onBye: (bye) => {
      this.remoteBye = true;
      callAsync(() => bye.accept()).catch(noop);
    },
    onCancel: (cancel) => {
      const reason = cancel.request.getHeader('reason') ?? '';
      this.remoteCancel = /\bcause\s*=\s*200\b/i.test(reason) ? 'answered-elsewhere' : 'cancelled';
    },
    onInfo: (info) => this.onInfo(info),
    onSessionDescriptionHandler: (sdh, provisional) => {
      if (!provisional) this.attachSdh(sdh);
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
    if (!this.sdh && this.session.sessionDescriptionHandler)
      this.attachSdh(this.session.sessionDescriptionHandler);
    this.answeredAt = this.ctx.clock.now();
    this.lastOfferAnswerAt = this.answeredAt;
    this.applyTracks();
    this.setState(CallState.Active);
    this.ctx.media(this);
  }

  private onTerminated(): void {
    this.session.stateChange.removeListener(this.onSessionState);
    if (this._state === CallState.Ended) return;
    const wasAnswered = this.answeredAt !== null;
    if (this.remoteBye) {
      this.end('remote-hangup', null);
    } else if (this.direction === 'outgoing') {
      if (this.finalStatus !== null && this.finalStatus >= 300)
        this.end(endReasonForStatus(this.finalStatus), this.finalStatus);
      else this.end('failed', null);
    } else if (this.remoteCancel) {
      this.end(this.remoteCancel, 487);
    } else if (!wasAnswered && this._state === CallState.Incoming) {
      this.end('no-answer', null);
    } else {
      this.end('failed', null);
    }
  }

  private end(reason: CallEndReason, status: number | null): void {
    if (this._state === CallState.Ended) return;
    this._state = CallState.Ended;
    this.endedAt = this.ctx.clock.now();
    this.endReason = reason;
    this.endStatusCode = status;
    stopLocalTracks(this.sdh);
    this.endedResolve();
    this.changed();
    this.ctx.ended(this);
  }

  /** Not narrowed by TypeScript across awaits, unlike `this._state === …`. */
  private isEnded(): boolean {
    return this._state === CallState.Ended;
  }

  private setState(state: CallState): void {
    if (this._state === state || this._state === CallState.Ended) return;
    this._state = state;
    this.changed();
  }

  private changed(): void {
    this.ctx.changed(this);
  }

  private attachSdh(raw: object): void {
    const sdh = asWebSdh(raw);
    if (!sdh || sdh === this.sdh) return;
    this.sdh = sdh;
    const onLocal = (): void => {
      this.applyTracks();
      // The camera was switched off before the SDH had acquired it.
      if (this.cameraOff && this.sendsVideo && sdh.localMediaStream.getVideoTracks().length > 0) {
        stopCamera(sdh).catch(noop);
      }
      this.ctx.media(this);
    };
    const onRemote = (): void => {
      this.applyTracks();
      this.ctx.media(this);
    };
    sdh.localMediaStream.addEventListener('addtrack', onLocal);
    sdh.localMediaStream.addEventListener('removetrack', onRemote);
    sdh.remoteMediaStream.addEventListener('addtrack', onRemote);
    sdh.remoteMediaStream.addEventListener('removetrack', onRemote);
    this.ctx.media(this);
  }

  private applyTracks(): void {
    applyTrackStates(this.sdh, { muted: this.muted, held: this._held });
  }

  private async applyCamera(off: boolean): Promise<void> {
    if (this._state === CallState.Ended) throw new Error('Call has ended');
    // A call placed or answered audio-only stays audio-only.
    if (!this.sendsVideo || this.cameraOff === off) return;
    const sdh = this.sdh;
    if (!sdh) throw new Error('The call is not connected yet');
    if (off) {
      await stopCamera(sdh);
    } else {
      try {
        await startCamera(
          sdh,
          this.ctx.getUserMedia,
          deviceConstraint(this.ctx.config.videoInputId),
          !this._held,
        );
      } catch (error) {
        throw new Error(
          classifyMediaError(error)?.message ?? `Could not turn the camera on: ${errorMessage(error)}`,
        );
      }
      if (this.isEnded()) {
        stopLocalTracks(sdh);
        return;
      }
    }
    this.cameraOff = off;
    this.changed();
    this.ctx.media(this);
  }

  private queueHold(hold: boolean): Promise<void> {
    if (this._state !== CallState.Active) return Promise.reject(new Error('Call is not active'));
    const run = this.reinviteChain.then(() => this.applyHold(hold));
    this.reinviteChain = run.catch(noop);
    return run;
  }

  private async applyHold(hold: boolean): Promise<void> {
    if (this._state !== CallState.Active) throw new Error('Call is not active');
    if (this._held === hold) return;
    for (let attempt = 0; ; attempt++) {
      const since = this.ctx.clock.now() - this.lastOfferAnswerAt;
      if (since < REINVITE_SPACING_MS) await sleep(this.ctx.clock, REINVITE_SPACING_MS - since);
      if (this._state !== CallState.Active) return;
      const result = await this.reinvite(hold);
      this.lastOfferAnswerAt = this.ctx.clock.now();
      if (this._state !== CallState.Active) return;
      if (result.ok) break;
      if (result.retryInMs === null || attempt >= GLARE_RETRIES) throw new Error(result.message);
      await sleep(this.ctx.clock, result.retryInMs);
      if (this._state !== CallState.Active) return;
    }
    this._held = hold;
    this.applyTracks();
    try {
      await parkSenders(this.sdh, hold);
    } catch (error) {
      this.ctx.logger.warn(`Call ${this.id}: could not ${hold ? 'park' : 'restore'} media senders`, error);
    }
    this.changed();
  }

  /** RFC 3261 14.1: after 491, the Call-ID owner waits 2.1–4 s, the other side 0–2 s. */
  private glareDelay(): number {
    return this.direction === 'outgoing' ? 2100 + this.ctx.random() * 1900 : this.ctx.random() * 2000;
  }

  private reinvite(hold: boolean): Promise<ReinviteResult> {
    const verb = hold ? 'hold' : 'resume';
    return new Promise<ReinviteResult>((resolve) => {
      void this.whenEnded.then(() => resolve({ ok: false, retryInMs: null, message: 'The call has ended' }));
      callAsync(() =>
        this.session.invite({
          // Kept by sip.js for later re-INVITEs in both directions, so an offer from the
          // other side while we hold is answered sendonly/inactive.
          sessionDescriptionHandlerOptions: { constraints: this.constraints, hold },
          sessionDescriptionHandlerModifiers: this.ctx.modifiers,
          requestDelegate: {
            onAccept: () => resolve({ ok: true }),
            onReject: (response) => {
              const status = response.message.statusCode ?? 0;
              const retryAfter = Number.parseInt(response.message.getHeader('retry-after') ?? '', 10);
              let retryInMs: number | null = null;
              if (status === 491) retryInMs = this.glareDelay();
              else if (status === 500 && Number.isFinite(retryAfter)) {
                retryInMs = Math.min(
                  Math.max(retryAfter * 1000, REINVITE_SPACING_MS),
                  MAX_REINVITE_RETRY_AFTER_MS,
                );
              }
              resolve({
                ok: false,
                retryInMs,
                message: `The other side refused to ${verb} the call (${status})`,
              });
            },
          },
        }),
      ).catch((error) =>
        resolve({
          ok: false,
          retryInMs: error instanceof RequestPendingError ? this.glareDelay() : null,
          message: `Could not ${verb} the call: ${errorMessage(error)}`,
        }),
      );
    });
  }

  private sendInfoTone(tone: DtmfTone): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (error?: Error): void => {
        if (done) return;
        done = true;
        this.ctx.clock.clearTimeout(guard);
        if (error) reject(error);
        else resolve();
      };
      const guard = this.ctx.clock.setTimeout(() => finish(), INFO_ANSWER_TIMEOUT_MS);
      void this.whenEnded.then(() => finish(new Error('Call is not active')));
      callAsync(() =>
        this.session.info({
          requestOptions: {
            body: {
              contentDisposition: 'render',
              contentType: DTMF_RELAY_CONTENT_TYPE,
              content: buildDtmfInfoBody(tone),
            },
          },
          requestDelegate: {
            onAccept: () => finish(),
            onReject: (response) =>
              finish(
                new Error(`The other side rejected the DTMF tone (${response.message.statusCode ?? 0})`),
              ),
          },
        }),
      ).catch((error) => finish(new Error(`Could not send DTMF: ${errorMessage(error)}`)));
    });
  }

  private onInfo(info: InfoLike): void {
    const kind = classifyInfo(info.request.getHeader('content-type'), info.request.body);
    const respond = (action: () => Promise<void>): void => {
      callAsync(action).catch((error) => this.ctx.logger.warn('Answering INFO failed', error));
    };
    switch (kind.kind) {
      case 'dtmf':
        respond(() => info.accept());
        this.ctx.dtmf(this, kind.tone);
        break;
      case 'ignore':
        respond(() => info.accept());
        break;
      case 'bad-dtmf':
        respond(() => info.reject({ statusCode: 400 }));
        break;
      case 'unsupported':
        respond(() => info.reject({ statusCode: 415, extraHeaders: [`Accept: ${INFO_ACCEPT}`] }));
        break;
    }
  }
}
