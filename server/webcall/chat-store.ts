/**
 * The room conversations (migration 15): one row per message, kept until the room's link expires and
 * then purged. A message is identified by its author and the client's id, so a retried send stores it
 * once and answers the stored message again.
 */
import { z } from 'zod/mini';
import type { AttachmentType } from '../../src/lib/attachments';
import {
  ChatGuestInfo,
  PreChatAnswerView,
  type ChatFile,
  type ChatGuest,
  type ChatMessage,
  type ChatSender,
} from '../../src/api/webcall-chat-schemas';
import type { Db } from '../db';
import type { ChatFileDir } from './chat-files';

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
  /** A file stored with {@link WebcallChatStore.addFile} for this message. */
  fileId?: string;
}

export interface StoredChatFile extends ChatFile {
  roomId: string;
  sender: ChatSender;
  author: string;
}

interface Row {
  id: number;
  sender: ChatSender;
  author: string;
  client_id: string;
  text: string;
  created_at: number;
  file_id: string | null;
  file_type: AttachmentType | null;
  file_name: string | null;
  file_size: number | null;
}

const toMessage = (r: Row): ChatMessage => ({
  id: r.id,
  sender: r.sender,
  author: r.author,
  clientId: r.client_id,
  text: r.text,
  at: r.created_at,
  ...(r.file_id !== null && r.file_type !== null && r.file_name !== null && r.file_size !== null
    ? { file: { id: r.file_id, type: r.file_type, name: r.file_name, size: r.file_size } }
    : {}),
});

const SELECT_MESSAGE = `SELECT m.id, m.sender, m.author, m.client_id, m.text, m.created_at, m.file_id,
    f.type AS file_type, f.name AS file_name, f.size AS file_size
  FROM webcall_chat_messages m LEFT JOIN webcall_chat_files f ON f.id = m.file_id`;

/** Most messages one room keeps; older ones are dropped first (a bound, not a quota users should meet). */
export const MAX_MESSAGES_PER_ROOM = 2000;

export class WebcallChatStore {
  /** `files`: where file bytes live; without it, purging removes only the rows. */
  constructor(
    private readonly db: Db,
    private readonly files?: ChatFileDir,
  ) {}

  /** Stores a message, or answers the one this author already sent with this client id. */
  add(m: NewChatMessage): { message: ChatMessage; created: boolean } {
    const inserted = this.db
      .prepare(
        `INSERT INTO webcall_chat_messages (room_id, sender, author, client_id, text, created_at, expires_at, file_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (room_id, author, client_id) DO NOTHING`,
      )
      .run(m.roomId, m.sender, m.author, m.clientId, m.text, m.at, m.expiresAt, m.fileId ?? null);
    if (inserted.changes > 0) this.trim(m.roomId);
    return { message: this.byClientId(m.roomId, m.author, m.clientId)!, created: inserted.changes > 0 };
  }

  /** The message this author sent with this client id, if any (a retried upload answers it again). */
  byClientId(roomId: string, author: string, clientId: string): ChatMessage | undefined {
    const row = this.db
      .prepare(`${SELECT_MESSAGE} WHERE m.room_id = ? AND m.author = ? AND m.client_id = ?`)
      .get(roomId, author, clientId) as Row | undefined;
    return row ? toMessage(row) : undefined;
  }

  /** Records a file of a room (its bytes are already in the file directory). */
  addFile(file: StoredChatFile, at: number, expiresAt: number): void {
    this.db
      .prepare(
        `INSERT INTO webcall_chat_files (id, room_id, sender, author, type, name, size, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(file.id, file.roomId, file.sender, file.author, file.type, file.name, file.size, at, expiresAt);
  }

  /** The file if it belongs to this room (and its link has not expired); undefined otherwise. */
  fileOf(roomId: string, id: string, now: number): StoredChatFile | undefined {
    const row = this.db
      .prepare(
        'SELECT id, room_id, sender, author, type, name, size FROM webcall_chat_files WHERE id = ? AND room_id = ? AND expires_at > ?',
      )
      .get(id, roomId, now) as
      | {
          id: string;
          room_id: string;
          sender: ChatSender;
          author: string;
          type: AttachmentType;
          name: string;
          size: number;
        }
      | undefined;
    return row
      ? {
          id: row.id,
          roomId: row.room_id,
          sender: row.sender,
          author: row.author,
          type: row.type,
          name: row.name,
          size: row.size,
        }
      : undefined;
  }

  fileCount(roomId: string): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM webcall_chat_files WHERE room_id = ?').get(roomId) as {
        n: number;
      }
    ).n;
  }

  /** Messages after `afterId`, oldest first. */
  list(roomId: string, afterId = 0, limit = MAX_MESSAGES_PER_ROOM): ChatMessage[] {
    const rows = this.db
      .prepare(`${SELECT_MESSAGE} WHERE m.room_id = ? AND m.id > ? ORDER BY m.id LIMIT ?`)
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

  /** Deletes every conversation whose link has expired, files included; answers how many messages went. */
  purgeExpired(now: number): number {
    this.db.prepare('DELETE FROM webcall_chat_guests WHERE expires_at <= ?').run(now);
    const files = this.db.prepare('SELECT id FROM webcall_chat_files WHERE expires_at <= ?').all(now) as {
      id: string;
    }[];
    for (const { id } of files) {
      this.files?.remove(id);
      this.db.prepare('DELETE FROM webcall_chat_files WHERE id = ?').run(id);
    }
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
