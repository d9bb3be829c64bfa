/**
 * IndexedDB v5 (chat, issue 14): text messages per account and conversation, and one summary row per
 * conversation (last message, unread count) so the Messages list never scans every message.
 * A conversation is keyed by the peer's address (`sip:user@host`), so other channels can reuse it.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import { z } from 'zod/mini';

/**
 * in: `unread` until shown, then `read`.
 * out: `sending` → `sent` (the server took it: 200 or 202 stored for later) → `delivered` → `read`
 * (IMDN receipts), or `failed` with the SIP reason (Retry sends it again with the same id).
 */
export const ChatMessageState = z.enum(['unread', 'read', 'sending', 'sent', 'delivered', 'failed']);
export type ChatMessageState = z.infer<typeof ChatMessageState>;

const OUT_RANK: Record<ChatMessageState, number> = {
  sending: 0,
  failed: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  unread: 0,
};

/**
 * Whether an outgoing message may move from `current` to `next`: forward only (a late 200 or
 * `delivered` never undoes `read`), `failed` only while sending, `sending` again only after failing.
 */
export function canMoveTo(current: ChatMessageState, next: ChatMessageState): boolean {
  if (next === 'failed') return current === 'sending';
  if (next === 'sending') return current === 'failed';
  return OUT_RANK[next] > OUT_RANK[current];
}

export const ChatMessage = z.object({
  account: z.string().check(z.minLength(1)),
  peer: z.string().check(z.minLength(1)),
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  direction: z.enum(['in', 'out']),
  body: z.string().check(z.maxLength(4000)),
  /** Epoch ms: when it was received (in) or first sent (out). */
  at: z.int(),
  state: ChatMessageState,
  /** Why sending failed (the SIP reason), for `failed`. */
  failure: z.optional(z.string().check(z.maxLength(200))),
  /** Incoming: the sender asked for a `displayed` receipt. */
  wantsDisplayed: z.optional(z.boolean()),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ChatConversation = z.object({
  account: z.string().check(z.minLength(1)),
  peer: z.string().check(z.minLength(1)),
  peerName: z.string().check(z.maxLength(200)),
  lastBody: z.string().check(z.maxLength(4000)),
  lastAt: z.int(),
  lastDirection: z.enum(['in', 'out']),
  unread: z.int().check(z.gte(0)),
});
export type ChatConversation = z.infer<typeof ChatConversation>;

export interface ChatSchema extends DBSchema {
  chatMessages: {
    key: [string, string, string];
    value: ChatMessage;
    indexes: { 'by-conversation-time': [string, string, number] };
  };
  chatConversations: {
    key: [string, string];
    value: ChatConversation;
    indexes: { 'by-account-time': [string, number] };
  };
}

/** v4 → v5: the two chat stores; nothing earlier is touched. */
export function migrateV5Chat(db: IDBPDatabase<ChatSchema>): void {
  const messages = db.createObjectStore('chatMessages', { keyPath: ['account', 'peer', 'id'] });
  messages.createIndex('by-conversation-time', ['account', 'peer', 'at']);
  const conversations = db.createObjectStore('chatConversations', { keyPath: ['account', 'peer'] });
  conversations.createIndex('by-account-time', ['account', 'lastAt']);
}
