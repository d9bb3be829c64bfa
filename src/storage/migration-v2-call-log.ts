import type { IDBPDatabase } from 'idb';
import type { OpenlineDB } from './db';

/**
 * v1 → v2: the call log. `callLog` is keyed by [account, id] so every query is scoped to one
 * account; `by-account-time` ([account, startedAt]) gives one account's calls in time order
 * without reading anyone else's. `callLogMarks` holds the "History last opened" mark per account.
 * Settings (v1) are untouched.
 */
export function migrateV2CallLog(db: IDBPDatabase<OpenlineDB>): void {
  const log = db.createObjectStore('callLog', { keyPath: ['account', 'id'] });
  log.createIndex('by-account-time', ['account', 'startedAt']);
  db.createObjectStore('callLogMarks', { keyPath: 'account' });
}
