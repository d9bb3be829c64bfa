import { CallState, type CallDirection, type CallEndReason } from './types';

/** The end reason for a final response to our INVITE. */
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

/** What a session's own end (sip.js `Terminated` without a local action) meant. */
export interface TerminatedFacts {
  direction: CallDirection;
  state: CallState;
  answered: boolean;
  remoteBye: boolean;
  /** The final response to our INVITE, if one came. */
  finalStatus: number | null;
  remoteCancel: 'cancelled' | 'answered-elsewhere' | null;
}

/** The end reason and status code for a session that ended without a local action. */
export function terminatedOutcome(f: TerminatedFacts): { reason: CallEndReason; status: number | null } {
  if (f.remoteBye) return { reason: 'remote-hangup', status: null };
  if (f.direction === 'outgoing') {
    return f.finalStatus !== null && f.finalStatus >= 300
      ? { reason: endReasonForStatus(f.finalStatus), status: f.finalStatus }
      : { reason: 'failed', status: null };
  }
  if (f.remoteCancel) return { reason: f.remoteCancel, status: 487 };
  if (!f.answered && f.state === CallState.Incoming) return { reason: 'no-answer', status: null };
  return { reason: 'failed', status: null };
}
