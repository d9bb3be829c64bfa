/** One re-INVITE of an established session (hold, resume, ICE restart) and how it ended. */
import { RequestPendingError, type SessionDescriptionHandlerModifier } from 'sip.js';
import type { SessionLike } from './ports';
import { errorMessage } from '../lib/errors';
import { callAsync, noop, sleep, type Clock } from './util';

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

/** `retryInMs`: null when the failure is final. */
export type ReinviteResult = { ok: true } | { ok: false; retryInMs: number | null; message: string };

export interface ReinviteRequest {
  constraints: MediaStreamConstraints;
  hold: boolean;
  iceRestart: boolean;
  modifiers: SessionDescriptionHandlerModifier[];
  /** For messages: "hold", "resume", "restart the media connection of". */
  verb: string;
  /** Back-off after 491 or RequestPendingError (RFC 3261 14.1). */
  glareDelay(): number;
}

export function reinvite(
  session: SessionLike,
  request: ReinviteRequest,
  whenEnded: Promise<void>,
): Promise<ReinviteResult> {
  const { verb } = request;
  return new Promise<ReinviteResult>((resolve) => {
    void whenEnded.then(() => resolve({ ok: false, retryInMs: null, message: 'The call has ended' }));
    callAsync(() =>
      session.invite({
        // Kept by sip.js for later re-INVITEs in both directions, so an offer from the
        // other side while we hold is answered sendonly/inactive.
        sessionDescriptionHandlerOptions: {
          constraints: request.constraints,
          hold: request.hold,
          ...(request.iceRestart ? { offerOptions: { iceRestart: true } } : {}),
        },
        sessionDescriptionHandlerModifiers: request.modifiers,
        requestDelegate: {
          onAccept: () => resolve({ ok: true }),
          onReject: (response) => {
            const status = response.message.statusCode ?? 0;
            const retryAfter = Number.parseInt(response.message.getHeader('retry-after') ?? '', 10);
            let retryInMs: number | null = null;
            if (status === 491) retryInMs = request.glareDelay();
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
        retryInMs: error instanceof RequestPendingError ? request.glareDelay() : null,
        message: `Could not ${verb} the call: ${errorMessage(error)}`,
      }),
    );
  });
}

export interface RenegotiatorDeps {
  readonly session: SessionLike;
  readonly clock: Clock;
  readonly whenEnded: Promise<void>;
  /**
   * The INVITE that set the call up is complete: at once for a call we placed (we send the ACK), on the
   * caller's ACK for one we answered. RFC 3261 §14.1: no new INVITE transaction while one is in progress in
   * either direction. sip.js does not stop us, and an ACK that arrives while our re-INVITE's offer is out
   * makes it end the call (BYE, 488): answer then hold or transfer at once on a slow link, and it dropped.
   */
  readonly whenAcked: Promise<void>;
  /** We own the Call-ID (we placed the call): decides the glare back-off range. */
  readonly caller: boolean;
  random(): number;
  active(): boolean;
  held(): boolean;
  constraints(): MediaStreamConstraints;
  modifiers(): SessionDescriptionHandlerModifier[];
  /** The hold/resume re-INVITE succeeded. */
  setHeld(hold: boolean): Promise<void>;
}

/** Our re-INVITEs for one call (hold, resume, ICE restart), one at a time. */
export class Renegotiator {
  /** When the last offer/answer exchange finished (answer or re-INVITE), for REINVITE_SPACING_MS. */
  private lastExchangeAt = Number.NEGATIVE_INFINITY;
  private chain: Promise<void> = Promise.resolve();
  /** An ICE restart is queued or running (further triggers coalesce into it). */
  private iceRestarting = false;

  constructor(private readonly deps: RenegotiatorDeps) {}

  exchanged(at: number): void {
    this.lastExchangeAt = at;
  }

  hold(hold: boolean): Promise<void> {
    if (!this.deps.active()) return Promise.reject(new Error('Call is not active'));
    return this.queue(() =>
      this.deps.held() === hold
        ? Promise.resolve()
        : this.run({ hold, iceRestart: false, verb: hold ? 'hold' : 'resume' }),
    );
  }

  /** Coalesces with a restart already queued; no-op unless active. */
  restartIce(): Promise<void> {
    if (!this.deps.active() || this.iceRestarting) return Promise.resolve();
    this.iceRestarting = true;
    return this.queue(() =>
      this.run({ hold: this.deps.held(), iceRestart: true, verb: 'reconnect' }).finally(() => {
        this.iceRestarting = false;
      }),
    );
  }

  private queue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task);
    this.chain = run.catch(noop);
    return run;
  }

  /** A re-INVITE with glare/500 retries (RFC 5407 spacing); updates `held` when it succeeds. */
  private async run(what: { hold: boolean; iceRestart: boolean; verb: string }): Promise<void> {
    const deps = this.deps;
    if (!deps.active()) throw new Error('Call is not active');
    await Promise.race([deps.whenAcked, deps.whenEnded]);
    if (!deps.active()) return;
    for (let attempt = 0; ; attempt++) {
      const since = deps.clock.now() - this.lastExchangeAt;
      if (since < REINVITE_SPACING_MS) await sleep(deps.clock, REINVITE_SPACING_MS - since);
      if (!deps.active()) return;
      const result = await reinvite(
        deps.session,
        {
          ...what,
          constraints: deps.constraints(),
          modifiers: deps.modifiers(),
          glareDelay: () => this.glareDelay(),
        },
        deps.whenEnded,
      );
      this.lastExchangeAt = deps.clock.now();
      if (!deps.active()) return;
      if (result.ok) break;
      if (result.retryInMs === null || attempt >= GLARE_RETRIES) throw new Error(result.message);
      await sleep(deps.clock, result.retryInMs);
      if (!deps.active()) return;
    }
    if (deps.held() !== what.hold) await deps.setHeld(what.hold);
  }

  /** RFC 3261 14.1: after 491, the Call-ID owner waits 2.1–4 s, the other side 0–2 s. */
  private glareDelay(): number {
    return this.deps.caller ? 2100 + this.deps.random() * 1900 : this.deps.random() * 2000;
  }
}
