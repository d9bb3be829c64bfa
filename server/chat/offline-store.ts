/**
 * Chat messages kept for users with no registration (SQLite `offline_messages`, migration 11).
 * Bounded: at most `maxPerUser` waiting per recipient (a full mailbox refuses, never drops what it
 * accepted), rows older than `maxAgeMs` are deleted, bodies are capped by the caller.
 */
import type { Db } from '../db';

export interface OfflineMessage {
  id: number;
  recipient: string;
  sender: string;
  fromHeader: string;
  callId: string;
  contentType: string;
  headers: [string, string][];
  body: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
}

export type StoreResult = 'stored' | 'duplicate' | 'full';

interface Row {
  id: number;
  recipient: string;
  sender: string;
  from_header: string;
  call_id: string;
  content_type: string;
  headers_json: string;
  body: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
}

const fromRow = (r: Row): OfflineMessage => ({
  id: r.id,
  recipient: r.recipient,
  sender: r.sender,
  fromHeader: r.from_header,
  callId: r.call_id,
  contentType: r.content_type,
  headers: JSON.parse(r.headers_json) as [string, string][],
  body: r.body,
  createdAt: r.created_at,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
});

export class OfflineMessageStore {
  private readonly q;

  constructor(
    db: Db,
    private readonly limits: { maxPerUser: number; maxAgeMs: number },
    private readonly now: () => number = Date.now,
  ) {
    this.q = {
      count: db.prepare('SELECT count(*) AS n FROM offline_messages WHERE recipient = ?'),
      exists: db.prepare('SELECT 1 FROM offline_messages WHERE recipient = ? AND call_id = ?'),
      insert: db.prepare(
        `INSERT OR IGNORE INTO offline_messages
           (recipient, sender, from_header, call_id, content_type, headers_json, body, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      pending: db.prepare('SELECT * FROM offline_messages WHERE recipient = ? ORDER BY id LIMIT ?'),
      remove: db.prepare('DELETE FROM offline_messages WHERE id = ?'),
      failed: db.prepare(
        'UPDATE offline_messages SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?',
      ),
      expire: db.prepare('DELETE FROM offline_messages WHERE created_at < ?'),
    };
  }

  store(m: Omit<OfflineMessage, 'id' | 'createdAt' | 'attempts' | 'nextAttemptAt'>): StoreResult {
    this.expire();
    if (this.q.exists.get(m.recipient, m.callId)) return 'duplicate';
    const { n } = this.q.count.get(m.recipient) as { n: number };
    if (n >= this.limits.maxPerUser) return 'full';
    this.q.insert.run(
      m.recipient,
      m.sender,
      m.fromHeader,
      m.callId,
      m.contentType,
      JSON.stringify(m.headers),
      m.body,
      this.now(),
    );
    return 'stored';
  }

  /** The oldest waiting messages of `recipient` (expired ones deleted first). */
  pending(recipient: string, limit = this.limits.maxPerUser): OfflineMessage[] {
    this.expire();
    return (this.q.pending.all(recipient, limit) as Row[]).map(fromRow);
  }

  /** A phone answered 2xx: delivered. */
  delivered(id: number): void {
    this.q.remove.run(id);
  }

  /** Not delivered this time: try again from `retryAt` (or at the next registration). */
  failed(id: number, retryAt: number): void {
    this.q.failed.run(retryAt, id);
  }

  private expire(): void {
    this.q.expire.run(this.now() - this.limits.maxAgeMs);
  }
}
