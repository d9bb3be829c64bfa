/**
 * The one subscriber to the phone engine, as the UI sees it: the session (settings, sign-in,
 * credentials) and the call commands over one engine link. Engine events go into the stores, UI
 * intents come in through these methods; components never talk to the engine.
 */
import type { CodecPreferences, PhoneEngine, PhoneEvents } from '../phone/types';
import type { ChatEngine, ChatEvents } from '../phone/chat/types';
import { createCallCommands, type CallCommands } from './call-commands';
import type { CallEndObserver } from './call-log-recorder';
import { CallState as State } from '../phone/types';
import { useCallsStore } from './calls';
import type { QualityWatchDeps } from './call-quality';
import { createDeviceService, type DeviceMedia, type DeviceService } from './devices';
import { createPhoneEngineLink } from './phone-engine-link';
import { createSessionService, type SessionService, type SessionServiceDeps } from './session-service';

export type { NotificationAction } from './call-commands';
export type { SignInResult } from './session-service';

export type PhoneBridge = Omit<SessionService, 'dispose'> &
  CallCommands & {
    /** Audio and video devices (issue 11). */
    devices: DeviceService;
    /** Chat (issue 14): the engine's chat part and its events, for chat-instance.ts. */
    chat(): ChatLink;
    /** Polls the call's stats into the call-quality store until the returned function is called. */
    watchQuality(callId: string): () => void;
    /** The operator's codec rules (issue 13): applied to the next offer or answer, and at every sign-in. */
    setCodecs(codecs: CodecPreferences): void;
    dispose(): void;
  };

export interface ChatLink {
  api: ChatEngine;
  on<E extends keyof ChatEvents>(event: E, handler: ChatEvents[E]): () => void;
}

export interface PhoneBridgeDeps extends Omit<SessionServiceDeps, 'engine'> {
  createEngine: () => PhoneEngine;
  /** Called at init, beside reading the saved settings: may start fetching the engine's code. */
  preloadEngine?: () => void;
  /** How long an ended call stays on screen with its end reason. */
  endedCallLingerMs?: number;
  /** Records ended calls (the call log) before the UI shows them ended. */
  callEnds?: CallEndObserver;
  /** navigator.mediaDevices and localStorage, for the device choices; absent in tests that need none. */
  mediaDevices?: DeviceMedia | null;
  deviceStorage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

export function createPhoneBridge({
  createEngine,
  preloadEngine,
  endedCallLingerMs,
  callEnds,
  mediaDevices = null,
  deviceStorage = null,
  ...deps
}: PhoneBridgeDeps): PhoneBridge {
  const engine = createPhoneEngineLink({ createEngine, endedCallLingerMs, callEnds });
  const liveCall = () => Object.values(useCallsStore.getState().calls).some((c) => c.state !== State.Ended);
  const devices = createDeviceService({
    media: mediaDevices,
    storage: deviceStorage,
    useInputDevice: (kind, id) => engine.peek()?.useInputDevice(kind, id) ?? null,
    inCall: liveCall,
  });
  let codecs: CodecPreferences | undefined;
  const startPreferences = () => ({ ...devices.inputIds(), ...(codecs ? { codecs } : {}) });
  const session = createSessionService({ ...deps, engine, inputDevices: startPreferences });
  const commands = createCallCommands(engine);
  // The last call ended: a preferred device that came back during it is used from the next call.
  const unsubscribeCalls = useCallsStore.subscribe((next, before) => {
    const had = Object.values(before.calls).some((c) => c.state !== State.Ended);
    if (had && !liveCall()) void devices.callsEnded();
  });
  return {
    ...commands,
    devices,
    chat: () => {
      const phone = engine.get();
      const on: ChatLink['on'] = (event, handler) => phone.on(event, handler as PhoneEvents[typeof event]);
      return { api: phone.chat, on };
    },
    // The statistics reader comes with the call view's chunk (it only runs during a call), not the shell.
    watchQuality: (callId) => {
      const deps: QualityWatchDeps = {
        getStats: (id) => engine.peek()?.getStats(id) ?? Promise.resolve(null),
        callState: (id) => {
          const call = useCallsStore.getState().calls[id];
          if (!call || call.state !== State.Active) return null;
          // Held by the far side or answered by voicemail: silence is expected, so no "no audio" alarm.
          const held = call.held || (engine.peek()?.expectsNoAudio(id) ?? false);
          return { held, muted: call.muted };
        },
      };
      let stop: (() => void) | null = null;
      let stopped = false;
      void import('./call-quality').then(({ watchCallQuality }) => {
        if (!stopped) stop = watchCallQuality(callId, deps);
      });
      return () => {
        stopped = true;
        stop?.();
      };
    },
    init() {
      preloadEngine?.();
      void devices.start();
      return session.init();
    },
    setCodecs(next) {
      codecs = next;
      engine.peek()?.updatePreferences({ codecs: next });
    },
    signIn: session.signIn,
    signOut: session.signOut,
    reauthenticate: session.reauthenticate,
    sessionReady: session.sessionReady,
    suggestionsReady: session.suggestionsReady,
    dispose() {
      unsubscribeCalls();
      devices.dispose();
      session.dispose();
      engine.dispose();
    },
  };
}
