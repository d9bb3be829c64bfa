/**
 * Chat messages in IndexedDB (v5, chat-schema.ts). Adding a message and updating its conversation's
 * summary happen in one transaction, so the unread count never disagrees with the messages; each
 * conversation keeps its newest MAX_MESSAGES_PER_CONVERSATION messages (older ones are dropped).
 */
import type { IDBPDatabase } from 'idb';
import { canMoveTo, ChatConversation, ChatMessage, type ChatMessageState } from './chat-schema';
import { openAppDb, type OpenlineDB } from './db';

export { ChatConversation, ChatMessage, type ChatMessageState };

export const MAX_MESSAGES_PER_CONVERSATION = 500;

export interface ChatRepository {
  /**
   * Stores a message (incoming or outgoing) and updates its conversation. False when a message with
   * this id is already there (a resend): nothing changes.
   */
  add(message: ChatMessage, peerName: string): Promise<boolean>;
  get(account: string, peer: string, id: string): Promise<ChatMessage | null>;
  /**
   * Moves an outgoing message to `state` (send outcome, receipts, retry) in one transaction, only as
   * `canMoveTo` allows, so racing receipts and responses settle on the furthest state. Returns the
   * message as stored afterwards; null when it is not stored.
   */
  setState(
    account: string,
    peer: string,
    id: string,
    state: ChatMessageState,
    failure?: string,
  ): Promise<ChatMessage | null>;
  /** Conversations of an account, newest first. */
  conversations(account: string): Promise<ChatConversation[]>;
  /** The newest `limit` messages of a conversation, oldest first. */
  messages(account: string, peer: string, limit?: number): Promise<ChatMessage[]>;
  /** Marks every unread incoming message read; returns those whose sender wants a displayed receipt. */
  markRead(account: string, peer: string): Promise<ChatMessage[]>;
}

const conversationRange = (account: string, peer: string) =>
  IDBKeyRange.bound([account, peer, -Infinity], [account, peer, Infinity]);
const accountRange = (account: string) => IDBKeyRange.bound([account, -Infinity], [account, Infinity]);
const valid = <T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  rows: unknown[],
) =>
  rows.flatMap((row) => {
    const parsed = schema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });

export function createIdbChatRepository(
  open: () => Promise<IDBPDatabase<OpenlineDB>> = openAppDb,
): ChatRepository {
  return {
    async add(input, peerName) {
      const message = ChatMessage.parse(input);
      const db = await open();
      const tx = db.transaction(['chatMessages', 'chatConversations'], 'readwrite');
      const messages = tx.objectStore('chatMessages');
      const conversations = tx.objectStore('chatConversations');
      if (await messages.getKey([message.account, message.peer, message.id])) {
        await tx.done;
        return false;
      }
      await messages.put(message);
      const before = ChatConversation.safeParse(await conversations.get([message.account, message.peer]));
      const previous = before.success ? before.data : null;
      const newest = !previous || message.at >= previous.lastAt;
      await conversations.put({
        account: message.account,
        peer: message.peer,
        peerName: (peerName || previous?.peerName || '').slice(0, 200),
        lastBody: newest ? message.body : previous.lastBody,
        lastAt: newest ? message.at : previous.lastAt,
        lastDirection: newest ? message.direction : previous.lastDirection,
        unread: (previous?.unread ?? 0) + (message.state === 'unread' ? 1 : 0),
      });
      const index = messages.index('by-conversation-time');
      const keys = await index.getAllKeys(conversationRange(message.account, message.peer));
      const excess = keys.length - MAX_MESSAGES_PER_CONVERSATION;
      for (const key of keys.slice(0, Math.max(0, excess))) await messages.delete(key);
      await tx.done;
      return true;
    },

    async get(account, peer, id) {
      const parsed = ChatMessage.safeParse(await (await open()).get('chatMessages', [account, peer, id]));
      return parsed.success ? parsed.data : null;
    },

    async setState(account, peer, id, state, failure) {
      const db = await open();
      const tx = db.transaction('chatMessages', 'readwrite');
      const parsed = ChatMessage.safeParse(await tx.store.get([account, peer, id]));
      if (!parsed.success || !canMoveTo(parsed.data.state, state)) {
        await tx.done;
        return parsed.success ? parsed.data : null;
      }
      const updated: ChatMessage = { ...parsed.data, state };
      if (failure !== undefined) updated.failure = failure.slice(0, 200);
      else delete updated.failure;
      await tx.store.put(updated);
      await tx.done;
      return updated;
    },

    async conversations(account) {
      const db = await open();
      const rows = await db.getAllFromIndex('chatConversations', 'by-account-time', accountRange(account));
      return valid(ChatConversation, rows).reverse();
    },

    async messages(account, peer, limit = MAX_MESSAGES_PER_CONVERSATION) {
      const db = await open();
      const index = db.transaction('chatMessages').store.index('by-conversation-time');
      const newestFirst: unknown[] = [];
      for (let cursor = await index.openCursor(conversationRange(account, peer), 'prev'); cursor;) {
        newestFirst.push(cursor.value);
        if (newestFirst.length >= limit) break;
        cursor = await cursor.continue();
      }
      return valid(ChatMessage, newestFirst.reverse());
    },

    async markRead(account, peer) {
      const db = await open();
      const tx = db.transaction(['chatMessages', 'chatConversations'], 'readwrite');
      const messages = tx.objectStore('chatMessages');
      const rows = valid(
        ChatMessage,
        await messages.index('by-conversation-time').getAll(conversationRange(account, peer)),
      );
      const read = rows.filter((m) => m.direction === 'in' && m.state === 'unread');
      for (const message of read) await messages.put({ ...message, state: 'read' });
      const conversation = ChatConversation.safeParse(
        await tx.objectStore('chatConversations').get([account, peer]),
      );
      if (conversation.success && conversation.data.unread !== 0) {
        await tx.objectStore('chatConversations').put({ ...conversation.data, unread: 0 });
      }
      await tx.done;
      return read.filter((m) => m.wantsDisplayed);
    },
  };
}

/** Where the browser has no IndexedDB: nothing is kept, so nothing is acknowledged as stored. */
export function unavailableChatRepository(reason: string): ChatRepository {
  const fail = () => Promise.reject(new Error(reason));
  return {
    add: fail,
    get: async () => null,
    setState: fail,
    conversations: async () => [],
    messages: async () => [],
    markRead: async () => [],
  };
}
