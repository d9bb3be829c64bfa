import { useEffect } from 'react';
import { unlockAudioOnFirstGesture } from '../lib/audio-context';
import { takeAnswerParam } from '../lib/push-answer-url';
import { bindAppBadge } from '../stores/app-badge';
import { callerName } from '../stores/caller-name-instance';
import { bindMediaSession, browserMediaSession } from '../stores/media-session';
import { engineWanted, phoneBridge } from '../stores/phone-bridge-instance';
import { bindWebphoneConfig } from '../stores/webphone-config-instance';

let started = false;

/**
 * Once per page: load settings (auto sign-in), arm audio unlocking on the first gesture, and bind the
 * system integrations (Media Session, app badge). main.tsx calls it before the first render, so the
 * SIP WebSocket opens while React renders (issue 10: navigation → REGISTER 200); the hook keeps it
 * safe for any other mount.
 */
export function startApp(): void {
  if (started) return;
  started = true;
  // Opened by Answer on a pushed call: answer that held INVITE when it arrives (src/sw/push.ts).
  const answer = takeAnswerParam(window.location, window.history);
  if (answer) phoneBridge.answerWhenItArrives(answer);
  unlockAudioOnFirstGesture();
  bindWebphoneConfig(); // issue 13: the operator's configuration, fetched once signed in (before init)
  void phoneBridge.init();
  // Chat (issue 14): incoming messages are stored from the first registration on. Its chunk (store,
  // IndexedDB repository) loads beside the engine's, which is larger and must still register, so the
  // sink is set before a MESSAGE can arrive; one that did would get 480 and be retried, never lost.
  void engineWanted.then(() => import('../stores/chat-instance')).then((chat) => chat.bindChat());
  // System media controls during calls and the icon badge: page-lifetime, never unbound.
  const mediaSession = browserMediaSession();
  if (mediaSession) {
    bindMediaSession({ ...mediaSession, commands: phoneBridge, nameOf: (call) => callerName(call).name });
  }
  bindAppBadge(navigator);
  // Embedding (issue 13): a host page framed the app; its postMessage link loads only then.
  if (window.parent !== window) void import('../embed').then((embed) => embed.startEmbed());
}

export function useAppStartup(): void {
  useEffect(startApp, []);
}
