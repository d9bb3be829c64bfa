import { Trans } from '@lingui/react/macro';
import { lazy, Suspense, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NotificationActionMessage } from '../../lib/sw-messages';
import { CallState } from '../../stores/phone-types';
import { selectForegroundCall, selectIncomingCalls, selectLines, useCallsStore } from '../../stores/calls';
import { selectConsultedFor, selectTransfer } from '../../stores/call-transfer';
import { callView, selectMinimised, useCallView } from '../../stores/call-view';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import { selectCallQuality, useCallQuality } from '../../stores/call-quality';
import { useDevices } from '../../stores/devices';
import { Slot } from '../../ui/slots';
import { CallAudio } from './CallAudio';
import { CallBar } from './CallBar';
import { CallNotices } from './CallNotices';
import { CallScreen, type CallActions } from './CallScreen';
import { CallWaitingBanner } from './CallWaitingBanner';
import { IncomingCallSheet } from './IncomingCallSheet';
import { LineList } from './LineList';
import { ConferencePanel } from './ConferencePanel';
import { ConferenceSinks } from './ConferenceSinks';
import { selectInConference, useConference } from '../../stores/conference';
import type { ShortcutCommand } from './shortcuts';
import { useCallShortcuts } from './useCallShortcuts';
import { useMediaStream } from './useMediaStream';
import { useIncomingNotifications, useNotificationActions } from './useIncomingNotifications';
import { useRingtone } from './useRingtone';
import { useQualityWatch, useSinkId } from './useCallDevices';
import './call.css';

// The shortcut table is loaded the first time it is opened (issue 10: not in the shell's first load).
const ShortcutHelp = lazy(() => import('./ShortcutHelp').then((m) => ({ default: m.ShortcutHelp })));

const actions: CallActions = {
  // In a conference, Hang up asks the host how to leave (ConferencePanel).
  hangup(id) {
    if (!selectInConference(useConference.getState(), id)) return void phoneBridge.hangup(id);
    callView.expand();
    phoneBridge.askToLeave(true);
  },
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

/** What a keyboard shortcut does (shortcuts.ts decides whether it applies). */
function runShortcut(command: ShortcutCommand): void {
  switch (command.kind) {
    case 'help':
      return callView.openHelp();
    case 'answer':
      return void phoneBridge.answer(command.callId, false);
    case 'decline':
      return void phoneBridge.decline(command.callId);
    case 'hangup':
      return actions.hangup(command.callId);
    case 'mute':
      return actions.toggleMute(command.callId);
    case 'hold':
      return actions.toggleHold(command.callId);
    case 'swap':
      return void phoneBridge.swap(command.callId);
    case 'keypad':
      return callView.toggleKeypad(command.callId);
    case 'transfer':
      return callView.openTransfer(command.callId);
  }
}

interface CallLayerProps {
  /** Lines (issue 11): "Add call" minimises the call and asks the shell for the Dialpad. */
  onAddCall?(): void;
}

/**
 * Everything about calls: the full call view and call-waiting banner (in the shell's call slot) or,
 * minimised, the call bar (in its bar slot); the incoming sheet (in its modal overlay slot); the call
 * audio, which plays whichever of the two is shown; keyboard shortcuts and their help; engine
 * notices, the ringtone and incoming-call notifications.
 */
export function CallLayer({ onAddCall }: CallLayerProps = {}) {
  const foreground = useCallsStore(selectForegroundCall);
  const incoming = useCallsStore(useShallow(selectIncomingCalls));
  const lines = useCallsStore(useShallow(selectLines));
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

  const minimised = useCallView((s) => selectMinimised(s, foreground?.id ?? null));
  const helpOpen = useCallView((s) => s.helpOpen);
  // Mounted from its first opening on, and kept: the open <dialog> returns focus natively on close.
  const [helpMounted, setHelpMounted] = useState(false);
  if (helpOpen && !helpMounted) setHelpMounted(true);
  const audioRef = useRef<HTMLAudioElement>(null);
  const conference = useConference((s) => s.conference);
  const leaving = useConference((s) => s.leaving);
  const merging = useConference((s) => s.merging);
  const conferenceRemotes = useCallsStore(
    useShallow((s) => conference?.callIds.map((id) => s.media[id]?.remote ?? null) ?? []),
  );
  const merged = foreground !== null && (conference?.callIds.includes(foreground.id) ?? false);
  // A conference is heard as one mix of both calls, through the same audio element (and speaker).
  const audioBlocked = useMediaStream(
    audioRef,
    merged && conference ? conference.audio : (media?.remote ?? null),
  );
  // The controls show the conference's one mute.
  const shown = foreground && merged && conference ? { ...foreground, muted: conference.muted } : foreground;
  const playAudio = () => void audioRef.current?.play();

  const inCall = foreground !== null && foreground.state !== CallState.Ended;
  // Devices and call quality (issue 11): call audio on the speaker, the ringtone on the ringer.
  const speaker = useDevices((s) => s.inUse.speaker);
  const ringer = useDevices((s) => s.inUse.ringer);
  const deviceNotice = useDevices((s) => s.notice);
  const quality = useCallQuality((s) => selectCallQuality(s, foreground?.id ?? null));
  useSinkId(audioRef, speaker);
  useQualityWatch(foreground?.id ?? null, foreground?.state === CallState.Active);
  const ringing = incoming[0];
  // A second caller: a banner over the full view; with the call minimised, the full incoming sheet.
  const waiting = inCall && !minimised ? ringing : undefined;
  const sheet = !inCall || minimised ? ringing : undefined;

  useRingtone(!inCall && ringing !== undefined, ringer);
  useCallShortcuts({ ringing, foreground, lines }, runShortcut);
  useIncomingNotifications(incoming);
  useNotificationActions(({ callId, action }: NotificationActionMessage) => {
    if (callId) void phoneBridge.respondToNotification(callId, action);
  });

  const lineList = (look: 'compact' | 'full') => (
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
    onAddCall?.();
  };

  return (
    <>
      <CallNotices notices={notices} onDismiss={(id) => phoneBridge.dismissNotice(id)} />
      <CallAudio ref={audioRef} />
      <ConferenceSinks streams={conferenceRemotes} />
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
      {helpMounted && (
        <Suspense fallback={null}>
          <ShortcutHelp open={helpOpen} onClose={callView.closeHelp} />
        </Suspense>
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
            audioBlocked={audioBlocked}
            onPlayAudio={playAudio}
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
            audioBlocked={audioBlocked}
            onPlayAudio={playAudio}
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
