/**
 * Contacts and the cached company directory in IndexedDB, per account (see contacts-schema.ts).
 * Records that no longer match the schema are skipped on read rather than breaking the list.
 */
import { z } from 'zod/mini';
import { DirectoryEntry } from '../api/directory-schemas';
import { Contact } from '../lib/contacts/model';
import type { StoredDirectory } from './contacts-schema';
import { openAppDb } from './db';

export type { StoredDirectory };

export interface ContactsRepository {
  list(account: string): Promise<Contact[]>;
  put(account: string, contact: Contact): Promise<void>;
  /** Adds many in one transaction (vCard import): all or none. */
  putMany(account: string, contacts: readonly Contact[]): Promise<void>;
  remove(account: string, id: string): Promise<void>;
  loadDirectory(account: string): Promise<StoredDirectory | null>;
  saveDirectory(directory: StoredDirectory): Promise<void>;
}

const StoredDirectorySchema = z.array(DirectoryEntry);

export const idbContactsRepository: ContactsRepository = {
  async list(account) {
    const db = await openAppDb();
    const rows = await db.getAllFromIndex('contacts', 'by-account', account);
    return rows.flatMap((row) => {
      const parsed = Contact.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    });
  },
  async put(account, contact) {
    const db = await openAppDb();
    await db.put('contacts', { ...Contact.parse(contact), account });
  },
  async putMany(account, contacts) {
    // Validate everything before the transaction starts: a bad contact must not leave half a batch.
    const rows = contacts.map((c) => ({ ...Contact.parse(c), account }));
    const db = await openAppDb();
    const tx = db.transaction('contacts', 'readwrite');
    await Promise.all([...rows.map((row) => tx.store.put(row)), tx.done]);
  },
  async remove(account, id) {
    const db = await openAppDb();
    await db.delete('contacts', [account, id]);
  },
  async loadDirectory(account) {
    const db = await openAppDb();
    const row = await db.get('directory', account);
    if (!row) return null;
    const entries = StoredDirectorySchema.safeParse(row.entries);
    // A cache that no longer parses is dropped: the next sync starts from revision 0.
    return entries.success ? { ...row, entries: entries.data } : null;
  },
  async saveDirectory(directory) {
    const db = await openAppDb();
    await db.put('directory', directory);
  },
};

/** In memory, for tests and browsers without IndexedDB. */
export function memoryContactsRepository(): ContactsRepository {
  const contacts = new Map<string, Map<string, Contact>>();
  const directories = new Map<string, StoredDirectory>();
  const of = (account: string) => {
    let map = contacts.get(account);
    if (!map) contacts.set(account, (map = new Map()));
    return map;
  };
  return {
    list: async (account) => [...of(account).values()],
    put: async (account, contact) => void of(account).set(contact.id, Contact.parse(contact)),
    putMany: async (account, list) => {
      const parsed = list.map((c) => Contact.parse(c));
      for (const c of parsed) of(account).set(c.id, c);
    },
    remove: async (account, id) => void of(account).delete(id),
    loadDirectory: async (account) => directories.get(account) ?? null,
    saveDirectory: async (directory) => void directories.set(directory.account, directory),
  };
}
