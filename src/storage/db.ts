import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { z } from 'zod';
import { migrateToV3, type ContactsSchema } from './contacts-schema';

/**
 * The app's IndexedDB database. Bump {@link DB_VERSION} and add a step to
 * {@link MIGRATIONS} for every schema change; never edit a shipped step.
 *
 * - v1: `settings` key/value store (the SIP account lives under key "account").
 * - v2: history (merged from the history branch).
 * - v3: `contacts` (per account) and `directory` (the synced company directory, per account).
 */
export const DB_NAME = 'openline';
export const DB_VERSION = 3;

/** The Settings form: the SIP account and phone preferences, as the user typed them. */
export const SettingsValues = z.object({
  displayName: z.string(),
  username: z.string(),
  password: z.string(),
  domain: z.string(),
  wsUrl: z.string(),
  /** One ICE server URL per line (optionally `turn:user:pass@host`) or JSON; see lib/ice-servers. */
  iceServersText: z.string(),
  autoAnswer: z.boolean(),
  dtmfMethod: z.enum(['auto', 'rfc4733', 'info']),
});
export type SettingsValues = z.infer<typeof SettingsValues>;

/** The saved record (version 1): the Settings values plus whether to sign in on the next start. */
export const StoredSettingsV1 = SettingsValues.extend({
  version: z.literal(1),
  /** Sign in automatically on the next start (true after Sign in, false after Sign out). */
  signedIn: z.boolean(),
});
export type StoredSettingsV1 = z.infer<typeof StoredSettingsV1>;

export interface OpenlineDB extends DBSchema {
  settings: { key: string; value: StoredSettingsV1 };
  contacts: ContactsSchema['contacts'];
  directory: ContactsSchema['directory'];
}

type Migration = (db: IDBPDatabase<OpenlineDB>) => void;

/** MIGRATIONS[n] upgrades a database from version n to n + 1. */
const MIGRATIONS: Migration[] = [
  (db) => {
    db.createObjectStore('settings');
  },
  // v2: history, merged from the history branch (the History helper owns this step).
  () => undefined,
  (db) => migrateToV3(db as unknown as IDBPDatabase<ContactsSchema>),
];

let dbPromise: Promise<IDBPDatabase<OpenlineDB>> | null = null;

/** Open (and upgrade) the database once per page. */
export function openAppDb(): Promise<IDBPDatabase<OpenlineDB>> {
  dbPromise ??= openDB<OpenlineDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      for (let v = oldVersion; v < DB_VERSION; v++) MIGRATIONS[v]?.(db);
    },
    // Another tab opened a newer version: let it upgrade, and reopen on next use.
    blocking() {
      void dbPromise?.then((db) => db.close());
      dbPromise = null;
    },
  });
  return dbPromise;
}

/** Forget the open connection (tests that delete the database between cases). */
export function closeAppDb(): void {
  void dbPromise?.then((db) => db.close());
  dbPromise = null;
}
