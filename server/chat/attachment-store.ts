/**
 * Chat attachments on disk (ADR 0024): the bytes in DATA_DIR/attachments/<id> (written to a temporary
 * name, then renamed, so a half-written file is never served), the row in SQLite `chat_attachments`
 * (migration 18; migration 22 adds channel audio and video, ADR 0036) saying who may fetch it. Ids are 24 random bytes: unguessable, and never a path.
 * Bounded per user (quota of stored bytes) and in time (rows and files older than `maxAgeMs` go).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATTACHMENT_ID } from '../../src/lib/attachments';
import type { MediaType } from '../../src/lib/media-types';
import type { Db } from '../db';

export interface Attachment {
  id: string;
  owner: string;
  recipient: string;
  type: MediaType;
  name: string;
  size: number;
  createdAt: number;
}

export interface AttachmentStoreLimits {
  /** Bytes one user may have stored at once. */
  quotaBytes: number;
  maxAgeMs: number;
}

interface Row {
  id: string;
  owner: string;
  recipient: string;
  type: MediaType;
  name: string;
  size: number;
  created_at: number;
}

export class AttachmentStore {
  private readonly dir: string;
  private readonly q;

  constructor(
    private readonly db: Db,
    dataDir: string,
    private readonly limits: AttachmentStoreLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = join(dataDir, 'attachments');
    mkdirSync(this.dir, { recursive: true });
    this.q = {
      used: db.prepare<[string], { n: number | null }>(
        'SELECT sum(size) AS n FROM chat_attachments WHERE owner = ?',
      ),
      insert: db.prepare(
        `INSERT INTO chat_attachments (id, owner, recipient, type, name, size, created_at)
         VALUES (@id, @owner, @recipient, @type, @name, @size, @createdAt)`,
      ),
      get: db.prepare<[string], Row>('SELECT * FROM chat_attachments WHERE id = ?'),
      old: db.prepare<[number], { id: string }>('SELECT id FROM chat_attachments WHERE created_at < ?'),
      remove: db.prepare('DELETE FROM chat_attachments WHERE id = ?'),
    };
  }

  /** Stores the file; 'quota' (nothing stored) when the owner's stored bytes would exceed the quota. */
  save(input: Omit<Attachment, 'id' | 'createdAt' | 'size'> & { bytes: Buffer }): Attachment | 'quota' {
    const used = this.q.used.get(input.owner)?.n ?? 0;
    if (used + input.bytes.length > this.limits.quotaBytes) return 'quota';
    const attachment: Attachment = {
      id: randomBytes(24).toString('base64url'),
      owner: input.owner,
      recipient: input.recipient,
      type: input.type,
      name: input.name,
      size: input.bytes.length,
      createdAt: this.now(),
    };
    const path = this.path(attachment.id);
    writeFileSync(`${path}.part`, input.bytes, { mode: 0o600 });
    renameSync(`${path}.part`, path);
    try {
      this.q.insert.run(attachment);
    } catch (error) {
      rmSync(path, { force: true });
      throw error;
    }
    return attachment;
  }

  /** The attachment if `user` may fetch it (the uploader or the recipient); undefined otherwise. */
  forUser(id: string, user: string): Attachment | undefined {
    if (!ATTACHMENT_ID.test(id)) return undefined;
    const row = this.q.get.get(id);
    if (!row || (row.owner !== user && row.recipient !== user)) return undefined;
    return {
      id: row.id,
      owner: row.owner,
      recipient: row.recipient,
      type: row.type,
      name: row.name,
      size: row.size,
      createdAt: row.created_at,
    };
  }

  read(attachment: Attachment): Buffer {
    return readFileSync(this.path(attachment.id));
  }

  /** Deletes attachments older than the retention; returns how many went. */
  purge(): number {
    const old = this.q.old.all(this.now() - this.limits.maxAgeMs);
    for (const { id } of old) {
      rmSync(this.path(id), { force: true });
      this.q.remove.run(id);
    }
    return old.length;
  }

  private path(id: string): string {
    if (!ATTACHMENT_ID.test(id)) throw new Error('not an attachment id');
    return join(this.dir, id);
  }
}
