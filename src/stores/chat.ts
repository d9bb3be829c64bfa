/**
 * Conversations (issue 14): the Messages screens' state and intents over the chat repository
 * (IndexedDB) and the engine's chat part. An incoming message reaches the engine's sink here and is
 * stored before the engine answers 200; outgoing messages are stored as `sending` first, so what
 * the user typed survives a failed send (Retry resends it with the same id). The unread total feeds
 * the Messages tab badge (and so the app icon badge).
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ChatEngine, IncomingChatMessage, PeerAddress } from '../phone/chat/types';
import { attachmentMessageBody } from '../lib/attachment-link';
import {
  attachmentProblemOf,
  SNIFF_BYTES,
  sniffAttachmentType,
  type AttachmentProblem,
  type AttachmentType,
} from '../lib/attachments';
import { errorMessage } from '../lib/errors';
import type { ChatConversation, ChatMessage, ChatRepository } from '../storage/chat-repository';
import { useTabBadges } from './tab-badges';

export interface ChatState {
  /** The account the lists belong to (null: signed out). */
  account: string | null;
  conversations: ChatConversation[];
  /** The open conversation and its messages, oldest first. */
  openPeer: PeerAddress | null;
  messages: ChatMessage[];
  /** Peers typing to us right now. */
  typing: Partial<Record<PeerAddress, true>>;
  error: string | null;
  /** A file is being uploaded for the open conversation. */
  attaching: boolean;
  /** Why the last file was not sent (too big, wrong type, upload refused); null when it went. */
  attachError: AttachError | null;
  /**
   * Older messages of the open conversation fetched from the server on request (oldest first, none of
   * them in `messages`). Shown above `messages`, not stored: the device keeps the newest 500.
   */
  earlier: ChatMessage[];
  /** Where the server's older history continues; null when there is none (or no history API). */
  earlierCursor: string | null;
  loadingEarlier: boolean;
  /** Why the last "earlier messages" request failed; null when it did not. */
  earlierError: string | null;
}

/** A refused file: checked here (the screen words it), or refused by the server (its sentence). */
export interface AttachError {
  name: string;
  problem: AttachmentProblem | { kind: 'upload'; reason: string };
}

/** What the server answered for an uploaded file (`url` same-origin, relative). */
export interface UploadedFile {
  url: string;
  type: AttachmentType;
  name: string;
  size: number;
}

export interface ChatServiceDeps {
  repo: ChatRepository;
  engine(): ChatEngine;
  account(): string | null;
  /** Whether the user can see the page (a message in the open conversation counts as read only then). */
  pageVisible(): boolean;
  /** A message arrived that the user has not seen (the page is hidden or another screen is open). */
  notify?(conversation: ChatConversation, message: ChatMessage): void;
  newId(): string;
  now?(): number;
  /** `POST /api/attachments` (ADR 0024). */
  uploadAttachment(file: Blob, name: string, to: PeerAddress): Promise<UploadedFile>;
  /** The app's origin: the message carries the file's absolute URL. */
  origin(): string;
  /**
   * The server's history (`GET /api/messages`, newest first): all conversations when `peer` is null.
   * Merged into IndexedDB by message id, so a second device sees what the first sent and received.
   */
  fetchHistory?(peer: PeerAddress | null, limit: number, before?: string): Promise<ServerHistoryPage>;
}

/** One page of the server's history, newest first, with the cursor of the next (older) page. */
export interface ServerHistoryPage {
  messages: ServerMessage[];
  before: string | null;
}

/** A message from the server's history. */
export interface ServerMessage {
  peer: PeerAddress;
  direction: 'in' | 'out';
  id: string;
  body: string;
  at: number;
}

/** Rows asked for at sign-in (all conversations) and when a conversation opens (and per earlier page). */
const HISTORY_AT_SIGN_IN = 200;
const HISTORY_PER_CONVERSATION = 100;
/** Pages fetched in one "earlier messages" request when the device already had every row of a page. */
const EARLIER_PAGES_PER_REQUEST = 5;

export interface ChatService {
  useStore: UseBoundStore<StoreApi<ChatState>>;
  /** Stores an incoming message (the engine's sink): resolves once it is in IndexedDB. */
  receive(message: IncomingChatMessage): Promise<void>;
  /** Loads the conversation list of the current account (and the unread badge). */
  load(): Promise<void>;
  /** Shows a conversation: loads its messages and marks them read (sending displayed receipts). */
  open(peer: PeerAddress): Promise<void>;
  close(): void;
  send(peer: PeerAddress, body: string): Promise<void>;
  retry(peer: PeerAddress, id: string): Promise<void>;
  /**
   * Sends a file (image or PDF): checked here first (type by its bytes, size), uploaded, then sent as a
   * message carrying its link. A refused file sets `attachError` and sends nothing.
   */
  sendFile(peer: PeerAddress, file: Blob & { name: string }): Promise<void>;
  /** The composer's text changed (typing indications). */
  typed(peer: PeerAddress, text: string): void;
  composing(peer: PeerAddress, active: boolean, holdMs: number): void;
  receipt(peer: PeerAddress, id: string, status: 'delivered' | 'displayed'): Promise<void>;
  /**
   * Fetches the open conversation's older messages from the server (the page before the oldest shown)
   * into `earlier`. Does nothing when there is no more history or a request is in flight.
   */
  loadEarlier(peer: PeerAddress): Promise<void>;
  /** The page became visible again: the open conversation is read now. */
  pageShown(): void;
  /** Forget everything on screen (the account changed). */
  reset(): void;
}

/** Longest message the composer takes (the engine refuses longer ones too). */
export const MAX_CHAT_CHARS = 4000;

const initial: ChatState = {
  account: null,
  conversations: [],
  openPeer: null,
  messages: [],
  typing: {},
  error: null,
  attaching: false,
  attachError: null,
  earlier: [],
  earlierCursor: null,
  loadingEarlier: false,
  earlierError: null,
};

/** A message from the server's history as this device stores it: theirs read, ours sent. */
const fromServer = (account: string, row: ServerMessage): ChatMessage => ({
  account,
  peer: row.peer,
  id: row.id,
  direction: row.direction,
  body: row.body,
  at: row.at,
  state: row.direction === 'out' ? 'sent' : 'read',
});

/** Nothing fetched on request yet: the state of a conversation just opened (or closed). */
const NO_EARLIER = { earlier: [], earlierCursor: null, loadingEarlier: false, earlierError: null };

export function createChatService(deps: ChatServiceDeps): ChatService {
  const useStore = create<ChatState>()(() => initial);
  const now = deps.now ?? Date.now;
  const typingTimers = new Map<PeerAddress, ReturnType<typeof setTimeout>>();
  const fail = (error: unknown) => useStore.setState({ error: errorMessage(error) });

  const refresh = async (account: string) => {
    const conversations = await deps.repo.conversations(account);
    if (deps.account() !== account) return;
    useStore.setState({ account, conversations });
    useTabBadges.getState().setCount(
      'messages',
      conversations.reduce((sum, c) => sum + c.unread, 0),
    );
  };

  const reloadOpen = async (account: string, peer: PeerAddress) => {
    const messages = await deps.repo.messages(account, peer);
    if (deps.account() !== account || useStore.getState().openPeer !== peer) return;
    // A history merge still running (sign-in) may store rows already fetched as earlier: show them once.
    const stored = new Set(messages.map((m) => m.id));
    useStore.setState((st) => ({ messages, earlier: st.earlier.filter((m) => !stored.has(m.id)) }));
  };

  const markRead = async (account: string, peer: PeerAddress) => {
    const wanted = await deps.repo.markRead(account, peer);
    if (wanted.length > 0)
      deps.engine().sendDisplayed(
        peer,
        wanted.map((m) => m.id),
      );
  };

  const setTyping = (peer: PeerAddress, active: boolean) =>
    useStore.setState((s) => {
      const typing = { ...s.typing };
      if (active) typing[peer] = true;
      else delete typing[peer];
      return { typing };
    });

  /**
   * Adds what the server routed that this device has not stored (same key: account, peer, id). Theirs
   * count as read (another device may have shown them; no receipt is owed), ours as sent. Returns
   * whether anything was added. A server that keeps no history (another SIP server) changes nothing.
   */
  const mergeHistory = async (
    account: string,
    peer: PeerAddress | null,
  ): Promise<{ added: boolean; before: string | null }> => {
    const none = { added: false, before: null };
    if (!deps.fetchHistory) return none;
    let page: ServerHistoryPage;
    try {
      page = await deps.fetchHistory(peer, peer ? HISTORY_PER_CONVERSATION : HISTORY_AT_SIGN_IN);
    } catch {
      return none; // offline, or no history API: what is stored here stays as it is
    }
    let added = false;
    for (const row of page.messages) {
      if (deps.account() !== account) return { added, before: null };
      added = (await deps.repo.add(fromServer(account, row), '').catch(() => false)) || added;
    }
    return { added, before: page.before };
  };

  const transmit = async (account: string, peer: PeerAddress, id: string, body: string) => {
    const outcome = await deps.engine().sendMessage(peer, id, body);
    const failure = outcome.ok
      ? undefined
      : outcome.status
        ? `${outcome.status} ${outcome.reason}`
        : outcome.reason;
    // A receipt may have overtaken the 200: the repository keeps the further state.
    await deps.repo.setState(account, peer, id, outcome.ok ? 'sent' : 'failed', failure);
    await reloadOpen(account, peer);
  };

  const service: ChatService = {
    useStore,

    async receive(incoming) {
      const account = deps.account();
      if (!account) throw new Error('Signed out: the message was not stored');
      const state = useStore.getState();
      const onScreen = state.openPeer === incoming.peer && deps.pageVisible();
      const message: ChatMessage = {
        account,
        peer: incoming.peer,
        id: incoming.id,
        direction: 'in',
        body: incoming.body,
        at: incoming.receivedAt,
        state: onScreen ? 'read' : 'unread',
        wantsDisplayed: incoming.wantsDisplayed,
      };
      const added = await deps.repo.add(message, incoming.peerName);
      if (!added) return;
      setTyping(incoming.peer, false); // RFC 3994 §3.3: a message ends the typing state
      if (onScreen && incoming.wantsDisplayed) deps.engine().sendDisplayed(incoming.peer, [incoming.id]);
      void (async () => {
        await refresh(account);
        await reloadOpen(account, incoming.peer);
        const conversation = useStore.getState().conversations.find((c) => c.peer === incoming.peer);
        if (!onScreen && conversation) deps.notify?.(conversation, message);
      })().catch(fail);
    },

    async load() {
      const account = deps.account();
      if (!account) return useStore.setState(initial);
      await refresh(account).catch(fail);
      if ((await mergeHistory(account, null)).added) await refresh(account).catch(fail);
      const open = useStore.getState().openPeer;
      if (open) await reloadOpen(account, open).catch(fail);
    },

    async open(peer) {
      const account = deps.account();
      if (!account) return;
      useStore.setState({ openPeer: peer, messages: [], error: null, attachError: null, ...NO_EARLIER });
      try {
        await reloadOpen(account, peer);
        if (deps.pageVisible()) await markRead(account, peer);
        await refresh(account);
        await reloadOpen(account, peer);
        const merged = await mergeHistory(account, peer);
        if (merged.added) {
          await refresh(account);
          await reloadOpen(account, peer);
        }
        if (useStore.getState().openPeer === peer) useStore.setState({ earlierCursor: merged.before });
      } catch (error) {
        fail(error);
      }
    },

    close() {
      const peer = useStore.getState().openPeer;
      if (peer) deps.engine().composingStopped(peer);
      useStore.setState({ openPeer: null, messages: [], ...NO_EARLIER });
    },

    async loadEarlier(peer) {
      const account = deps.account();
      const start = useStore.getState();
      if (!account || !deps.fetchHistory || start.openPeer !== peer) return;
      if (start.loadingEarlier || start.earlierCursor === null) return;
      useStore.setState({ loadingEarlier: true, earlierError: null });
      const stillOpen = () => deps.account() === account && useStore.getState().openPeer === peer;
      let cursor: string | null = start.earlierCursor;
      try {
        // A page the device already holds adds nothing to see: go on to the next, a few pages at most.
        for (let pages = 0; cursor !== null && pages < EARLIER_PAGES_PER_REQUEST; pages++) {
          const page = await deps.fetchHistory(peer, HISTORY_PER_CONVERSATION, cursor);
          if (!stillOpen()) return;
          cursor = page.before;
          const { messages, earlier } = useStore.getState();
          const shown = new Set([...messages, ...earlier].map((m) => m.id));
          const older = page.messages
            .filter((row) => row.peer === peer && !shown.has(row.id))
            .map((row) => fromServer(account, row))
            .reverse();
          useStore.setState({ earlier: [...older, ...earlier], earlierCursor: cursor });
          if (older.length > 0) break;
        }
      } catch (error) {
        if (stillOpen()) useStore.setState({ earlierError: errorMessage(error) });
      } finally {
        if (stillOpen()) useStore.setState({ loadingEarlier: false });
      }
    },

    async send(peer, text) {
      const account = deps.account();
      const body = text.trim();
      if (!account || body === '') return;
      const id = deps.newId();
      if (useStore.getState().attachError) useStore.setState({ attachError: null }); // moved on
      try {
        await deps.repo.add({ account, peer, id, direction: 'out', body, at: now(), state: 'sending' }, '');
        await refresh(account);
        await reloadOpen(account, peer);
        await transmit(account, peer, id, body);
      } catch (error) {
        fail(error);
      }
    },

    async retry(peer, id) {
      const account = deps.account();
      const message = useStore.getState().messages.find((m) => m.id === id && m.peer === peer);
      if (!account || !message || message.state !== 'failed') return;
      try {
        const moved = await deps.repo.setState(account, peer, id, 'sending');
        if (moved?.state !== 'sending') return; // a second click: already being resent
        await reloadOpen(account, peer);
        await transmit(account, peer, id, message.body);
      } catch (error) {
        fail(error);
      }
    },

    async sendFile(peer, file) {
      if (!deps.account() || useStore.getState().attaching) return;
      useStore.setState({ attaching: true, attachError: null });
      try {
        const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
        const problem = attachmentProblemOf(file, sniffAttachmentType(head));
        if (problem) return useStore.setState({ attachError: { name: file.name, problem } });
        const uploaded = await deps.uploadAttachment(file, file.name, peer);
        const url = new URL(uploaded.url, deps.origin()).href;
        await service.send(peer, attachmentMessageBody({ ...uploaded, url }));
      } catch (error) {
        const reason = errorMessage(error);
        useStore.setState({ attachError: { name: file.name, problem: { kind: 'upload', reason } } });
      } finally {
        useStore.setState({ attaching: false });
      }
    },

    typed(peer, text) {
      if (text.trim() === '') deps.engine().composingStopped(peer);
      else deps.engine().composing(peer);
    },

    composing(peer, active, holdMs) {
      clearTimeout(typingTimers.get(peer));
      typingTimers.delete(peer);
      setTyping(peer, active);
      if (active)
        typingTimers.set(
          peer,
          setTimeout(() => setTyping(peer, false), holdMs),
        );
    },

    async receipt(peer, id, status) {
      const account = deps.account();
      if (!account) return;
      const current = await deps.repo.get(account, peer, id);
      if (current?.direction !== 'out') return;
      await deps.repo.setState(account, peer, id, status === 'displayed' ? 'read' : 'delivered');
      await reloadOpen(account, peer).catch(fail);
    },

    pageShown() {
      const { openPeer } = useStore.getState();
      const account = deps.account();
      if (!openPeer || !account) return;
      void markRead(account, openPeer)
        .then(() => refresh(account))
        .then(() => reloadOpen(account, openPeer))
        .catch(fail);
    },

    reset() {
      for (const timer of typingTimers.values()) clearTimeout(timer);
      typingTimers.clear();
      useStore.setState(initial);
      useTabBadges.getState().setCount('messages', 0);
    },
  };
  return service;
}
