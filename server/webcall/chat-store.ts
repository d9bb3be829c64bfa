/**
 * The room conversations (migration 15): one row per message, kept until the room's link expires and
 * then purged. A message is identified by its author and the client's id, so a retried send stores it
 * once and answers the stored message again.
 */
import { z } from 'zod/mini';
import {
  ChatGuestInfo,
  PreChatAnswerView,
  type ChatGuest,
  type ChatMessage,
  type ChatSender,
} from '../../src/api/webcall-chat-schemas';
import type { Db } from '../db';

const PreChatViews = z.array(PreChatAnswerView);

export interface NewChatMessage {
  roomId: string;
  sender: ChatSender;
  author: string;
  clientId: string;
  text: string;
  at: number;
  /** The link's expiry (Unix ms): the row is purged after it. */
  expiresAt: number;
}

interface Row {
  id: number;
  sender: ChatSender;
  author: string;
  client_id: string;
  text: string;
  created_at: number;
}

const toMessage = (r: Row): ChatMessage => ({
  id: r.id,
  sender: r.sender,
  author: r.author,
  clientId: r.client_id,
  text: r.text,
  at: r.created_at,
});

/** Most messages one room keeps; older ones are dropped first (a bound, not a quota users should meet). */
export const MAX_MESSAGES_PER_ROOM = 2000;

export class WebcallChatStore {
  constructor(private readonly db: Db) {}

  /** Stores a message, or answers the one this author already sent with this client id. */
  add(m: NewChatMessage): { message: ChatMessage; created: boolean } {
    const inserted = this.db
      .prepare(
        `INSERT INTO webcall_chat_messages (room_id, sender, author, client_id, text, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (room_id, author, client_id) DO NOTHING`,
      )
      .run(m.roomId, m.sender, m.author, m.clientId, m.text, m.at, m.expiresAt);
    const row = this.db
      .prepare(
        'SELECT id, sender, author, client_id, text, created_at FROM webcall_chat_messages WHERE room_id = ? AND author = ? AND client_id = ?',
      )
      .get(m.roomId, m.author, m.clientId) as Row;
    if (inserted.changes > 0) this.trim(m.roomId);
    return { message: toMessage(row), created: inserted.changes > 0 };
  }

  /** Messages after `afterId`, oldest first. */
  list(roomId: string, afterId = 0, limit = MAX_MESSAGES_PER_ROOM): ChatMessage[] {
    const rows = this.db
      .prepare(
        'SELECT id, sender, author, client_id, text, created_at FROM webcall_chat_messages WHERE room_id = ? AND id > ? ORDER BY id LIMIT ?',
      )
      .all(roomId, afterId, limit) as Row[];
    return rows.map(toMessage);
  }

  /** Records (or refreshes) what a guest's page said about itself. */
  saveGuest(roomId: string, guest: ChatGuest, expiresAt: number): void {
    this.db
      .prepare(
        `INSERT INTO webcall_chat_guests (room_id, guest_id, info_json, prechat_json, updated_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (room_id, guest_id) DO UPDATE SET info_json = excluded.info_json,
           prechat_json = COALESCE(excluded.prechat_json, prechat_json), updated_at = excluded.updated_at`,
      )
      .run(
        roomId,
        guest.guestId,
        JSON.stringify(guest.info),
        guest.preChat ? JSON.stringify(guest.preChat) : null,
        guest.at,
        expiresAt,
      );
  }

  guests(roomId: string): ChatGuest[] {
    const rows = this.db
      .prepare(
        'SELECT guest_id, info_json, prechat_json, updated_at FROM webcall_chat_guests WHERE room_id = ? ORDER BY updated_at',
      )
      .all(roomId) as Array<{
      guest_id: string;
      info_json: string;
      prechat_json: string | null;
      updated_at: number;
    }>;
    return rows.map((r) => {
      const info = ChatGuestInfo.safeParse(JSON.parse(r.info_json));
      const preChat = r.prechat_json === null ? null : PreChatViews.safeParse(JSON.parse(r.prechat_json));
      return {
        guestId: r.guest_id,
        info: info.success ? info.data : {},
        ...(preChat?.success ? { preChat: preChat.data } : {}),
        at: r.updated_at,
      };
    });
  }

  /** Deletes every conversation whose link has expired; answers how many messages went. */
  purgeExpired(now: number): number {
    this.db.prepare('DELETE FROM webcall_chat_guests WHERE expires_at <= ?').run(now);
    return this.db.prepare('DELETE FROM webcall_chat_messages WHERE expires_at <= ?').run(now).changes;
  }

  private trim(roomId: string): void {
    this.db
      .prepare(
        `DELETE FROM webcall_chat_messages WHERE room_id = ? AND id <= (
           SELECT id FROM webcall_chat_messages WHERE room_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
      )
      .run(roomId, roomId, MAX_MESSAGES_PER_ROOM);
  }
}
