/**
 * The chat history the embedded proxy keeps (SQLite `chat_history`, migration 18; ADR 0024): one row
 * per side of each text MESSAGE routed between accounts, deduplicated by message id, read newest first
 * in pages with a cursor (`before` = "<at>:<row id>", so equal times never skip or repeat a row).
 */
import type { HistoryMessage, HistoryPage } from '../../src/api/message-history-schemas';
import type { Db } from '../db';

export interface HistoryEntry {
  owner: string;
  peer: string;
  direction: 'in' | 'out';
  messageId: string;
  body: string;
  at: number;
}

interface Row {
  id: number;
  peer: string;
  direction: 'in' | 'out';
  message_id: string;
  body: string;
  at: number;
}

const CURSOR = /^(\d{1,15}):(\d{1,15})$/;

/** A `before` cursor, or null for "from the newest"; throws on a malformed one. */
export function parseCursor(raw: string | null): { at: number; id: number } | null {
  if (raw === null || raw === '') return null;
  const m = CURSOR.exec(raw);
  if (!m) throw new Error('before: the cursor a previous page returned');
  return { at: Number(m[1]), id: Number(m[2]) };
}

export class ChatHistoryStore {
  private readonly q;

  constructor(
    db: Db,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {
    const cols = 'id, peer, direction, message_id, body, at';
    const older = '(at < @at OR (at = @at AND id < @id))';
    this.q = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO chat_history (owner, peer, direction, message_id, body, at)
         VALUES (@owner, @peer, @direction, @messageId, @body, @at)`,
      ),
      peer: db.prepare<{ owner: string; peer: string; at: number; id: number; limit: number }, Row>(
        `SELECT ${cols} FROM chat_history WHERE owner = @owner AND peer = @peer AND ${older}
         ORDER BY at DESC, id DESC LIMIT @limit`,
      ),
      all: db.prepare<{ owner: string; at: number; id: number; limit: number }, Row>(
        `SELECT ${cols} FROM chat_history WHERE owner = @owner AND ${older}
         ORDER BY at DESC, id DESC LIMIT @limit`,
      ),
      purge: db.prepare('DELETE FROM chat_history WHERE at < ?'),
    };
  }

  /** Records a message; false when that side already has it (a resend or retransmission). */
  record(entry: HistoryEntry): boolean {
    return this.q.insert.run(entry).changes === 1;
  }

  /** Newest first, older than `before`; all conversations when `peer` is null. */
  page(
    owner: string,
    peer: string | null,
    before: { at: number; id: number } | null,
    limit: number,
  ): HistoryPage {
    const params = {
      owner,
      at: before?.at ?? Number.MAX_SAFE_INTEGER,
      id: before?.id ?? Number.MAX_SAFE_INTEGER,
    };
    // One more than asked tells whether there is a next page.
    const rows =
      peer === null
        ? this.q.all.all({ ...params, limit: limit + 1 })
        : this.q.peer.all({ ...params, peer, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const messages: HistoryMessage[] = page.map((r) => ({
      peer: r.peer,
      direction: r.direction,
      id: r.message_id,
      body: r.body,
      at: r.at,
    }));
    return { messages, before: rows.length > limit && last ? `${last.at}:${last.id}` : null };
  }

  /** Deletes rows past the retention; returns how many went. */
  purge(): number {
    return this.q.purge.run(this.now() - this.maxAgeMs).changes;
  }
}
