/**
 * Openline phone engine: registration, calls, media, DTMF over sip.js.
 * Everything outside src/phone uses this module (or ./types) only.
 */
import { Engine } from './engine';
import type { EngineDeps } from './ports';
import { defaultDeps } from './sipjs';
import type { PhoneEngine } from './types';

export * from './types';
export type {
  EngineDeps,
  EventTargetLike,
  InvitationLike,
  InviterLike,
  RegistererLike,
  SessionLike,
  UserAgentInit,
  UserAgentLike,
} from './ports';
export { normalizeTarget } from './target';
export { MAX_TEXT_CHARS } from './chat';
export type { ChatEngine, ChatSink, IncomingChatMessage, PeerAddress, SendOutcome } from './chat';

/** Creates the engine; pass `deps` to replace sip.js, media, timers or `window` (tests). */
export function createPhoneEngine(deps: Partial<EngineDeps> = {}): PhoneEngine {
  return new Engine({ ...defaultDeps(), ...deps });
}
