/**
 * Voicemail messages: a row in SQLite (migration 8) plus the audio file under `DATA_DIR/voicemail/`.
 * Every read and write takes the owner, so one user's id never opens another user's message; ids are
 * 128 random bits, so they cannot be guessed either. Listeners hear of every change of a mailbox
 * (deposit, heard, delete): MWI sends its NOTIFYs from there.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db';
import { EXTENSION, type VoicemailMediaType } from './audio';

export type VoicemailSource = 'embedded' | 'kamailio' | 'ingest';

export interface NewVoicemail {
  owner: string;
  caller: string;
  callerName?: string;
  callId?: string;
  durationMs: number;
  receivedAt?: number;
  mediaType: VoicemailMediaType;
  source: VoicemailSource;
}

export interface Voicemail {
  id: string;
  owner: string;
  caller: string;
  callerName: string;
  callId: string;
  durationMs: number;
  receivedAt: number;
  heardAt: number | null;
  mediaType: VoicemailMediaType;
  sizeBytes: number;
  source: VoicemailSource;
}

export interface MailboxCounts {
  /** Unheard messages. */
  unheard: number;
  heard: number;
}

export interface VoicemailPage {
  messages: Voicemail[];
  /** Cursor for the next (older) page; null on the last page. */
  next: string | null;
}

interface Row {
  id: string;
  owner: string;
  caller: string;
  caller_name: string;
  call_id: string;
  duration_ms: number;
  received_at: number;
  heard_at: number | null;
  media_type: VoicemailMediaType;
  size_bytes: number;
  source: VoicemailSource;
}

const fromRow = (r: Row): Voicemail => ({
  id: r.id,
  owner: r.owner,
  caller: r.caller,
  callerName: r.caller_name,
  callId: r.call_id,
  durationMs: r.duration_ms,
  receivedAt: r.received_at,
  heardAt: r.heard_at,
  mediaType: r.media_type,
  sizeBytes: r.size_bytes,
  source: r.source,
});

/** Ids are base64url of 16 random bytes. Anything else is refused before it reaches SQL or a path. */
export const VOICEMAIL_ID = /^[A-Za-z0-9_-]{22}$/;

const encodeCursor = (m: Voicemail) => `${m.receivedAt}.${m.id}`;
const CURSOR = /^(\d{1,16})\.([A-Za-z0-9_-]{22})$/;

export class VoicemailStore {
  readonly dir: string;
  private readonly listeners = new Set<(owner: string) => void>();
  private readonly q;

  constructor(
    db: Db,
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = join(dataDir, 'voicemail');
    mkdirSync(this.dir, { recursive: true });
    const columns =
      'id, owner, caller, caller_name, call_id, duration_ms, received_at, heard_at, media_type, size_bytes, source';
    this.q = {
      insert: db.prepare(
        `INSERT INTO voicemail_messages (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
      ),
      get: db.prepare(`SELECT ${columns} FROM voicemail_messages WHERE id = ? AND owner = ?`),
      first: db.prepare(
        `SELECT ${columns} FROM voicemail_messages WHERE owner = ? ORDER BY received_at DESC, id DESC LIMIT ?`,
      ),
      after: db.prepare(
        `SELECT ${columns} FROM voicemail_messages WHERE owner = ? AND (received_at, id) < (?, ?)
         ORDER BY received_at DESC, id DESC LIMIT ?`,
      ),
      heard: db.prepare(
        'UPDATE voicemail_messages SET heard_at = ? WHERE id = ? AND owner = ? AND heard_at IS NULL',
      ),
      remove: db.prepare('DELETE FROM voicemail_messages WHERE id = ? AND owner = ?'),
      counts: db.prepare(
        `SELECT SUM(heard_at IS NULL) AS unheard, SUM(heard_at IS NOT NULL) AS heard
         FROM voicemail_messages WHERE owner = ?`,
      ),
    };
  }

  /** Called with the owner after any change of that mailbox. */
  onChange(listener: (owner: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(owner: string): void {
    for (const listener of this.listeners) listener(owner);
  }

  /** Path of a message's audio file (ids are validated, so no path tricks). */
  filePath(m: Pick<Voicemail, 'id' | 'mediaType'>): string {
    if (!VOICEMAIL_ID.test(m.id)) throw new Error(`bad voicemail id ${JSON.stringify(m.id)}`);
    return join(this.dir, `${m.id}.${EXTENSION[m.mediaType]}`);
  }

  /** Stores audio bytes already in memory (ingest). */
  add(meta: NewVoicemail, audio: Buffer): Voicemail {
    const id = randomBytes(16).toString('base64url');
    const path = this.filePath({ id, mediaType: meta.mediaType });
    writeFileSync(`${path}.part`, audio);
    return this.commit(id, meta, `${path}.part`);
  }

  /**
   * Adopts a file written elsewhere (a recording): moved into the mailbox directory, then the row is
   * inserted. The file must be on the same file system as `dir`.
   */
  adopt(meta: NewVoicemail, file: string): Voicemail {
    return this.commit(randomBytes(16).toString('base64url'), meta, file);
  }

  private commit(id: string, meta: NewVoicemail, tempFile: string): Voicemail {
    const path = this.filePath({ id, mediaType: meta.mediaType });
    const size = statSync(tempFile).size;
    renameSync(tempFile, path);
    try {
      this.q.insert.run(
        id,
        meta.owner,
        meta.caller,
        meta.callerName ?? '',
        meta.callId ?? '',
        Math.max(0, Math.round(meta.durationMs)),
        meta.receivedAt ?? this.now(),
        meta.mediaType,
        size,
        meta.source,
      );
    } catch (error) {
      rmSync(path, { force: true });
      throw error;
    }
    this.changed(meta.owner);
    return this.get(meta.owner, id)!;
  }

  get(owner: string, id: string): Voicemail | undefined {
    if (!VOICEMAIL_ID.test(id)) return undefined;
    const row = this.q.get.get(id, owner) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Newest first; `cursor` is the `next` of the previous page. Undefined for a malformed cursor. */
  list(owner: string, limit: number, cursor?: string): VoicemailPage | undefined {
    let rows: Row[];
    if (cursor) {
      const m = CURSOR.exec(cursor);
      if (!m) return undefined;
      rows = this.q.after.all(owner, Number(m[1]), m[2], limit + 1) as Row[];
    } else {
      rows = this.q.first.all(owner, limit + 1) as Row[];
    }
    const messages = rows.slice(0, limit).map(fromRow);
    const last = messages.at(-1);
    return { messages, next: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** Marks a message heard (once); false when the owner has no such message. */
  markHeard(owner: string, id: string): boolean {
    const message = this.get(owner, id);
    if (!message) return false;
    if (this.q.heard.run(this.now(), id, owner).changes > 0) this.changed(owner);
    return true;
  }

  /** Deletes the row and its file; false when the owner has no such message. */
  delete(owner: string, id: string): boolean {
    const message = this.get(owner, id);
    if (!message) return false;
    this.q.remove.run(id, owner);
    rmSync(this.filePath(message), { force: true });
    this.changed(owner);
    return true;
  }

  counts(owner: string): MailboxCounts {
    const row = this.q.counts.get(owner) as { unheard: number | null; heard: number | null };
    return { unheard: row.unheard ?? 0, heard: row.heard ?? 0 };
  }
}
