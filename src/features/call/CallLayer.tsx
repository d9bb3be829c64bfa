import { lazy, Suspense, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NotificationActionMessage } from '../../lib/sw-messages';
import { CallState } from '../../stores/phone-types';
import { selectForegroundCall, selectIncomingCalls, selectLines, useCallsStore } from '../../stores/calls';
import { callView, selectMinimised, useCallView } from '../../stores/call-view';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import { useDevices } from '../../stores/devices';
import { ensureAreas } from '../../i18n';
import { CallAudio } from './CallAudio';
import { ConferenceSinks } from './ConferenceSinks';
import { useConference } from '../../stores/conference';
import { callActions as actions } from './call-actions';
import { useCallViews } from './call-views-loader';
import type { ShortcutCommand } from './shortcuts';
import { useCallShortcuts } from './useCallShortcuts';
import { useMediaStream } from './useMediaStream';
import { useIncomingNotifications, useNotificationActions } from './useIncomingNotifications';
import { useRingtone } from './useRingtone';
import { useQualityWatch, useSinkId } from './useCallDevices';

// The shortcut table is loaded, with the call texts, the first time it is opened (issue 10: not in the
// shell's first load).
const ShortcutHelp = lazy(() =>
  Promise.all([import('./ShortcutHelp'), ensureAreas('call', 'ui')]).then(([m]) => ({
    default: m.ShortcutHelp,
  })),
);

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
 * Everything about calls that must work from the start: the call audio (whichever of view or bar is
 * shown), conference sinks, the ringtone, incoming-call notifications, keyboard shortcuts and their help.
 * What the user sees (call view, call bar, incoming sheet, notices: CallViews) is its own chunk, loaded
 * with its texts right after the first paint (call-views-loader.ts).
 */
export function CallLayer({ onAddCall }: CallLayerProps = {}) {
  const views = useCallViews();
  const foreground = useCallsStore(selectForegroundCall);
  const incoming = useCallsStore(useShallow(selectIncomingCalls));
  const lines = useCallsStore(useShallow(selectLines));
  const media = useCallsStore((s) => (foreground ? s.media[foreground.id] : undefined));

  const minimised = useCallView((s) => selectMinimised(s, foreground?.id ?? null));
  const helpOpen = useCallView((s) => s.helpOpen);
  // Mounted from its first opening on, and kept: the open <dialog> returns focus natively on close.
  const [helpMounted, setHelpMounted] = useState(false);
  if (helpOpen && !helpMounted) setHelpMounted(true);
  const audioRef = useRef<HTMLAudioElement>(null);
  const conference = useConference((s) => s.conference);
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

  return (
    <>
      <CallAudio ref={audioRef} />
      <ConferenceSinks streams={conferenceRemotes} />
      {helpMounted && (
        <Suspense fallback={null}>
          <ShortcutHelp open={helpOpen} onClose={callView.closeHelp} />
        </Suspense>
      )}
      {views && (
        <views.CallViews
          foreground={foreground}
          shown={shown}
          lines={lines}
          minimised={minimised}
          waiting={waiting}
          sheet={sheet}
          audioBlocked={audioBlocked}
          onPlayAudio={playAudio}
          onAddCall={onAddCall}
        />
      )}
    </>
  );
}
