/**
 * How a call that ended becomes a call-log entry: the outcome the user sees ("Missed", "Busy")
 * from the engine's end facts. Pure, so every way a call can end is unit-tested.
 */
import type { CallLogEntry, CallOutcome } from '../storage/call-log-schema';
import type { CallDirection, CallEndReason, CallSnapshot } from '../phone/types';

export interface EndFacts {
  direction: CallDirection;
  /** The call was answered (media flowed, `answeredAt` set). */
  answered: boolean;
  endReason: CallEndReason | null;
}

/**
 * - Answered calls are `answered` however they ended (our BYE, theirs, lost connection).
 * - Incoming, not answered: the caller gave up or nobody answered in time → `missed`; we pressed
 *   Decline (or hung up while it was still connecting) → `declined`; another device took it →
 *   `answered-elsewhere`; anything else → `failed`.
 * - Outgoing, not answered: we hung up (CANCEL) or it was cancelled → `cancelled`; the callee's
 *   answer says busy / declined / not registered / no answer; not found, network and 5xx → `failed`.
 */
export function callOutcome({ direction, answered, endReason }: EndFacts): CallOutcome {
  if (answered) return 'answered';
  if (direction === 'incoming') {
    switch (endReason) {
      case 'cancelled':
      case 'no-answer':
      case 'remote-hangup':
        return 'missed';
      case 'declined':
      case 'local-hangup':
        return 'declined';
      case 'answered-elsewhere':
        return 'answered-elsewhere';
      default:
        return 'failed';
    }
  }
  switch (endReason) {
    case 'cancelled':
    case 'local-hangup':
      return 'cancelled';
    case 'busy':
      return 'busy';
    case 'declined':
      return 'declined';
    case 'unavailable':
      return 'unavailable';
    case 'no-answer':
      return 'no-answer';
    default:
      return 'failed';
  }
}

/** The entry for an ended call, or null when the snapshot is not an ended call (nothing to record). */
export function callLogEntryOf(call: CallSnapshot, account: string): CallLogEntry | null {
  if (call.endedAt === null) return null;
  const answered = call.answeredAt !== null;
  return {
    v: 1,
    account,
    id: `call:${call.direction}:${call.sipCallId}`,
    kind: 'call',
    direction: call.direction,
    remoteUri: call.remoteUri,
    remoteUser: call.remoteUser,
    remoteDisplayName: call.remoteDisplayName,
    startedAt: call.createdAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    durationMs: answered ? Math.max(0, call.endedAt - (call.answeredAt ?? call.endedAt)) : 0,
    outcome: callOutcome({ direction: call.direction, answered, endReason: call.endReason }),
    endReason: call.endReason ?? 'failed',
    sipStatus: call.endStatusCode,
    media: call.video ? 'video' : 'audio',
    sipCallId: call.sipCallId,
  };
}

/** Missed calls the user has not seen yet: incoming, missed, started after History was last opened. */
export function countMissedSince(entries: readonly CallLogEntry[], openedAt: number): number {
  let count = 0;
  for (const entry of entries) if (entry.outcome === 'missed' && entry.startedAt > openedAt) count++;
  return count;
}
