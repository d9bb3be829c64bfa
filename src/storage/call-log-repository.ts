import type { IDBPDatabase } from 'idb';
import { CallLogEntry, CallLogMark } from './call-log-schema';
import { openAppDb, type OpenlineDB } from './db';

export { CallLogEntry, CallLogMark };

/** What was read back: valid entries newest first, and how many stored rows failed validation. */
export interface CallLogPage {
  entries: CallLogEntry[];
  /** Rows that did not match the schema (skipped, not fatal); the caller reports them. */
  skipped: number;
}

export interface CallLogRepository {
  /** Insert or replace (same account + id). */
  put(entry: CallLogEntry): Promise<void>;
  /** One account's entries, newest first. */
  list(account: string): Promise<CallLogPage>;
  remove(account: string, id: string): Promise<void>;
  /** Deletes every entry of one account (never another account's). */
  clear(account: string): Promise<void>;
  /** When History was last opened for this account (0: never). */
  openedAt(account: string): Promise<number>;
  markOpened(account: string, at: number): Promise<void>;
}

/** Every key of one account in the `by-account-time` index, oldest to newest. */
const accountRange = (account: string) => IDBKeyRange.bound([account, -Infinity], [account, Infinity]);

/** The IndexedDB repository (schema v2, see migration-v2-call-log.ts). */
export function createIdbCallLogRepository(
  open: () => Promise<IDBPDatabase<OpenlineDB>> = openAppDb,
): CallLogRepository {
  return {
    async put(entry) {
      const db = await open();
      await db.put('callLog', CallLogEntry.parse(entry));
    },
    async list(account) {
      const db = await open();
      const rows: unknown[] = await db.getAllFromIndex('callLog', 'by-account-time', accountRange(account));
      const entries: CallLogEntry[] = [];
      let skipped = 0;
      for (let i = rows.length - 1; i >= 0; i--) {
        const parsed = CallLogEntry.safeParse(rows[i]);
        if (parsed.success) entries.push(parsed.data);
        else skipped++;
      }
      return { entries, skipped };
    },
    async remove(account, id) {
      const db = await open();
      await db.delete('callLog', [account, id]);
    },
    async clear(account) {
      const db = await open();
      const tx = db.transaction('callLog', 'readwrite');
      const keys = await tx.store.index('by-account-time').getAllKeys(accountRange(account));
      await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
    },
    async openedAt(account) {
      const db = await open();
      const parsed = CallLogMark.safeParse(await db.get('callLogMarks', account));
      return parsed.success ? parsed.data.historyOpenedAt : 0;
    },
    async markOpened(account, at) {
      const db = await open();
      await db.put('callLogMarks', { account, historyOpenedAt: at });
    },
  };
}

/** In-memory repository for tests and browsers without IndexedDB (nothing survives a reload). */
export function memoryCallLogRepository(): CallLogRepository {
  const rows = new Map<string, CallLogEntry>();
  const marks = new Map<string, number>();
  const keyOf = (account: string, id: string) => JSON.stringify([account, id]);
  return {
    async put(entry) {
      rows.set(keyOf(entry.account, entry.id), CallLogEntry.parse(entry));
    },
    async list(account) {
      const entries = [...rows.values()]
        .filter((e) => e.account === account)
        .sort((a, b) => b.startedAt - a.startedAt);
      return { entries, skipped: 0 };
    },
    async remove(account, id) {
      rows.delete(keyOf(account, id));
    },
    async clear(account) {
      for (const [key, entry] of rows) if (entry.account === account) rows.delete(key);
    },
    async openedAt(account) {
      return marks.get(account) ?? 0;
    },
    async markOpened(account, at) {
      marks.set(account, at);
    },
  };
}
