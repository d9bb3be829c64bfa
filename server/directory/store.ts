/**
 * The company directory (phonebook) in SQLite: SIP accounts and outside contacts, each change under
 * the next revision number so clients sync incrementally, deletions kept as tombstones. The agent
 * CRM lookup reads and writes the same rows (server/agent/scripts/crm.ts).
 */
import { z } from 'zod/mini';
import {
  DirectoryEntry,
  PHONEBOOK_DEFAULT_LIMIT,
  type DirectoryPhone,
  type PhonebookPage,
} from '../../src/api/directory-schemas';
import type { Db } from '../db';

export type DirectoryInput = Omit<DirectoryEntry, 'updatedAt'>;

interface Row {
  id: string;
  name: string;
  organization: string;
  email: string;
  notes: string;
  sip_user: string | null;
  phones_json: string;
  rev: number;
  deleted: number;
  updated_at: number;
}

/** The compact form numbers are looked up by: `sip:+44 20@host` → `+4420`. */
export function compactNumber(text: string): string {
  return text
    .trim()
    .replace(/^(sips?|tel):/i, '')
    .replace(/[@;].*$/, '')
    .replace(/[^\d+*#]/g, '');
}

function phonesOf(row: Row): DirectoryPhone[] {
  try {
    const parsed = DirectoryEntry.shape.phones.safeParse(JSON.parse(row.phones_json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function toEntry(row: Row): DirectoryEntry {
  return {
    id: row.id,
    name: row.name,
    organization: row.organization,
    phones: phonesOf(row),
    sipUser: row.sip_user,
    email: row.email,
    notes: row.notes,
    updatedAt: row.updated_at,
  };
}

const sameContent = (row: Row, e: DirectoryInput): boolean =>
  row.deleted === 0 &&
  row.name === e.name &&
  row.organization === e.organization &&
  row.email === e.email &&
  row.notes === e.notes &&
  row.sip_user === e.sipUser &&
  row.phones_json === JSON.stringify(e.phones);

export class DirectoryStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** The latest revision (0 for an empty directory). */
  revision(): number {
    return (this.db.prepare('SELECT coalesce(max(rev), 0) AS rev FROM phonebook').get() as { rev: number })
      .rev;
  }

  get(id: string): DirectoryEntry | undefined {
    const row = this.db.prepare('SELECT * FROM phonebook WHERE id = ? AND deleted = 0').get(id) as
      Row | undefined;
    return row ? toEntry(row) : undefined;
  }

  /** Changes after revision `since`, oldest first, at most `limit` rows (entries and tombstones). */
  changes(since: number, limit = PHONEBOOK_DEFAULT_LIMIT): PhonebookPage {
    const rows = this.db
      .prepare('SELECT * FROM phonebook WHERE rev > ? ORDER BY rev LIMIT ?')
      .all(since, limit + 1) as Row[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return {
      rev: more && last ? last.rev : Math.max(since, this.revision()),
      entries: page.filter((r) => r.deleted === 0).map(toEntry),
      deleted: page.filter((r) => r.deleted === 1).map((r) => r.id),
      more,
    };
  }

  /** The entry a caller's number or SIP user belongs to (accounts first). */
  lookup(remote: string): DirectoryEntry | undefined {
    const number = compactNumber(remote);
    if (!number) return undefined;
    const row = this.db
      .prepare(
        `SELECT p.* FROM phonebook p WHERE p.deleted = 0 AND (p.sip_user = @number OR p.id IN
           (SELECT entry_id FROM phonebook_numbers WHERE number = @number))
         ORDER BY p.sip_user IS NULL, p.rev LIMIT 1`,
      )
      .get({ number }) as Row | undefined;
    return row ? toEntry(row) : undefined;
  }

  /** Creates or replaces an entry; a change takes the next revision, an identical write does nothing. */
  upsert(entry: DirectoryInput): DirectoryEntry {
    const valid = z.omit(DirectoryEntry, { updatedAt: true }).parse(entry);
    return this.db.transaction(() => {
      const existing = this.db.prepare('SELECT * FROM phonebook WHERE id = ?').get(valid.id) as
        Row | undefined;
      if (existing && sameContent(existing, valid)) return toEntry(existing);
      const row = {
        id: valid.id,
        name: valid.name,
        organization: valid.organization,
        email: valid.email,
        notes: valid.notes,
        sip_user: valid.sipUser,
        phones_json: JSON.stringify(valid.phones),
        rev: this.revision() + 1,
        updated_at: this.now(),
      };
      this.db
        .prepare(
          `INSERT INTO phonebook (id, name, organization, email, notes, sip_user, phones_json, rev, deleted, updated_at)
           VALUES (@id, @name, @organization, @email, @notes, @sip_user, @phones_json, @rev, 0, @updated_at)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, organization = excluded.organization,
             email = excluded.email, notes = excluded.notes, sip_user = excluded.sip_user,
             phones_json = excluded.phones_json, rev = excluded.rev, deleted = 0,
             updated_at = excluded.updated_at`,
        )
        .run(row);
      this.db.prepare('DELETE FROM phonebook_numbers WHERE entry_id = ?').run(valid.id);
      const addNumber = this.db.prepare(
        'INSERT OR IGNORE INTO phonebook_numbers (number, entry_id) VALUES (?, ?)',
      );
      for (const phone of valid.phones) addNumber.run(compactNumber(phone.number), valid.id);
      return toEntry({ ...row, deleted: 0 });
    })();
  }

  /** Deletes an entry, leaving a tombstone so syncing clients drop it too. False when there was none. */
  remove(id: string): boolean {
    return this.db.transaction(() => {
      const existing = this.db.prepare('SELECT deleted FROM phonebook WHERE id = ?').get(id) as
        { deleted: number } | undefined;
      if (!existing || existing.deleted === 1) return false;
      this.db
        .prepare(
          `UPDATE phonebook SET deleted = 1, name = '', organization = '', email = '', notes = '',
             sip_user = NULL, phones_json = '[]', rev = ?, updated_at = ? WHERE id = ?`,
        )
        .run(this.revision() + 1, this.now(), id);
      this.db.prepare('DELETE FROM phonebook_numbers WHERE entry_id = ?').run(id);
      return true;
    })();
  }

  /**
   * Makes a SIP account a directory entry under its display name. An existing entry with the
   * account's number (e.g. from the CRM) becomes the account's entry, keeping its details.
   */
  upsertAccount(username: string, displayName: string): DirectoryEntry {
    const current =
      (this.db.prepare('SELECT * FROM phonebook WHERE sip_user = ? AND deleted = 0').get(username) as
        Row | undefined) ?? this.numberRow(username);
    const base = current ? toEntry(current) : undefined;
    const phones = base?.phones.some((p) => compactNumber(p.number) === username)
      ? base.phones
      : [{ label: 'extension', number: username }, ...(base?.phones ?? [])];
    return this.upsert({
      id: base?.id ?? `sip:${username}`,
      name: displayName || username,
      organization: base?.organization ?? '',
      email: base?.email ?? '',
      notes: base?.notes ?? '',
      sipUser: username,
      phones,
    });
  }

  private numberRow(number: string): Row | undefined {
    return this.db
      .prepare(
        `SELECT p.* FROM phonebook p JOIN phonebook_numbers n ON n.entry_id = p.id
         WHERE n.number = ? AND p.deleted = 0 AND p.sip_user IS NULL ORDER BY p.rev LIMIT 1`,
      )
      .get(number) as Row | undefined;
  }
}
