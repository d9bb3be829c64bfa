import { useShallow } from 'zustand/react/shallow';
import type { NotificationActionMessage } from '../../lib/sw-messages';
import { CallState } from '../../stores/phone-types';
import {
  selectBackgroundCalls,
  selectForegroundCall,
  selectIncomingCalls,
  useCallsStore,
} from '../../stores/calls';
import { selectConsultedFor, selectTransfer } from '../../stores/call-transfer';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import { Slot } from '../../ui/slots';
import { CallNotices } from './CallNotices';
import { CallScreen, type CallActions } from './CallScreen';
import { CallWaitingBanner } from './CallWaitingBanner';
import { IncomingCallSheet } from './IncomingCallSheet';
import { useIncomingNotifications, useNotificationActions } from './useIncomingNotifications';
import { useRingtone } from './useRingtone';
import './call.css';

const actions: CallActions = {
  hangup: (id) => void phoneBridge.hangup(id),
  toggleMute: (id) => phoneBridge.toggleMute(id),
  toggleCamera: (id) => void phoneBridge.toggleCamera(id),
  toggleHold: (id) => void phoneBridge.toggleHold(id),
  sendDtmf: (id, tone) => void phoneBridge.sendDtmf(id, tone),
  setForeground: (id) => phoneBridge.setForeground(id),
  transfer: (id, target) => void phoneBridge.transfer(id, target),
  consult: (id, target) => void phoneBridge.consult(id, target),
  completeTransfer: (id) => void phoneBridge.completeTransfer(id),
  cancelConsultation: (id) => void phoneBridge.cancelConsultation(id),
};

/**
 * Everything about calls: the in-call screen and call-waiting banner (in the shell's call slot),
 * the incoming sheet (in its modal overlay slot), engine notices, the ringtone and incoming-call
 * notifications.
 */
export function CallLayer() {
  const foreground = useCallsStore(selectForegroundCall);
  const incoming = useCallsStore(useShallow(selectIncomingCalls));
  const others = useCallsStore(useShallow(selectBackgroundCalls));
  const media = useCallsStore((s) => (foreground ? s.media[foreground.id] : undefined));
  const dtmfReceived = useCallsStore((s) => (foreground ? (s.dtmfReceived[foreground.id] ?? '') : ''));
  const error = useCallsStore((s) => s.error);
  const notices = useCallsStore((s) => s.notices);
  const consultFor = useCallsStore((s) => {
    const customerId = selectConsultedFor(s, foreground?.id ?? null);
    return customerId ? (s.calls[customerId] ?? null) : null;
  });
  const transfer = useCallsStore(
    (s) => selectTransfer(s, foreground?.id ?? null) ?? selectTransfer(s, consultFor?.id ?? null),
  );

  const inCall = foreground !== null && foreground.state !== CallState.Ended;
  const ringing = incoming[0];
  const waiting = inCall ? ringing : undefined;
  const sheet = !inCall ? ringing : undefined;

  useRingtone(sheet !== undefined);
  useIncomingNotifications(incoming);
  useNotificationActions(({ callId, action }: NotificationActionMessage) => {
    if (callId) void phoneBridge.respondToNotification(callId, action);
  });

  return (
    <>
      <CallNotices notices={notices} onDismiss={(id) => phoneBridge.dismissNotice(id)} />
      {foreground && (
        <Slot name="call">
          <CallScreen
            key={foreground.id}
            call={foreground}
            media={media}
            dtmfReceived={dtmfReceived}
            otherCalls={others}
            error={error}
            transfer={transfer}
            consultFor={consultFor}
            actions={actions}
          />
          {waiting && (
            <CallWaitingBanner
              call={waiting}
              onHoldAndAnswer={() => void phoneBridge.answer(waiting.id, false)}
              onDecline={() => void phoneBridge.decline(waiting.id)}
            />
          )}
        </Slot>
      )}
      {sheet && (
        <Slot name="overlay">
          <IncomingCallSheet
            call={sheet}
            onAnswer={(video) => void phoneBridge.answer(sheet.id, video)}
            onDecline={() => void phoneBridge.decline(sheet.id)}
          />
        </Slot>
      )}
    </>
  );
}
