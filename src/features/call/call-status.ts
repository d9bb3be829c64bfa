import type { I18n, MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import {
  CallState,
  type CallEndReason,
  type CallSnapshot,
  type TransferStatus,
} from '../../stores/phone-types';

const CALL_ENDED = msg`Call ended`;

const END_TEXT: Record<CallEndReason, MessageDescriptor> = {
  'local-hangup': CALL_ENDED,
  'remote-hangup': CALL_ENDED,
  'answered-elsewhere': CALL_ENDED,
  cancelled: msg({ message: 'Cancelled', context: 'call ended' }),
  declined: msg({ message: 'Declined', context: 'call ended' }),
  busy: msg({ message: 'Busy', context: 'call ended' }),
  unavailable: msg({ message: 'Unavailable', context: 'call ended' }),
  'not-found': msg({ message: 'Not found', context: 'call ended' }),
  'no-answer': msg`No answer`,
  'connection-lost': msg`Connection lost`,
  failed: msg`Call failed`,
};
const ON_HOLD = msg({ message: 'On hold', context: 'call state' });

/** The one-line status on the in-call screen, in `i18n`'s language (a screen passes useLingui's). */
export function callStatusText(call: CallSnapshot, i18n: I18n): string {
  // The engine explains ends that need it (e.g. "Connection lost: no audio … for 15 s"), in its own words.
  if (call.state === CallState.Ended && call.endMessage) return call.endMessage;
  return i18n._(callStatus(call));
}

function callStatus(call: CallSnapshot): MessageDescriptor {
  switch (call.state) {
    case CallState.Dialing:
      return msg`Calling…`;
    case CallState.Ringing:
      return msg`Ringing…`;
    case CallState.Incoming:
      return msg`Incoming call…`;
    case CallState.Connecting:
      return msg`Connecting…`;
    case CallState.Active:
      return call.held ? ON_HOLD : msg`Connected`;
    case CallState.Ended:
      return call.endReason ? END_TEXT[call.endReason] : CALL_ENDED;
  }
}

/** A line's state in the line list (issue 11): shorter than the status line, and names a transfer. */
export function lineStatusText(call: CallSnapshot, transfer: TransferStatus | null, i18n: I18n): string {
  if (transfer?.phase === 'transferring' && call.state === CallState.Active)
    return i18n._(msg`Transferring…`);
  if (call.state === CallState.Active) return i18n._(call.held ? ON_HOLD : msg`Talking`);
  return callStatusText(call, i18n);
}
