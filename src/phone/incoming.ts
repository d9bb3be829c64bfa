/**
 * What happens to an INVITE that reaches a running engine: taken over by Replaces (no ringing),
 * refused (486 when all four lines are in use, 480 when nobody would hear it ring, so the user's other
 * devices can take it), or admitted as a call that rings (180) or is answered at once (auto-answer or
 * a push's Answer, only when no other call is up). An admitted call's answer is prepared while it
 * rings (issue 10); no device is opened before Answer.
 */
import { Call } from './call';
import { sdhFactoryOptions } from './config';
import type { TypedEmitter } from '../lib/emitter';
import { linesFull } from './lines';
import { callConstraints, offerHasVideo } from './media';
import type { EngineDeps, InvitationLike } from './ports';
import type { PushAnswer } from './push-answer';
import type { Run } from './run';
import type { Transfers } from './transfer';
import { CallState, type AnswerOptions, type CallSnapshot, type PhoneEvents } from './types';
import { callAsync, noop } from './util';

/** The engine's parts an incoming INVITE needs. */
export interface IncomingHost {
  readonly deps: EngineDeps;
  readonly emitter: TypedEmitter<PhoneEvents>;
  readonly transfers: Transfers;
  readonly pushAnswer: PushAnswer;
  calls(): Iterable<Call>;
  /** `announce` false: added without telling the UI yet. */
  addCall(call: Call, announce?: boolean): Call;
  nextId(): string;
  answer(callId: string, options: AnswerOptions): Promise<void>;
}

const reject = (invitation: InvitationLike, statusCode: number): void => {
  callAsync(() => invitation.reject({ statusCode })).catch(noop);
};

/** Tells the UI of an admitted call as it rang, then where it is now if it moved on meanwhile. */
function announceIncoming(host: IncomingHost, call: Call, ringing: CallSnapshot): void {
  // Cancelled within the task: the UI already had its end (Call emits every change); nothing rings.
  if (call.state === CallState.Ended) return;
  host.emitter.emit('call', ringing);
  host.emitter.emit('incoming', ringing);
  if (call.state !== CallState.Incoming) host.emitter.emit('call', call.snapshot());
}

export function admitInvitation(host: IncomingHost, run: Run, invitation: InvitationLike): void {
  const { deps } = host;
  // An INVITE with Replaces takes over a call of ours without ringing (or gets 481).
  const replaced = host.transfers.replacing(invitation, host.calls());
  if (replaced === null) return;
  if (!replaced && linesFull(host.calls())) return reject(invitation, 486); // Lines: no fifth call.
  const othersUp = [...host.calls()].some((other) => other.state !== CallState.Ended);
  const pushAnswered = host.pushAnswer.take(invitation.request.getHeader('Call-ID'), deps.now());
  const autoAnswer = (run.config.autoAnswer === true || pushAnswered) && !othersUp;
  if (!autoAnswer && !replaced) {
    // Nobody would hear it ring: let other devices of this user take the call.
    if (!run.alerting.canAlert()) return reject(invitation, 480);
    callAsync(() => invitation.progress()).catch((error) => deps.logger.warn('Sending 180 failed', error));
  }
  const video = offerHasVideo(invitation.body);
  const call = host.addCall(
    new Call(
      {
        id: host.nextId(),
        session: { direction: 'incoming', invitation },
        video,
        constraints: callConstraints(run.config, false),
      },
      run.context,
    ),
    Boolean(replaced), // a takeover is announced at once; a ringing call one task later (below)
  );
  if (replaced) return host.transfers.takeOver(call, replaced, video);
  // Speed (issue 10): make the answer while it rings; no device is opened before Answer.
  run.answers.prepare(invitation, sdhFactoryOptions(run.config), run.context.modifiers);
  // The UI hears of the call one task later: its render (synchronous, through the stores) would run
  // before the preparation applies the offer, and an auto-answer's 200 OK would wait for it.
  const ringing = call.snapshot();
  deps.setTimeout(() => announceIncoming(host, call, ringing), 0);
  if (autoAnswer) {
    host.answer(call.id, { video }).catch((error) => deps.logger.warn('Auto-answer failed', error));
  }
}
