/**
 * Wire schemas of the webcall room conversation (issue 14): the customer on the join page and the
 * agent who owns the room exchange text before, during and after the call, until the link expires.
 * zod/mini, because the join page validates the answers and has a small budget (docs/performance.md).
 * Shared by the join page, the Agent tab and the reference server (server/webcall/chat-*.ts).
 */
import { z } from 'zod/mini';
import { ATTACHMENT_ID, ATTACHMENT_TYPES } from '../lib/attachments';

/** Longest message, in UTF-16 code units (what a textarea's maxLength counts). */
export const CHAT_TEXT_MAX = 2000;

/** Client-made message ids: the same id sent twice stores one message (idempotent send). */
export const ChatClientId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, - or _'));

/** Server-made guest ids (`g` + 16 hex), kept per link in the tab so a reload is the same guest. */
export const ChatGuestId = z.string().check(z.regex(/^g[0-9a-f]{16}$/, 'is not a guest id'));

export const ChatSender = z.enum(['guest', 'agent']);
export type ChatSender = z.infer<typeof ChatSender>;

/** Largest file sent in a room conversation (bytes; ADR 0030). */
export const CHAT_FILE_MAX_BYTES = 5_000_000;
/** Most files one room keeps (a bound on what a link can store). */
export const CHAT_FILES_PER_ROOM = 40;

/** A file sent in the room (an image shown inline, a PDF as a link); fetched with the same authorization. */
export const ChatFile = z.object({
  id: z.string().check(z.regex(ATTACHMENT_ID, 'is not a file id')),
  type: z.enum(ATTACHMENT_TYPES),
  name: z.string().check(z.maxLength(200)),
  size: z.int().check(z.positive()),
});
export type ChatFile = z.infer<typeof ChatFile>;

export const ChatMessage = z.object({
  /** Increasing per server; the SSE event id, and `after` for history. */
  id: z.int().check(z.positive()),
  sender: ChatSender,
  /** The guest id or the agent's username. */
  author: z.string(),
  clientId: z.string(),
  /** Empty for a file message. */
  text: z.string(),
  /** Unix milliseconds. */
  at: z.number(),
  /** The file this message carries (sent with `POST …/chat/files`). */
  file: z.optional(ChatFile),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ChatSendRequest = z.object({
  clientId: ChatClientId,
  text: z.string().check(
    z.maxLength(CHAT_TEXT_MAX, `must be at most ${CHAT_TEXT_MAX} characters`),
    z.refine((t) => t.trim().length > 0, 'must not be empty'),
  ),
});
export type ChatSendRequest = z.infer<typeof ChatSendRequest>;

/**
 * Typing indication (ADR 0030): `active` while a side types (sent at most every
 * {@link TYPING_SEND_EVERY_MS}), `idle` when its draft is emptied. Never stored.
 */
export const ChatTypingState = z.enum(['active', 'idle']);
export type ChatTypingState = z.infer<typeof ChatTypingState>;
export const ChatTypingRequest = z.object({ state: ChatTypingState });
/** An SSE `typing` event: the other side is typing (or stopped). */
export const ChatTypingEvent = z.object({ sender: ChatSender, state: ChatTypingState });
export type ChatTypingEvent = z.infer<typeof ChatTypingEvent>;
/** A side sends `active` at most this often while typing. */
export const TYPING_SEND_EVERY_MS = 3000;
/** The other side shows "is typing…" this long after the last `active` (unless a message or `idle` comes). */
export const TYPING_EXPIRES_MS = 6000;

/** An SSE `room` event, first on every stream: what the room's conversation allows now. */
export const ChatRoomEvent = z.object({ fileTransfer: z.boolean() });
export type ChatRoomEvent = z.infer<typeof ChatRoomEvent>;

const label = z.string().check(z.maxLength(40), z.regex(/^[\p{L}\p{N} ._()/-]*$/u, 'must be plain text'));
const pixels = z.int().check(z.minimum(1), z.maximum(20_000));

/** What the customer's page says about itself, shown to the agent (never used for any decision). */
export const ChatGuestInfo = z.object({
  /** `navigator.language`, a BCP 47 tag. */
  locale: z.optional(
    z.string().check(z.regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$/, 'must be a language tag')),
  ),
  platform: z.optional(label),
  browser: z.optional(label),
  screen: z.optional(z.object({ width: pixels, height: pixels })),
});
export type ChatGuestInfo = z.infer<typeof ChatGuestInfo>;

/** The pre-chat form's answers as sent: field name → text or a checkbox's value (checked by the server). */
export const PreChatAnswersRequest = z.record(
  z.string().check(z.regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a field name')),
  z.union([z.string().check(z.maxLength(2000)), z.boolean()]),
);

/** One answer as the agent sees it (label from the operator's form). */
export const PreChatAnswerView = z.object({
  label: z.string().check(z.maxLength(60)),
  value: z.string().check(z.maxLength(1000)),
});

/** The customer opens (or resumes) their side of the conversation with the key their link carries. */
export const ChatGuestRequest = z.object({
  key: z.string().check(z.minLength(16), z.maxLength(128)),
  guestId: z.optional(ChatGuestId),
  info: z.optional(ChatGuestInfo),
  /** The pre-chat form's answers, when the operator has one (sent again on every reopening). */
  preChat: z.optional(PreChatAnswersRequest),
});

/** A guest of the room as the agent sees it (an SSE `guest` event on the agent's stream). */
export const ChatGuest = z.object({
  guestId: ChatGuestId,
  info: ChatGuestInfo,
  /** The pre-chat form's answers, in the form's order (absent: none given). */
  preChat: z.optional(z.array(PreChatAnswerView).check(z.maxLength(12))),
  /** Unix milliseconds of the guest's last (re)opening. */
  at: z.number(),
});
export type ChatGuest = z.infer<typeof ChatGuest>;
export type ChatGuestRequest = z.infer<typeof ChatGuestRequest>;

export const ChatGuestSession = z.object({
  guestId: ChatGuestId,
  /** `Authorization: Guest <token>` for this room's conversation; bound to the room and the guest. */
  token: z.string(),
  /** Unix milliseconds: the link's expiry, when the conversation is purged. */
  expiresAt: z.number(),
});
export type ChatGuestSession = z.infer<typeof ChatGuestSession>;

export const ChatHistory = z.object({
  messages: z.array(ChatMessage),
  expiresAt: z.number(),
});
export type ChatHistory = z.infer<typeof ChatHistory>;

/** The first problem of a failed parse as `path: message` (the wording other endpoints use). */
export function describeChatIssue(error: {
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>;
}): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue?.message ?? 'invalid body'}`;
}
