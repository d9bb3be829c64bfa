/**
 * The one subscriber to the phone engine, as the UI sees it: the session (settings, sign-in,
 * credentials) and the call commands over one engine link. Engine events go into the stores, UI
 * intents come in through these methods; components never talk to the engine.
 */
import type { PhoneEngine } from '../phone/types';
import { createCallCommands, type CallCommands } from './call-commands';
import type { CallEndObserver } from './call-log-recorder';
import { createPhoneEngineLink } from './phone-engine-link';
import { createSessionService, type SessionService, type SessionServiceDeps } from './session-service';

export type { NotificationAction } from './call-commands';
export type { SignInResult } from './session-service';

export type PhoneBridge = Omit<SessionService, 'dispose'> & CallCommands & { dispose(): void };

export interface PhoneBridgeDeps extends Omit<SessionServiceDeps, 'engine'> {
  createEngine: () => PhoneEngine;
  /** Starts fetching the engine's code at init, in parallel with reading the saved settings. */
  preloadEngine?: () => void;
  /** How long an ended call stays on screen with its end reason. */
  endedCallLingerMs?: number;
  /** Records ended calls (the call log) before the UI shows them ended. */
  callEnds?: CallEndObserver;
}

export function createPhoneBridge({
  createEngine,
  preloadEngine,
  endedCallLingerMs,
  callEnds,
  ...deps
}: PhoneBridgeDeps): PhoneBridge {
  const engine = createPhoneEngineLink({ createEngine, endedCallLingerMs, callEnds });
  const session = createSessionService({ ...deps, engine });
  const commands = createCallCommands(engine);
  return {
    ...commands,
    init() {
      preloadEngine?.();
      return session.init();
    },
    signIn: session.signIn,
    signOut: session.signOut,
    reauthenticate: session.reauthenticate,
    dispose() {
      session.dispose();
      engine.dispose();
    },
  };
}
