/**
 * IndexedDB v3 (contacts): the user's own contacts and the cached company directory, both kept
 * per account so two accounts on one device never see each other's.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { DirectoryEntry } from '../api/directory-schemas';
import type { Contact } from '../lib/contacts/model';

/** A local contact as stored: the contact plus the account it belongs to. */
export type StoredContact = Contact & { account: string };

/** The directory as last synced for one account. */
export interface StoredDirectory {
  account: string;
  /** The revision to sync from next time. */
  rev: number;
  /** ETag of the last complete sync (for If-None-Match), or null. */
  etag: string | null;
  entries: DirectoryEntry[];
  /** Epoch ms of the last successful sync. */
  syncedAt: number;
}

export interface ContactsSchema extends DBSchema {
  contacts: { key: [string, string]; value: StoredContact; indexes: { 'by-account': string } };
  directory: { key: string; value: StoredDirectory };
}

/** v2 → v3: the contacts and directory stores. */
export function migrateToV3(db: IDBPDatabase<ContactsSchema>): void {
  const contacts = db.createObjectStore('contacts', { keyPath: ['account', 'id'] });
  contacts.createIndex('by-account', 'account');
  db.createObjectStore('directory', { keyPath: 'account' });
}
