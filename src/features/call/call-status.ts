import {
  CallState,
  type CallEndReason,
  type CallSnapshot,
  type TransferStatus,
} from '../../stores/phone-types';

const END_TEXT: Record<CallEndReason, string> = {
  'local-hangup': 'Call ended',
  'remote-hangup': 'Call ended',
  'answered-elsewhere': 'Call ended',
  cancelled: 'Cancelled',
  declined: 'Declined',
  busy: 'Busy',
  unavailable: 'Unavailable',
  'not-found': 'Not found',
  'no-answer': 'No answer',
  'connection-lost': 'Connection lost',
  failed: 'Call failed',
};

/** The one-line status on the in-call screen. */
export function callStatusText(call: CallSnapshot): string {
  switch (call.state) {
    case CallState.Dialing:
      return 'Calling…';
    case CallState.Ringing:
      return 'Ringing…';
    case CallState.Incoming:
      return 'Incoming call…';
    case CallState.Connecting:
      return 'Connecting…';
    case CallState.Active:
      return call.held ? 'On hold' : 'Connected';
    case CallState.Ended:
      // The engine explains ends that need it (e.g. "Connection lost: no audio … for 15 s").
      if (call.endMessage) return call.endMessage;
      return call.endReason ? END_TEXT[call.endReason] : 'Call ended';
  }
}

/** A line's state in the line list (issue 11): shorter than the status line, and names a transfer. */
export function lineStatusText(call: CallSnapshot, transfer: TransferStatus | null): string {
  if (transfer?.phase === 'transferring' && call.state === CallState.Active) return 'Transferring…';
  if (call.state === CallState.Active) return call.held ? 'On hold' : 'Talking';
  return callStatusText(call);
}
