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
 *
 * Typing (ADR 0030): this side tells the other one `active` at most every 3 s while its draft has text
 * and `idle` when the draft is emptied; the other side's "is typing…" goes after 6 s without a new
 * `active`, at once on `idle` or when a message of theirs arrives. Files: when the room allows them
 * (`fileTransfer`, told by the stream), an image or PDF is checked here (size, type by magic bytes) and
 * sent as a message; files are read back through the API (the guest's token is a header, so as blobs).
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { chatProblemOf, isFinalChatError, type ChatProblem, type RoomChatApi } from '../api/webcall-chat';
import {
  CHAT_FILE_MAX_BYTES,
  CHAT_TEXT_MAX,
  TYPING_EXPIRES_MS,
  TYPING_SEND_EVERY_MS,
  type ChatFile,
  type ChatGuest,
  type ChatMessage,
  type ChatSender,
  type ChatTypingState,
} from '../api/webcall-chat-schemas';
import { SNIFF_BYTES, sniffAttachmentType } from '../lib/attachments';
import type { NetworkWatch } from './join-reconnect';

export { CHAT_TEXT_MAX };
export type { ChatFile, ChatGuest, ChatMessage, ChatProblem, ChatSender };

export type ChatConnection = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface PendingMessage {
  clientId: string;
  text: string;
  /** Why the last try failed (the message stays, with Retry), or null while sending. A code: the screen words it. */
  error: ChatProblem | null;
  /** A file being sent (its name is the `text`). */
  file?: Omit<ChatFile, 'id'>;
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
  /** The other side is typing now. */
  peerTyping: boolean;
  /** The room allows files (the join widget's setting, told by the server as the stream opens). */
  fileTransfer: boolean;
}

export interface RoomChat {
  useStore: UseBoundStore<StoreApi<RoomChatState>>;
  start(): void;
  stop(): void;
  /** Sends `text` (trimmed of nothing); answers why it was refused (blank, too long, closed), or null. */
  send(text: string): ChatProblem | null;
  retry(clientId: string): void;
  setOpen(open: boolean): void;
  /** The composer's draft changed: tells the other side this side is typing (throttled) or stopped. */
  draftChanged(text: string): void;
  /** Sends an image or PDF; answers why it was refused before sending (off, empty, too big, type), or null. */
  sendFile(file: File): Promise<ChatProblem | null>;
  /** An object URL for one of the conversation's files (fetched once with this side's authorization). */
  fileUrl(id: string): Promise<string>;
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
  now?: () => number;
  /** Object URLs for fetched files (tests pass a fake). */
  objectUrl?: (blob: Blob) => string;
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
  const now = deps.now ?? Date.now;
  const objectUrl = deps.objectUrl ?? ((blob: Blob) => URL.createObjectURL(blob));
  const useStore = create<RoomChatState>()(() => ({
    me: deps.me,
    messages: [],
    guests: [],
    pending: [],
    connection: 'connecting',
    closedReason: null,
    open: deps.open ?? false,
    unread: 0,
    peerTyping: false,
    fileTransfer: false,
  }));

  let api: Promise<RoomChatApi> | null = null;
  let running = false;
  let abort: AbortController | null = null;
  let cancelWait: (() => void) | null = null;

  const lastId = () => useStore.getState().messages.at(-1)?.id ?? 0;

  /** When the other side's "is typing…" ends by itself. */
  let cancelTypingExpiry: (() => void) | null = null;
  const setPeerTyping = (typing: boolean) => {
    cancelTypingExpiry?.();
    cancelTypingExpiry = typing
      ? after(TYPING_EXPIRES_MS, () => {
          cancelTypingExpiry = null;
          useStore.setState({ peerTyping: false });
        })
      : null;
    if (useStore.getState().peerTyping !== typing) useStore.setState({ peerTyping: typing });
  };
  /** This side's typing as last told: when `active` went (null: not typing). */
  let activeSince: number | null = null;
  const tellTyping = (state: ChatTypingState) => {
    void session()
      .then((a) => a.typing(state))
      .catch(() => undefined);
  };
  const files = new Map<string, File>();
  const fileUrls = new Map<string, Promise<string>>();

  /** Adds a message once (by id), in id order; settles our pending copy of it. */
  const merge = (message: ChatMessage) => {
    if (message.sender !== useStore.getState().me && useStore.getState().peerTyping) setPeerTyping(false);
    if (message.sender === useStore.getState().me) files.delete(message.clientId);
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
            onTyping(typing) {
              if (typing.sender !== deps.me) setPeerTyping(typing.state === 'active');
            },
            onRoom(room) {
              useStore.setState({ fileTransfer: room.fileTransfer });
            },
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
    const file = files.get(clientId);
    void session()
      .then((a) => (file ? a.sendFile(clientId, file, file.name) : a.send({ clientId, text })))
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
      setPeerTyping(false);
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
      // The other side drops "is typing…" when the message arrives: no `idle` needed.
      activeSince = null;
      deliver(clientId, text);
      return null;
    },
    draftChanged(text) {
      if (useStore.getState().connection === 'closed') return;
      if (text.trim().length === 0) {
        if (activeSince !== null) tellTyping('idle');
        activeSince = null;
        return;
      }
      const at = now();
      if (activeSince !== null && at - activeSince < TYPING_SEND_EVERY_MS) return;
      activeSince = at;
      tellTyping('active');
    },
    async sendFile(file) {
      const state = useStore.getState();
      if (state.connection === 'closed') return state.closedReason;
      if (!state.fileTransfer) return { code: 'file_transfer_off' };
      if (file.size === 0) return { code: 'file_empty' };
      if (file.size > CHAT_FILE_MAX_BYTES) return { code: 'too_large', max: CHAT_FILE_MAX_BYTES };
      const type = sniffAttachmentType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
      if (!type) return { code: 'unsupported_media_type' };
      const clientId = newClientId();
      files.set(clientId, file);
      useStore.setState((s) => ({
        pending: [
          ...s.pending,
          { clientId, text: file.name, error: null, file: { type, name: file.name, size: file.size } },
        ],
      }));
      deliver(clientId, file.name);
      return null;
    },
    fileUrl(id) {
      let url = fileUrls.get(id);
      if (!url) {
        url = session()
          .then((a) => a.file(id))
          .then(objectUrl);
        url.catch(() => fileUrls.delete(id));
        fileUrls.set(id, url);
      }
      return url;
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
