import { Trans } from '@lingui/react/macro';
import type { ReactNode } from 'react';
import { selectConsultedFor, selectTransfer } from '../../stores/call-transfer';
import { callView } from '../../stores/call-view';
import { selectCallQuality, useCallQuality } from '../../stores/call-quality';
import { useCallsStore } from '../../stores/calls';
import { useConference } from '../../stores/conference';
import { useDevices } from '../../stores/devices';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import type { CallSnapshot } from '../../stores/phone-types';
import { Slot } from '../../ui/slots';
import { callActions as actions } from './call-actions';
import { CallBar } from './CallBar';
import { CallNotices } from './CallNotices';
import { CallScreen } from './CallScreen';
import { CallWaitingBanner } from './CallWaitingBanner';
import { ConferencePanel } from './ConferencePanel';
import { IncomingCallSheet } from './IncomingCallSheet';
import { LineList } from './LineList';
import './call.css';

export interface CallViewsProps {
  /** The call on the call view or bar, and what its controls show (a conference's one mute). */
  foreground: CallSnapshot | null;
  shown: CallSnapshot | null;
  lines: CallSnapshot[];
  minimised: boolean;
  /** A second caller while the full view is up: a banner over it. */
  waiting: CallSnapshot | undefined;
  /** A caller ringing in with no call on screen (or the call minimised): the full incoming sheet. */
  sheet: CallSnapshot | undefined;
  audioBlocked: boolean;
  onPlayAudio(): void;
  onAddCall?(): void;
}

/**
 * What the user sees of calls (issue 10: its own chunk, loaded with the `call` texts right after first
 * paint by call-views-loader.ts, so the app shell stays small and a call never waits for it): the full
 * call view and call-waiting banner (in the shell's call slot) or, minimised, the call bar (in its bar
 * slot); the incoming sheet (in its modal overlay slot); engine and device notices.
 */
export function CallViews(props: CallViewsProps) {
  const { foreground, shown, lines, minimised, waiting, sheet } = props;
  const transfers = useCallsStore((s) => s.transfers);
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
  const conference = useConference((s) => s.conference);
  const leaving = useConference((s) => s.leaving);
  const merging = useConference((s) => s.merging);
  const deviceNotice = useDevices((s) => s.notice);
  const quality = useCallQuality((s) => selectCallQuality(s, foreground?.id ?? null));

  const lineList = (look: 'compact' | 'full'): ReactNode => (
    <>
      <LineList
        look={look}
        lines={lines}
        currentId={foreground?.id ?? null}
        transfers={transfers}
        conferenceIds={conference?.callIds}
        onChoose={(id) => void phoneBridge.swap(id)}
      />
      {look === 'full' && (
        <ConferencePanel
          lines={lines}
          conference={conference}
          currentId={foreground?.id ?? null}
          leaving={leaving}
          merging={merging}
          onMerge={(a, b) => void phoneBridge.merge(a, b)}
          onSplit={(keep) => void phoneBridge.split(keep)}
          onLeave={(how) => void phoneBridge.leaveConference(how)}
          onCancelLeave={() => phoneBridge.askToLeave(false)}
        />
      )}
    </>
  );
  // Lines: the Dialpad (and every tab) is usable while the call is minimised to the bar.
  const addCall = (callId: string) => {
    callView.minimise(callId);
    props.onAddCall?.();
  };

  return (
    <>
      <CallNotices notices={notices} onDismiss={(id) => phoneBridge.dismissNotice(id)} />
      {deviceNotice && (
        <div className="call-notices">
          <div className="call-notice" role="status">
            <p>{deviceNotice}</p>
            <button type="button" onClick={() => phoneBridge.devices.dismissNotice()}>
              <Trans>Dismiss</Trans>
            </button>
          </div>
        </div>
      )}
      {foreground && shown && minimised && (
        <Slot name="bar">
          <CallBar
            key={foreground.id}
            call={shown}
            onToggleMute={() => actions.toggleMute(foreground.id)}
            onToggleHold={() => actions.toggleHold(foreground.id)}
            onHangup={() => actions.hangup(foreground.id)}
            onExpand={callView.expand}
            audioBlocked={props.audioBlocked}
            onPlayAudio={props.onPlayAudio}
            quality={quality.sample}
            lines={lineList('compact')}
          />
        </Slot>
      )}
      {foreground && shown && !minimised && (
        <Slot name="call">
          <CallScreen
            key={foreground.id}
            call={shown}
            media={media}
            dtmfReceived={dtmfReceived}
            lines={lineList('full')}
            onAddCall={() => addCall(foreground.id)}
            error={error}
            transfer={transfer}
            consultFor={consultFor}
            actions={actions}
            audioBlocked={props.audioBlocked}
            onPlayAudio={props.onPlayAudio}
            quality={quality}
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
