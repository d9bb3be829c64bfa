/**
 * localStorage and sessionStorage, or a stand-in kept in memory when the browser denies them. A browser
 * that blocks third-party storage (an incognito window, Safari, "block third-party cookies") throws a
 * SecurityError on the mere read of `window.localStorage` inside a frame on another site: the embedded
 * app (issue 13) must still start, sign in and place calls there, and say that it will forget the
 * sign-in on reload (see `storageDenied`, src/storage/memory-indexeddb.ts, docs/embedding.md).
 */

type Kind = 'local' | 'session';

/** A `Storage` over a Map: the same interface, kept for the page's life only. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(String(key)) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(String(key));
  }
  setItem(key: string, value: string): void {
    this.items.set(String(key), String(value));
  }
}

const chosen = new Map<Kind, Storage>();
let denied = false;
const listeners = new Set<() => void>();

/** Records that the browser refused this page's storage (Web Storage or IndexedDB); tells the notice. */
export function reportStorageDenied(): void {
  if (denied) return;
  denied = true;
  for (const listener of [...listeners]) listener();
}

/** True once any of the page's storage turned out to be denied: nothing survives a reload here. */
export const storageDenied = (): boolean => denied;

export function onStorageDenied(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function open(kind: Kind): Storage | null {
  try {
    // Reading the property is what throws when denied; a write proves it works (quota 0 in some modes).
    const storage = kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
    if (!storage) return null;
    const probe = 'openline.probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    reportStorageDenied();
    return null;
  }
}

/** The page's storage of this kind: the browser's when it lets us use it, else one in memory. */
export function pageStorage(kind: Kind): Storage {
  let storage = chosen.get(kind);
  if (!storage) {
    storage = open(kind) ?? new MemoryStorage();
    chosen.set(kind, storage);
  }
  return storage;
}

/** Tests: forget the choices and the denial. */
export function resetPageStorage(): void {
  chosen.clear();
  denied = false;
}
