/**
 * Call transfer, both ends (RFC 3515 REFER, RFC 3891 Replaces, RFC 5589 flows), over sip.js's own
 * pieces: `Session.refer()`, the `onRefer` delegate, `Referral.makeInviter()` (whose Inviter NOTIFYs
 * the referrer with a sipfrag of each response) and the UserAgent's Replaces matching.
 *
 * - Transferor: `blind()`/`attended()` hold the call, send REFER and follow the NOTIFYs (state
 *   machine on `TransferStatus`): a 2xx hangs the call up, a failure (REFER refused, 3xx–6xx, no
 *   final NOTIFY in time, the call ended) resumes it if we were the ones who held it.
 * - Transferee: `referred()` accepts a REFER (202), places the referred call and ends the original
 *   once the new one is up. It does not hold the original itself: the transferor already did, and
 *   resumes it when the transfer fails (two resumes at once would collide, 491 glare).
 * - Transfer target: `replacing()` decides an INVITE with Replaces; `takeOver()` answers it without
 *   ringing and ends the replaced call (sip.js sends that BYE).
 */
import { t } from '@lingui/core/macro';
import { URI, UserAgent, type InviterOptions } from 'sip.js';
import type { Call } from './call';
import type { InvitationLike, InviterLike, NotificationLike, ReferralLike } from './ports';
import { parseSipfrag, referOutcome, transferFailureMessage } from './refer-progress';
import { normalizeTarget } from './target';
import { CallState, type TransferStatus } from './types';
import { callAsync, noop, type Clock, type Logger } from './util';
import { errorMessage } from '../lib/errors';
import { SessionState } from 'sip.js';

/** How long a transfer may wait for the transferee's final NOTIFY (the target may ring a while). */
export const TRANSFER_TIMEOUT_MS = 75_000;

export interface TransferHost {
  readonly clock: Clock;
  readonly logger: Logger;
  /** The SIP domain of the signed-in account (for targets typed as a bare number). */
  domain(): string;
  emit(status: TransferStatus): void;
  /** Places the call a REFER asked for (holding the other calls first); resolves once its INVITE is sent. */
  placeReferred(makeInviter: (options: InviterOptions) => InviterLike): Promise<Call>;
}

interface Attempt {
  status: TransferStatus;
  wasHeld: boolean;
  timer: unknown;
  stop: () => void;
}

/** A Refer-To URI printed as name-addr (`<…>`), as RFC 3261 §20 requires for a URI with headers. */
class NameAddrUri extends URI {
  override toString(): string {
    return `<${super.toString()}>`;
  }
}

/** `<sip:colleague@domain?Replaces=callid%3Bto-tag%3D…%3Bfrom-tag%3D…>` for the consultation dialog. */
export function replacesReferTo(
  target: string,
  dialog: { callId: string; localTag: string; remoteTag: string },
): URI {
  const uri = UserAgent.makeURI(target);
  if (!uri) throw new Error(`Cannot transfer to "${target}"`);
  const replaces = `${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`;
  return new NameAddrUri(
    uri.scheme,
    uri.user ?? '',
    uri.host,
    uri.port,
    { ...uri.parameters },
    {
      Replaces: [encodeURIComponent(replaces)],
    },
  );
}

/** Why the call a REFER asked us to place did not connect, in the transferor's words. */
function referredFailure(next: Call): string {
  const { endStatusCode } = next.snapshot();
  return endStatusCode !== null && endStatusCode >= 300
    ? transferFailureMessage(endStatusCode)
    : 'Transfer failed: the call did not connect';
}

export class Transfers {
  private readonly attempts = new Map<string, Attempt>();
  /** Calls whose other party referred us elsewhere and whose referred call is under way. */
  private readonly referrals = new Set<string>();

  constructor(private readonly host: TransferHost) {}

  // ------------------------------------------------------------ transferor

  async blind(call: Call, target: string): Promise<void> {
    this.checkTransferable(call);
    const uri = normalizeTarget(target, this.host.domain());
    await this.start(call, uri, { kind: 'blind', consultCallId: null, target: uri.toString() });
  }

  async attended(call: Call, consult: Call): Promise<void> {
    this.checkTransferable(call);
    if (consult === call) throw new Error('Choose another call to transfer to');
    const dialog = consult.session.dialog;
    if (consult.state !== CallState.Active || !dialog) {
      throw new Error('The consultation call is not connected: complete it only once they answer');
    }
    const target = consult.snapshot().remoteUri;
    await this.start(call, replacesReferTo(target, dialog), {
      kind: 'attended',
      consultCallId: consult.id,
      target,
    });
  }

  private checkTransferable(call: Call): void {
    if (call.state !== CallState.Active) throw new Error('Only a connected call can be transferred');
    if (this.attempts.has(call.id)) throw new Error('This call is already being transferred');
  }

  private async start(
    call: Call,
    referTo: URI,
    what: Pick<TransferStatus, 'kind' | 'consultCallId' | 'target'>,
  ): Promise<void> {
    const onState = (state: SessionState): void => {
      if (state === SessionState.Terminated) this.fail(call, t`The call ended before the transfer completed`);
    };
    const attempt: Attempt = {
      status: { callId: call.id, ...what, phase: 'transferring', progress: null, message: null },
      wasHeld: call.held,
      timer: this.host.clock.setTimeout(
        () => this.fail(call, 'Transfer failed: the transfer target did not answer in time'),
        TRANSFER_TIMEOUT_MS,
      ),
      stop: () => call.session.stateChange.removeListener(onState),
    };
    this.attempts.set(call.id, attempt);
    call.session.stateChange.addListener(onState);
    this.host.emit(attempt.status);
    try {
      // The customer waits on hold until the transfer succeeds (RFC 5589 §6).
      if (!attempt.wasHeld) await call.hold();
      await callAsync(() =>
        call.session.refer(referTo, {
          requestDelegate: {
            onReject: (response) => {
              const status = response.message.statusCode ?? 0;
              this.fail(call, t`Transfer refused by the other side (${status})`);
            },
          },
          onNotify: (notification) => this.onNotify(call, notification),
        }),
      );
    } catch (error) {
      this.fail(call, t`Transfer failed: ${errorMessage(error)}`);
    }
  }

  private onNotify(call: Call, notification: NotificationLike): void {
    const parsed = parseSipfrag(notification.request.body);
    if (!parsed.ok) {
      this.host.logger.warn(`Call ${call.id}: transfer NOTIFY ignored: ${parsed.error}`);
      callAsync(() => notification.reject({ statusCode: 400, reasonPhrase: 'Bad sipfrag' })).catch(noop);
      return;
    }
    callAsync(() => notification.accept()).catch(noop);
    const attempt = this.attempts.get(call.id);
    if (!attempt) return;
    const progress = `${parsed.statusCode} ${parsed.reasonPhrase}`.trim();
    const outcome = referOutcome(parsed.statusCode);
    if (!outcome.done) {
      this.update(attempt, { progress });
    } else if (outcome.succeeded) {
      this.settle(call, attempt, { phase: 'transferred', progress });
      // Our part is done: leave the transferee with the target (RFC 5589 §6.1).
      void call.hangup();
    } else {
      this.fail(call, transferFailureMessage(parsed.statusCode, parsed.reasonPhrase), progress);
    }
  }

  private fail(call: Call, message: string, progress?: string): void {
    const attempt = this.attempts.get(call.id);
    if (!attempt) return;
    this.settle(call, attempt, { phase: 'failed', message, ...(progress ? { progress } : {}) });
    // Back to the customer, unless they were already on hold before the transfer.
    if (!attempt.wasHeld && call.state === CallState.Active && call.held) {
      call.resume().catch((error) => this.host.logger.warn(`Call ${call.id}: could not resume`, error));
    }
  }

  private settle(call: Call, attempt: Attempt, patch: Partial<TransferStatus>): void {
    this.attempts.delete(call.id);
    this.host.clock.clearTimeout(attempt.timer);
    attempt.stop();
    this.update(attempt, patch);
  }

  private update(attempt: Attempt, patch: Partial<TransferStatus>): void {
    attempt.status = { ...attempt.status, ...patch };
    this.host.emit(attempt.status);
  }

  // ------------------------------------------------------------ transferee

  /** The other party of `call` asks us (REFER) to call someone else. */
  referred(call: Call, referral: ReferralLike): void {
    const refuse = (statusCode: number, reasonPhrase: string) =>
      callAsync(() => referral.reject({ statusCode, reasonPhrase })).catch(noop);
    let scheme: string;
    try {
      scheme = referral.referTo.uri.scheme.toLowerCase();
    } catch {
      return void refuse(400, 'Bad Refer-To');
    }
    if (scheme !== 'sip' && scheme !== 'sips') return void refuse(403, 'Only sip: targets are followed');
    if (call.state !== CallState.Active || this.referrals.has(call.id)) {
      return void refuse(491, 'Request Pending');
    }
    this.referrals.add(call.id);
    // The transferee shows the transfer too: "Transferring…" while the referred call is placed,
    // "Transferred" on it once it is up, "Transfer failed: …" on the original (which the
    // transferor resumes) when it fails.
    const target = referral.referTo.uri.clone();
    const kind = target.hasHeader('Replaces') ? 'attended' : 'blind';
    target.clearHeaders();
    const emit = (callId: string, phase: TransferStatus['phase'], message: string | null = null) =>
      this.host.emit({
        callId,
        kind,
        consultCallId: null,
        target: target.toString(),
        phase,
        progress: null,
        message,
      });
    const done = () => this.referrals.delete(call.id);
    const failed = (message: string) => {
      done();
      if (call.state !== CallState.Ended) emit(call.id, 'failed', message);
    };
    callAsync(() => referral.accept())
      .then(() => {
        emit(call.id, 'transferring');
        return this.host.placeReferred((options) => referral.makeInviter(options));
      })
      .then((next) => {
        emit(next.id, 'transferring');
        let up = false;
        next.session.stateChange.addListener((state) => {
          if (state === SessionState.Established) {
            up = true;
            done();
            emit(next.id, 'transferred');
            // The referred call is up: the original has done its job.
            void call.hangup();
          } else if (state === SessionState.Terminated && !up) {
            // After Call's own Terminated handling (a microtask queued first), so its status code is set.
            queueMicrotask(() => failed(referredFailure(next)));
          }
        });
        if (next.state === CallState.Ended) failed(referredFailure(next));
      })
      .catch((error) => {
        this.host.logger.warn(`Call ${call.id}: following the transfer failed`, error);
        failed(t`Transfer failed: ${errorMessage(error)}`);
      });
  }

  // ------------------------------------------------------------ transfer target

  /**
   * For an INVITE with Replaces: the call of ours it replaces, or null after answering 481 when it
   * names no confirmed call of ours (RFC 3891 §3: unknown, early or ended dialogs). Undefined when
   * the INVITE carries no Replaces.
   */
  replacing(invitation: InvitationLike, calls: Iterable<Call>): Call | null | undefined {
    if (invitation.request.getHeader('replaces') === undefined) return undefined;
    const replacee = invitation.replacee;
    const match = replacee ? [...calls].find((call) => call.session === replacee) : undefined;
    if (!match || match.state !== CallState.Active) {
      callAsync(() => invitation.reject({ statusCode: 481 })).catch(noop);
      return null;
    }
    return match;
  }

  /** Answers `call` (an INVITE with Replaces) without ringing; `replaced` ends once it is up. */
  takeOver(call: Call, replaced: Call, video: boolean): void {
    const onState = (state: SessionState): void => {
      if (state !== SessionState.Established && state !== SessionState.Terminated) return;
      call.session.stateChange.removeListener(onState);
      // Runs before sip.js BYEs the replaced session (same tick), so its end reads as ours.
      if (state === SessionState.Established) replaced.replacedBy();
    };
    call.session.stateChange.addListener(onState);
    call
      .answer(video)
      .catch((error) => this.host.logger.warn(`Taking over call ${replaced.id} failed`, error));
  }
}
