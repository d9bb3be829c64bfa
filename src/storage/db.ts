import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * The app's IndexedDB database. Bump {@link DB_VERSION} and add a step to
 * {@link MIGRATIONS} for every schema change; never edit a shipped step.
 *
 * - v1: `settings` key/value store (the SIP account lives under key "account").
 */
export const DB_NAME = 'openline';
export const DB_VERSION = 1;

export type DtmfMethodSetting = 'auto' | 'rfc4733' | 'info';

/** The saved SIP account and phone preferences (record version 1). */
export interface StoredSettingsV1 {
  version: 1;
  displayName: string;
  username: string;
  password: string;
  domain: string;
  wsUrl: string;
  iceServersText: string;
  autoAnswer: boolean;
  dtmfMethod: DtmfMethodSetting;
  /** Sign in automatically on the next start (true after Sign in, false after Sign out). */
  signedIn: boolean;
}

export interface OpenlineDB extends DBSchema {
  settings: { key: string; value: StoredSettingsV1 };
}

type Migration = (db: IDBPDatabase<OpenlineDB>) => void;

/** MIGRATIONS[n] upgrades a database from version n to n + 1. */
const MIGRATIONS: Migration[] = [
  (db) => {
    db.createObjectStore('settings');
  },
];

let dbPromise: Promise<IDBPDatabase<OpenlineDB>> | null = null;

/** Open (and upgrade) the database once per page. */
export function openAppDb(): Promise<IDBPDatabase<OpenlineDB>> {
  dbPromise ??= openDB<OpenlineDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      for (let v = oldVersion; v < DB_VERSION; v++) MIGRATIONS[v]?.(db);
    },
  });
  return dbPromise;
}
