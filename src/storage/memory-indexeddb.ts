/**
 * IndexedDB in memory, for a page whose browser denies the real one (a third-party frame with blocked
 * storage: issue 13's embedding in an incognito window, Safari, strict settings). fake-indexeddb is a
 * complete IndexedDB in JavaScript: installed over the page's globals, every repository (settings,
 * call log, contacts, chat) works unchanged, and the app says that nothing is kept after a reload
 * (src/lib/page-storage.ts `storageDenied`). Its chunk loads only in that case.
 */
import { reportStorageDenied } from '../lib/page-storage';

let installed: Promise<void> | null = null;

/** How a browser says "no" to IndexedDB for this document (Chromium: UnknownError, others SecurityError). */
export function isStorageDenial(error: unknown): boolean {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  return name === 'UnknownError' || name === 'SecurityError' || name === 'InvalidStateError';
}

/** Replaces the page's IndexedDB globals with the in-memory implementation (once). */
export function useMemoryIndexedDb(): Promise<void> {
  installed ??= import('fake-indexeddb').then((fake) => {
    reportStorageDenied();
    const globals: Record<string, unknown> = {
      indexedDB: fake.indexedDB,
      IDBCursor: fake.IDBCursor,
      IDBCursorWithValue: fake.IDBCursorWithValue,
      IDBDatabase: fake.IDBDatabase,
      IDBFactory: fake.IDBFactory,
      IDBIndex: fake.IDBIndex,
      IDBKeyRange: fake.IDBKeyRange,
      IDBObjectStore: fake.IDBObjectStore,
      IDBOpenDBRequest: fake.IDBOpenDBRequest,
      IDBRequest: fake.IDBRequest,
      IDBTransaction: fake.IDBTransaction,
      IDBVersionChangeEvent: fake.IDBVersionChangeEvent,
    };
    for (const [name, value] of Object.entries(globals)) {
      Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
    }
  });
  return installed;
}
