import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { isStorageDenial, useMemoryIndexedDb } from './memory-indexeddb';
import { z } from 'zod/mini';
import { migrateToV3, type ContactsSchema } from './contacts-schema';
import type { CallLogEntry, CallLogMark } from './call-log-schema';
import { migrateV2CallLog } from './migration-v2-call-log';
import { migrateV4Voicemail } from './migration-v4-voicemail';
import { migrateV5Chat, type ChatSchema } from './chat-schema';

/**
 * The app's IndexedDB database. Bump {@link DB_VERSION} and add a step to
 * {@link MIGRATIONS} for every schema change; never edit a shipped step.
 *
 * - v1: `settings` key/value store (the SIP account lives under key "account").
 * - v2: `callLog` + `callLogMarks`, per account (migration-v2-call-log.ts).
 * - v3: `contacts` (per account) and `directory` (the synced company directory, per account).
 * - v4: `voicemailCache`, the newest mailbox page per account for offline (migration-v4-voicemail.ts).
 * - v5: `chatMessages` + `chatConversations`, text messages per account and peer (chat-schema.ts).
 */
export const DB_NAME = 'openline';
export const DB_VERSION = 5;

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
export const StoredSettingsV1 = z.extend(SettingsValues, {
  version: z.literal(1),
  /** Sign in automatically on the next start (true after Sign in, false after Sign out). */
  signedIn: z.boolean(),
});
export type StoredSettingsV1 = z.infer<typeof StoredSettingsV1>;

export interface OpenlineDB extends DBSchema {
  settings: { key: string; value: StoredSettingsV1 };
  contacts: ContactsSchema['contacts'];
  directory: ContactsSchema['directory'];
  callLog: {
    key: [string, string];
    value: CallLogEntry;
    indexes: { 'by-account-time': [string, number] };
  };
  callLogMarks: { key: string; value: CallLogMark };
  /** Validated on read by voicemail-cache-repository.ts (VoicemailSnapshot). */
  voicemailCache: { key: string; value: { account: string } & Record<string, unknown> };
  chatMessages: ChatSchema['chatMessages'];
  chatConversations: ChatSchema['chatConversations'];
}

type Migration = (db: IDBPDatabase<OpenlineDB>) => void;

/** MIGRATIONS[n] upgrades a database from version n to n + 1. */
const MIGRATIONS: Migration[] = [
  (db) => {
    db.createObjectStore('settings');
  },
  migrateV2CallLog,
  (db) => migrateToV3(db as unknown as IDBPDatabase<ContactsSchema>),
  migrateV4Voicemail,
  (db) => migrateV5Chat(db as unknown as IDBPDatabase<ChatSchema>),
];

let dbPromise: Promise<IDBPDatabase<OpenlineDB>> | null = null;

/** Open the named database at `version`, running the migration steps it still needs (tests open old versions). */
export function openAppDbAt(
  name: string,
  version = DB_VERSION,
  onBlocking: () => void = () => undefined,
): Promise<IDBPDatabase<OpenlineDB>> {
  // Denied by the browser (a third-party frame with blocked storage): the same database, in memory.
  return openOnce(name, version, onBlocking).catch(async (error: unknown) => {
    if (!isStorageDenial(error)) throw error;
    await useMemoryIndexedDb();
    return openOnce(name, version, onBlocking);
  });
}

function openOnce(name: string, version: number, onBlocking: () => void): Promise<IDBPDatabase<OpenlineDB>> {
  const opened: Promise<IDBPDatabase<OpenlineDB>> = openDB<OpenlineDB>(name, version, {
    upgrade(db, oldVersion, newVersion) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) MIGRATIONS[v]?.(db);
    },
    // A newer version of the app (another tab, after an update) wants to migrate: let it.
    blocking() {
      void opened.then((db) => db.close());
      onBlocking();
    },
  });
  return opened;
}

/** Open (and upgrade) the database once per page; reopened after a newer tab took it over. */
export function openAppDb(): Promise<IDBPDatabase<OpenlineDB>> {
  dbPromise ??= openAppDbAt(DB_NAME, DB_VERSION, () => {
    dbPromise = null;
  });
  return dbPromise;
}

/** Forget the open connection (tests that delete the database between cases). */
export function closeAppDb(): void {
  void dbPromise?.then((db) => db.close());
  dbPromise = null;
}
