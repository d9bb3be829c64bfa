/**
 * The bytes of files sent in room conversations (ADR 0030): DATA_DIR/webcall-files/<id>, written under
 * a temporary name and renamed, so a half-written file is never served. Ids are 24 random bytes
 * (base64url): unguessable, and never a path. Which room may read a file is in SQLite
 * (`webcall_chat_files`, server/webcall/chat-store.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATTACHMENT_ID } from '../../src/lib/attachments';

export class ChatFileDir {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  static newId(): string {
    return randomBytes(24).toString('base64url');
  }

  write(id: string, bytes: Buffer): void {
    const path = this.path(id);
    writeFileSync(`${path}.part`, bytes, { mode: 0o600 });
    renameSync(`${path}.part`, path);
  }

  read(id: string): Buffer {
    return readFileSync(this.path(id));
  }

  remove(id: string): void {
    rmSync(this.path(id), { force: true });
  }

  private path(id: string): string {
    if (!ATTACHMENT_ID.test(id)) throw new Error('not a file id');
    return join(this.dir, id);
  }
}
