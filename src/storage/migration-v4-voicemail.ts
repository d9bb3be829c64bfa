import type { IDBPDatabase } from 'idb';
import type { OpenlineDB } from './db';

/**
 * v3 → v4: `voicemailCache`, the newest page of each account's mailbox as last seen online, keyed
 * by account, so the Voicemail tab shows what it knew when the app opens offline. Nothing earlier
 * is touched.
 */
export function migrateV4Voicemail(db: IDBPDatabase<OpenlineDB>): void {
  db.createObjectStore('voicemailCache', { keyPath: 'account' });
}
