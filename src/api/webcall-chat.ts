/**
 * HTTP for the webcall room conversation (server/webcall/chat-routes.ts). Plain fetch and zod/mini,
 * like published-config.ts, because the join page loads this too. The agent's requests carry the
 * session cookie (same origin); the customer's carry `Authorization: Guest <token>`.
 */
import { z } from 'zod/mini';
import { errorMessage } from '../lib/errors';
import { readEventStream } from '../lib/event-stream';
import type { PreChatAnswers } from './pre-chat';
import { ATTACHMENT_UPLOAD_HEADER } from '../lib/attachments';
import {
  ChatGuest,
  ChatGuestSession,
  ChatHistory,
  ChatMessage,
  ChatRoomEvent,
  ChatTypingEvent,
  type ChatGuestInfo,
  type ChatSendRequest,
  type ChatTypingState,
} from './webcall-chat-schemas';

/**
 * A refusal from the server (`status` 0: not reached). `code` is the server's stable error code (or one
 * of this module's: `unreachable`, `http_error`, `bad_answer`, `no_stream`); screens word the code
 * ({@link ChatProblem}), never the English `message`, which is for logs.
 */
export class ChatApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's Retry-After in seconds (a 429), when it sent one. */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
  }
}

/**
 * Why a chat message was refused, or why the conversation closed: a stable code and its numbers, worded
 * by the screen in the reader's language (`chatProblemText` in src/ui/chat). Codes: the server's
 * (`closed`, `expired`, `not_found`, `forbidden`, `unauthenticated`, `too_many_messages`,
 * `too_many_streams`, `invalid_request`, …), this module's, and the composer's `empty` and `too_long`.
 */
export interface ChatProblem {
  code: string;
  /** too_many_messages: seconds to wait before sending again. */
  waitS?: number;
  /** too_long: the most characters a message may have. */
  max?: number;
}

/** The problem to show for anything a chat request threw. */
export function chatProblemOf(error: unknown): ChatProblem {
  if (!(error instanceof ChatApiError)) return { code: 'failed' };
  return error.retryAfterS !== null ? { code: error.code, waitS: error.retryAfterS } : { code: error.code };
}

/** Retry-After as whole seconds (the delta form; a date is not used by this server). */
function retryAfterOf(response: Response): number | null {
  const raw = response.headers.get('Retry-After');
  return raw !== null && /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : null;
}

/** Refusals that another try will not change (the link is over, or not for this room). */
export function isFinalChatError(error: unknown): boolean {
  return error instanceof ChatApiError && [401, 403, 404, 410].includes(error.status);
}

const ErrorBody = z.object({ error: z.string(), message: z.string() });

async function request(fetchImpl: typeof fetch, url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetchImpl(url, { credentials: 'same-origin', ...init });
  } catch (error) {
    throw new ChatApiError(0, 'unreachable', `Cannot reach the server: ${errorMessage(error)}`);
  }
  if (response.ok) return response;
  const body = ErrorBody.safeParse(await response.json().catch(() => null));
  throw new ChatApiError(
    response.status,
    body.success ? body.data.error : 'http_error',
    body.success ? body.data.message : `The server answered ${response.status}.`,
    retryAfterOf(response),
  );
}

async function json<S extends z.ZodMiniType>(response: Response, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await response.json().catch(() => null));
  if (!parsed.success)
    throw new ChatApiError(response.status, 'bad_answer', 'The server gave an unexpected answer.');
  return parsed.data;
}

const base = (roomId: string) => `/api/webcall/rooms/${encodeURIComponent(roomId)}/chat`;

export async function openGuestChat(
  roomId: string,
  key: string,
  guestId: string | null,
  info: ChatGuestInfo,
  /** The pre-chat form's answers, when the operator has one. */
  preChat: PreChatAnswers | null = null,
  fetchImpl: typeof fetch = fetch,
): Promise<ChatGuestSession> {
  const response = await request(fetchImpl, `${base(roomId)}/guest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key, ...(guestId ? { guestId } : {}), info, ...(preChat ? { preChat } : {}) }),
  });
  return json(response, ChatGuestSession);
}

export interface ChatStreamHandlers {
  onOpen(): void;
  onMessage(message: ChatMessage): void;
  onGuest(guest: ChatGuest): void;
  /** The other side is typing (or stopped); live only. */
  onTyping?(typing: ChatTypingEvent): void;
  /** What the conversation allows (file transfer), first on every stream. */
  onRoom?(room: ChatRoomEvent): void;
}

/** What a room conversation needs from the network; `headers` authenticates (none: the cookie). */
export interface RoomChatApi {
  history(after: number): Promise<ChatHistory>;
  send(message: ChatSendRequest): Promise<ChatMessage>;
  /**
   * Streams messages after `after` until the server ends the stream (resolves) or it fails (rejects).
   * `onOpen` runs once the server accepted the stream; `onGuest` (agent streams only) tells what a
   * customer's page said about itself.
   */
  stream(after: number, on: ChatStreamHandlers, signal: AbortSignal): Promise<void>;
  /** Tells the other side this side is typing (`active`) or stopped (`idle`). */
  typing(state: ChatTypingState): Promise<void>;
  /** Sends a file as a message (idempotent per `clientId`, like text). */
  sendFile(clientId: string, file: Blob, name: string): Promise<ChatMessage>;
  /** A file of this room's conversation (same authorization as the messages). */
  file(id: string): Promise<Blob>;
}

export function roomChatApi(
  roomId: string,
  headers: () => Record<string, string>,
  fetchImpl: typeof fetch = fetch,
): RoomChatApi {
  return {
    async history(after) {
      return json(
        await request(fetchImpl, `${base(roomId)}/messages?after=${after}`, { headers: headers() }),
        ChatHistory,
      );
    },
    async send(message) {
      const response = await request(fetchImpl, `${base(roomId)}/messages`, {
        method: 'POST',
        headers: { ...headers(), 'Content-Type': 'application/json' },
        body: JSON.stringify(message),
      });
      return json(response, ChatMessage);
    },
    async stream(after, on, signal) {
      const response = await request(fetchImpl, `${base(roomId)}/stream`, {
        headers: { ...headers(), Accept: 'text/event-stream', 'Last-Event-ID': String(after) },
        signal,
        cache: 'no-store',
        // A stream never finishes: at fetch()'s default High priority it reads, to the browser and to
        // page-load tools (Lighthouse waits for no High request in flight), as a page still loading.
        // EventSource is Low by default; this is the same request with an Authorization header.
        priority: 'low',
      });
      if (!response.body)
        throw new ChatApiError(0, 'no_stream', 'This browser cannot read the live conversation.');
      on.onOpen();
      await readEventStream(response.body, (event) => {
        let value: unknown;
        try {
          value = JSON.parse(event.data);
        } catch {
          return;
        }
        if (event.event === 'message') {
          const parsed = ChatMessage.safeParse(value);
          if (parsed.success) on.onMessage(parsed.data);
        } else if (event.event === 'guest') {
          const parsed = ChatGuest.safeParse(value);
          if (parsed.success) on.onGuest(parsed.data);
        } else if (event.event === 'typing') {
          const parsed = ChatTypingEvent.safeParse(value);
          if (parsed.success) on.onTyping?.(parsed.data);
        } else if (event.event === 'room') {
          const parsed = ChatRoomEvent.safeParse(value);
          if (parsed.success) on.onRoom?.(parsed.data);
        }
      });
    },
    async typing(state) {
      await request(fetchImpl, `${base(roomId)}/typing`, {
        method: 'POST',
        headers: { ...headers(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ state }),
      });
    },
    async sendFile(clientId, file, name) {
      const form = new FormData();
      form.append('clientId', clientId);
      form.append('file', file, name);
      const response = await request(fetchImpl, `${base(roomId)}/files`, {
        method: 'POST',
        headers: { ...headers(), [ATTACHMENT_UPLOAD_HEADER]: '1' },
        body: form,
      });
      return json(response, ChatMessage);
    },
    async file(id) {
      const response = await request(fetchImpl, `${base(roomId)}/files/${encodeURIComponent(id)}`, {
        headers: headers(),
      });
      return response.blob();
    },
  };
}
