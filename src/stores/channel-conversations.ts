/**
 * The Agent tab's Conversations panel state (issue 14): my channel conversations and the unassigned
 * queue, the open conversation's timeline, and the intents (open, reply, template, claim, call link,
 * close). A change event from the server (SSE) reloads the list and, when it is the open one, the
 * timeline. No React here.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ChannelsApi } from '../api/channels';
import type { ConversationDetail, ConversationSummary } from '../api/channels-schemas';
import { attachmentProblemOf, SNIFF_BYTES, sniffAttachmentType } from '../lib/attachments';
import { errorMessage } from '../lib/errors';

/**
 * What went wrong, for the panel to word in the agent's language: the server's error code (`taken`,
 * `window_closed`, `closed`, `unassigned`, `no_channel`, `forbidden`, `not_found`, …), `unreachable`
 * when the server was not reached, `call_link_failed` when the webcall link could not be made,
 * `file_empty` / `file_too_big` / `file_not_allowed` when a file was refused before upload; null for
 * anything else, whose `message` is then shown as it is.
 */
export interface ConversationProblem {
  code: string | null;
  message: string;
}

/** The webcall store made no link (it shows why in the Webcall panel). */
class CallLinkFailed extends Error {}

/** A file refused before upload (empty, too big, not an image or PDF by its bytes). */
class FileRefused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** An ApiClientError's code and status are read by shape (the store does not word anything). */
export function conversationProblemOf(error: unknown): ConversationProblem {
  const message = errorMessage(error);
  if (error instanceof CallLinkFailed) return { code: 'call_link_failed', message };
  if (error instanceof FileRefused) return { code: error.code, message };
  if (typeof error !== 'object' || error === null) return { code: null, message };
  const { code, status } = error as { code?: unknown; status?: unknown };
  if (typeof code === 'string') return { code, message };
  if (status === null) return { code: 'unreachable', message };
  return { code: null, message };
}

/**
 * The panel's live event stream: `off` (not followed), `connecting` (asked, the server has not said it
 * holds it), `live` (it does: changes arrive, and behind Kamailio this agent counts as available for new
 * conversations), `reconnecting` (lost; the browser retries, and nothing arrives meanwhile), `stopped`
 * (the browser gave up, e.g. the server refused a stream too many: only following again reconnects).
 */
export type ConversationStream = 'off' | 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface ConversationsState {
  conversations: ConversationSummary[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  stream: ConversationStream;
  error: ConversationProblem | null;
  openId: number | null;
  detail: ConversationDetail | null;
  /** Last problem with an action on the open conversation (shown beside the reply box). */
  actionError: ConversationProblem | null;
  busy: boolean;
}

export interface CallLinkMaker {
  /** Creates a webcall link for this customer; resolves with its room and URL (null when it failed). */
  create(customerName: string, phone: string): Promise<{ roomId: string; url: string } | null>;
  /** The room's link went out on a conversation: its call belongs in that timeline (ADR 0034). */
  sent?(roomId: string): void;
}

export interface FileUploader {
  /** Uploads the agent's file (ADR 0024 upload API, to the agent themself); resolves with its id. */
  upload(file: Blob, name: string): Promise<{ id: string }>;
}

export interface ChannelConversations {
  useStore: UseBoundStore<StoreApi<ConversationsState>>;
  load(): Promise<void>;
  open(id: number | null): Promise<void>;
  /** Called for a server change event about a conversation. */
  changed(id: number): Promise<void>;
  reply(text: string): Promise<boolean>;
  sendTemplate(name: string): Promise<boolean>;
  /** Sends an image or PDF (checked by its bytes first), with an optional caption. */
  sendFile(file: File, caption: string): Promise<boolean>;
  claim(): Promise<void>;
  sendCallLink(): Promise<void>;
  close(): Promise<void>;
  /** The event stream's state changed (the app's EventSource, in channel-conversations-instance.ts). */
  streamChanged(stream: ConversationStream): void;
  reset(): void;
}

const INITIAL: ConversationsState = {
  conversations: [],
  status: 'idle',
  stream: 'off',
  error: null,
  openId: null,
  detail: null,
  actionError: null,
  busy: false,
};

export function createChannelConversations(
  api: ChannelsApi,
  calls: CallLinkMaker,
  files?: FileUploader,
): ChannelConversations {
  const useStore = create<ConversationsState>(() => INITIAL);
  const set = (patch: Partial<ConversationsState>) => useStore.setState(patch);

  const refreshDetail = async (id: number) => {
    const detail = await api.detail(id);
    if (useStore.getState().openId === id) set({ detail });
  };
  /** Runs an action on the open conversation; its error is shown, the timeline refreshed. */
  const act = async (run: (id: number) => Promise<unknown>): Promise<boolean> => {
    const { openId, busy } = useStore.getState();
    if (openId === null || busy) return false;
    set({ busy: true, actionError: null });
    try {
      await run(openId);
      await refreshDetail(openId);
      return true;
    } catch (error) {
      set({ actionError: conversationProblemOf(error) });
      return false;
    } finally {
      set({ busy: false });
    }
  };

  const self: ChannelConversations = {
    useStore,
    async load() {
      if (useStore.getState().status === 'idle') set({ status: 'loading' });
      try {
        const { conversations } = await api.list();
        set({ conversations, status: 'ready', error: null });
      } catch (error) {
        set({ status: 'error', error: conversationProblemOf(error) });
      }
    },
    async open(id) {
      set({ openId: id, detail: null, actionError: null });
      if (id === null) return;
      try {
        await refreshDetail(id);
        await self.load(); // unread went to 0
      } catch (error) {
        set({ actionError: conversationProblemOf(error) });
      }
    },
    async changed(id) {
      await self.load();
      if (useStore.getState().openId === id) await refreshDetail(id).catch(() => undefined);
    },
    reply: (text) => act((id) => api.reply(id, { text })),
    sendTemplate: (name) => act((id) => api.reply(id, { template: name })),
    sendFile: (file, caption) =>
      act(async (id) => {
        if (!files) throw new FileRefused('file_not_allowed');
        const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
        const problem = attachmentProblemOf(file, sniffAttachmentType(head));
        if (problem) {
          throw new FileRefused(
            problem.kind === 'empty'
              ? 'file_empty'
              : problem.kind === 'too-big'
                ? 'file_too_big'
                : 'file_not_allowed',
          );
        }
        const uploaded = await files.upload(file, file.name);
        await api.reply(id, { attachment: uploaded.id, ...(caption.trim() ? { text: caption.trim() } : {}) });
      }),
    async claim() {
      await act((id) => api.claim(id));
      await self.load();
    },
    async sendCallLink() {
      const detail = useStore.getState().detail;
      if (!detail) return;
      const { customerName, channelId } = detail.conversation;
      await act(async (id) => {
        const link = await calls.create(customerName, channelId);
        if (!link) throw new CallLinkFailed('The call link could not be created (see the Webcall panel).');
        await api.sendCallLink(id, link);
        calls.sent?.(link.roomId);
      });
    },
    async close() {
      await act((id) => api.close(id));
      await self.load();
    },
    streamChanged(stream) {
      set({ stream });
    },
    reset() {
      set(INITIAL);
    },
  };
  return self;
}
