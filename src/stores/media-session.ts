/**
 * The system's media controls during a call (Media Session API): the caller's name as the title,
 * hang up and microphone toggle from the lock screen, headset or the browser's media hub. Subscribes
 * to the calls store; everything is cleared when no call is live.
 */
import { CallState, type CallSnapshot } from '../phone/types';
import type { CallCommands } from './call-commands';
import { selectForegroundCall, useCallsStore } from './calls';

/** The part of `navigator.mediaSession` used here (a fake in tests). */
export interface MediaSessionLike {
  metadata: MediaMetadata | null;
  playbackState?: MediaSessionPlaybackState;
  /** Throws a TypeError for actions this browser does not know (e.g. `hangup` before Chrome 92). */
  setActionHandler(action: string, handler: (() => void) | null): void;
  setMicrophoneActive?(active: boolean): Promise<void> | void;
}

export interface MediaSessionDeps {
  session: MediaSessionLike;
  createMetadata(init: MediaMetadataInit): MediaMetadata;
  commands: Pick<CallCommands, 'hangup' | 'toggleMute'>;
  calls?: typeof useCallsStore;
  /** The name the call screen shows (contact, directory, display name or number); default: {@link callTitle}. */
  nameOf?: (call: CallSnapshot) => string;
}

/** `hangup` where the browser has it; `stop`, then `pause`, as the hang-up button elsewhere. */
const HANGUP_ACTIONS = ['hangup', 'stop', 'pause'] as const;
const MUTE_ACTION = 'togglemicrophone';

/** A call the system controls act on: connected or connecting, not ringing in, not over. */
function liveCall(call: CallSnapshot | null): CallSnapshot | null {
  if (!call || call.state === CallState.Ended || call.state === CallState.Incoming) return null;
  return call;
}

export function callTitle(call: Pick<CallSnapshot, 'remoteDisplayName' | 'remoteUser'>): string {
  return call.remoteDisplayName?.trim() || call.remoteUser;
}

function trySetHandler(session: MediaSessionLike, action: string, handler: (() => void) | null): boolean {
  try {
    session.setActionHandler(action, handler);
    return true;
  } catch {
    return false;
  }
}

export function bindMediaSession(deps: MediaSessionDeps): () => void {
  const { session, createMetadata, commands } = deps;
  const calls = deps.calls ?? useCallsStore;
  const nameOf = deps.nameOf ?? callTitle;
  let shown: { id: string; title: string; muted: boolean } | null = null;
  let hangupAction: string | null = null;

  const clear = () => {
    if (!shown) return;
    shown = null;
    session.metadata = null;
    session.playbackState = 'none';
    if (hangupAction) trySetHandler(session, hangupAction, null);
    trySetHandler(session, MUTE_ACTION, null);
    hangupAction = null;
  };

  const show = (call: CallSnapshot) => {
    const title = nameOf(call);
    if (shown?.id === call.id && shown.title === title && shown.muted === call.muted) return;
    const id = call.id;
    if (shown?.id !== id || shown.title !== title) {
      session.metadata = createMetadata({ title, artist: 'Openline call' });
      session.playbackState = 'playing';
    }
    if (shown?.id !== id) {
      if (hangupAction) trySetHandler(session, hangupAction, null);
      const hangup = () => void commands.hangup(id);
      hangupAction = HANGUP_ACTIONS.find((action) => trySetHandler(session, action, hangup)) ?? null;
      trySetHandler(session, MUTE_ACTION, () => commands.toggleMute(id));
    }
    void Promise.resolve(session.setMicrophoneActive?.(!call.muted)).catch(() => undefined);
    shown = { id, title, muted: call.muted };
  };

  const sync = () => {
    const call = liveCall(selectForegroundCall(calls.getState()));
    if (call) show(call);
    else clear();
  };

  sync();
  const unsubscribe = calls.subscribe(sync);
  return () => {
    unsubscribe();
    clear();
  };
}

/** The browser's Media Session, when it has one. */
export function browserMediaSession(): Pick<MediaSessionDeps, 'session' | 'createMetadata'> | null {
  if (typeof navigator === 'undefined' || !('mediaSession' in navigator)) return null;
  if (typeof MediaMetadata === 'undefined') return null;
  return { session: navigator.mediaSession, createMetadata: (init) => new MediaMetadata(init) };
}
