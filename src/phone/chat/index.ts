/** The engine's chat part, built once per engine (dedup memory outlives re-registrations). */
import type { EngineDeps, MessageLike, UserAgentLike } from '../ports';
import { normalizeTarget } from '../target';
import { Messaging, type MessagingDeps } from './messaging';
import type { ChatEngine, ChatEvents } from './types';

export type {
  ChatEngine,
  ChatEvents,
  ChatSink,
  IncomingChatMessage,
  PeerAddress,
  SendOutcome,
} from './types';
export { MAX_TEXT_CHARS } from './messaging';

/** The engine's current run, as far as chat needs it (null when signed out). */
export type CurrentRun = () => {
  readonly userAgent: UserAgentLike;
  readonly config: { readonly domain: string };
  readonly stopping: boolean;
} | null;

export interface EngineChat {
  api: ChatEngine;
  /** An incoming MESSAGE on `run` (null or a stopping run: refused 480, nothing is stored). */
  onMessage(run: ReturnType<CurrentRun>, message: MessageLike): void;
}

export function createEngineChat(
  deps: EngineDeps,
  currentRun: CurrentRun,
  emitter: { emit<E extends keyof ChatEvents>(event: E, ...args: Parameters<ChatEvents[E]>): void },
): EngineChat {
  const live = () => {
    const run = currentRun();
    return run && !run.stopping ? run : null;
  };
  const current = () => {
    const run = live();
    return run && { userAgent: run.userAgent, domain: run.config.domain };
  };
  const emit: MessagingDeps['emit'] = (event, ...args) => emitter.emit(event, ...args);
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
  return {
    api,
    onMessage(run, message) {
      if (run && run === live()) messaging.onMessage(message);
      else void message.reject({ statusCode: 480 }).catch(() => undefined);
    },
  };
}
