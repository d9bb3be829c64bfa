/**
 * One side of a webcall room conversation (the customer on the join page, or the agent in the Agent
 * tab): the messages, what is still being sent, the live stream and the unread count.
 *
 * ```
 *  connecting ──stream open──► live ──stream ends / fails──► reconnecting ──back-off or online──► connecting
 *       └──────────── refused for good (expired, closed, not this room) ──────────► closed
 * ```
 * Every message has a server id: the stream resumes after the last one seen (no gaps, no duplicates),
 * and a send carries a client id, so retrying a send that may have arrived stores it once.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { chatProblemOf, isFinalChatError, type ChatProblem, type RoomChatApi } from '../api/webcall-chat';
import {
  CHAT_TEXT_MAX,
  type ChatGuest,
  type ChatMessage,
  type ChatSender,
} from '../api/webcall-chat-schemas';
import type { NetworkWatch } from './join-reconnect';

export { CHAT_TEXT_MAX };
export type { ChatGuest, ChatMessage, ChatProblem, ChatSender };

export type ChatConnection = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface PendingMessage {
  clientId: string;
  text: string;
  /** Why the last try failed (the message stays, with Retry), or null while sending. A code: the screen words it. */
  error: ChatProblem | null;
}

export interface RoomChatState {
  /** Which side this is: the other side's messages count as unread. */
  me: ChatSender;
  messages: ChatMessage[];
  /** The agent's side: what each guest's page said about itself (locale, device), latest first. */
  guests: ChatGuest[];
  pending: PendingMessage[];
  connection: ChatConnection;
  /** Why the conversation closed for good (expired, stopped, not this room): a code the screen words. */
  closedReason: ChatProblem | null;
  /** The panel is open (messages arriving then are read). */
  open: boolean;
  unread: number;
}

export interface RoomChat {
  useStore: UseBoundStore<StoreApi<RoomChatState>>;
  start(): void;
  stop(): void;
  /** Sends `text` (trimmed of nothing); answers why it was refused (blank, too long, closed), or null. */
  send(text: string): ChatProblem | null;
  retry(clientId: string): void;
  setOpen(open: boolean): void;
}

export interface RoomChatDeps {
  me: ChatSender;
  /** Answers the API once this side may talk (the customer first trades the link's key for a token). */
  connect(): Promise<RoomChatApi>;
  network?: NetworkWatch;
  after?: (ms: number, run: () => void) => () => void;
  newClientId?: () => string;
  open?: boolean;
  /** The longest wait between tries to restore the stream (the join page's widget setting); 15 s. */
  maxRetryDelayMs?: number;
}

export const DEFAULT_MAX_CHAT_RETRY_MS = 15_000;

/** 1, 2, 4, 8, then every 15 s (or every `maxMs`, which also caps the earlier waits). */
export function chatRetryDelayMs(attempt: number, maxMs = DEFAULT_MAX_CHAT_RETRY_MS): number {
  return Math.min(maxMs, 1000 * 2 ** Math.min(attempt, 4));
}

function randomClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const ALWAYS_ONLINE: NetworkWatch = { online: () => true, whenOnline: () => () => undefined };

export function createRoomChat(deps: RoomChatDeps): RoomChat {
  const network = deps.network ?? ALWAYS_ONLINE;
  const after =
    deps.after ??
    ((ms: number, run: () => void) => {
      const t = setTimeout(run, ms);
      return () => clearTimeout(t);
    });
  const newClientId = deps.newClientId ?? randomClientId;
  const useStore = create<RoomChatState>()(() => ({
    me: deps.me,
    messages: [],
    guests: [],
    pending: [],
    connection: 'connecting',
    closedReason: null,
    open: deps.open ?? false,
    unread: 0,
  }));

  let api: Promise<RoomChatApi> | null = null;
  let running = false;
  let abort: AbortController | null = null;
  let cancelWait: (() => void) | null = null;

  const lastId = () => useStore.getState().messages.at(-1)?.id ?? 0;

  /** Adds a message once (by id), in id order; settles our pending copy of it. */
  const merge = (message: ChatMessage) => {
    useStore.setState((s) => {
      if (s.messages.some((m) => m.id === message.id)) return s;
      const messages = [...s.messages, message].sort((a, b) => a.id - b.id);
      const mine = message.sender === s.me;
      return {
        messages,
        pending: mine ? s.pending.filter((p) => p.clientId !== message.clientId) : s.pending,
        unread: !mine && !s.open ? s.unread + 1 : s.unread,
      };
    });
  };

  const close = (error: unknown) => {
    running = false;
    useStore.setState({ connection: 'closed', closedReason: chatProblemOf(error) });
  };

  const session = () => {
    api ??= deps.connect().catch((error: unknown) => {
      api = null;
      throw error;
    });
    return api;
  };

  const connect = (attempt: number) => {
    cancelWait = null;
    if (!running) return;
    if (!network.online()) {
      useStore.setState({ connection: 'reconnecting' });
      cancelWait = network.whenOnline(() => connect(attempt));
      return;
    }
    abort = new AbortController();
    const signal = abort.signal;
    let opened = false;
    useStore.setState((s) => ({ connection: s.connection === 'live' ? 'reconnecting' : s.connection }));
    void session()
      .then((a) =>
        a.stream(
          lastId(),
          {
            onOpen() {
              opened = true;
              useStore.setState({ connection: 'live' });
            },
            onMessage: merge,
            onGuest(guest) {
              useStore.setState((s) => ({
                guests: [guest, ...s.guests.filter((g) => g.guestId !== guest.guestId)],
              }));
            },
          },
          signal,
        ),
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      )
      .then((error) => {
        if (!running || signal.aborted) return;
        if (isFinalChatError(error)) return close(error);
        const next = opened ? 0 : attempt + 1;
        useStore.setState({ connection: 'reconnecting' });
        cancelWait = after(chatRetryDelayMs(next, deps.maxRetryDelayMs), () => connect(next));
      });
  };

  const deliver = (clientId: string, text: string) => {
    void session()
      .then((a) => a.send({ clientId, text }))
      .then(merge, (error: unknown) => {
        useStore.setState((s) => ({
          pending: s.pending.map((p) =>
            p.clientId === clientId ? { ...p, error: chatProblemOf(error) } : p,
          ),
        }));
      });
  };

  return {
    useStore,
    start() {
      if (running) return;
      running = true;
      connect(0);
    },
    stop() {
      running = false;
      abort?.abort();
      cancelWait?.();
      cancelWait = null;
    },
    send(text) {
      if (text.trim().length === 0) return { code: 'empty' };
      if (text.length > CHAT_TEXT_MAX) return { code: 'too_long', max: CHAT_TEXT_MAX };
      if (useStore.getState().connection === 'closed') return useStore.getState().closedReason;
      const clientId = newClientId();
      useStore.setState((s) => ({ pending: [...s.pending, { clientId, text, error: null }] }));
      deliver(clientId, text);
      return null;
    },
    retry(clientId) {
      const pending = useStore.getState().pending.find((p) => p.clientId === clientId);
      if (!pending) return;
      useStore.setState((s) => ({
        pending: s.pending.map((p) => (p.clientId === clientId ? { ...p, error: null } : p)),
      }));
      deliver(clientId, pending.text);
    },
    setOpen(open) {
      useStore.setState(open ? { open, unread: 0 } : { open });
    },
  };
}
