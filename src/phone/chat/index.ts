/** The engine's chat part, built once per engine (dedup memory outlives re-registrations). */
import type { URI } from 'sip.js';
import type { EngineDeps, UserAgentLike } from '../ports';
import { normalizeTarget } from '../target';
import { Messaging } from './messaging';
import type { ChatEngine, ChatEvents, PeerAddress } from './types';

export type {
  ChatEngine,
  ChatEvents,
  ChatSink,
  IncomingChatMessage,
  PeerAddress,
  SendOutcome,
} from './types';
export { MAX_TEXT_CHARS } from './messaging';

/** The signed-in user agent and its SIP domain, or null when signed out. */
export type CurrentAgent = () => { userAgent: UserAgentLike; domain: string } | null;

export function peerOf(uri: URI): PeerAddress {
  return `sip:${uri.user ?? ''}@${uri.host.toLowerCase()}`;
}

export function createMessaging(
  deps: EngineDeps,
  current: CurrentAgent,
  emit: <E extends keyof ChatEvents>(event: E, ...args: Parameters<ChatEvents[E]>) => void,
): { messaging: Messaging; api: ChatEngine } {
  const messaging = new Messaging({
    setTimeout: (fn, ms) => deps.setTimeout(fn, ms),
    clearTimeout: (handle) => deps.clearTimeout(handle),
    now: () => deps.now(),
    logger: deps.logger,
    emit,
    toUri: (peer) => normalizeTarget(peer, current()?.domain ?? ''),
    createMessager: (target, body, contentType, extraHeaders) => {
      const agent = current();
      if (!agent || !deps.createMessager || !agent.userAgent.isConnected()) return null;
      return deps.createMessager(agent.userAgent, target, body, contentType, { extraHeaders });
    },
  });
  const api: ChatEngine = {
    setChatSink: (sink) => messaging.setSink(sink),
    sendMessage: (peer, id, body) => messaging.sendMessage(peer, id, body),
    composing: (peer) => messaging.composing(peer),
    composingStopped: (peer) => messaging.composingStopped(peer),
    sendDisplayed: (peer, ids) => messaging.sendDisplayed(peer, ids),
  };
  return { messaging, api };
}
