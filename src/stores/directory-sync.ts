/**
 * Brings a cached copy of the company directory up to date: ask for the changes since the cached
 * revision (conditional on the ETag of the last complete sync), apply entries and tombstones page
 * by page, and say whether anything changed.
 */
import { phonebookEtag, type DirectoryEntry, type PhonebookPage } from '../api/directory-schemas';
import type { StoredDirectory } from '../storage/contacts-repository';

export interface DirectorySource {
  changes(since: number, etag: string | null, signal?: AbortSignal): Promise<PhonebookPage | null>;
}

/** A runaway server cannot keep the client paging forever. */
export const MAX_SYNC_PAGES = 50;

export interface SyncResult {
  directory: StoredDirectory;
  changed: boolean;
}

/** Applies one page: entries replace by id, tombstones remove. */
export function applyPage(entries: Map<string, DirectoryEntry>, page: PhonebookPage): void {
  for (const entry of page.entries) entries.set(entry.id, entry);
  for (const id of page.deleted) entries.delete(id);
}

export async function syncDirectory(
  account: string,
  cached: StoredDirectory | null,
  source: DirectorySource,
  now: () => number = Date.now,
  signal?: AbortSignal,
): Promise<SyncResult> {
  const base: StoredDirectory = cached ?? { account, rev: 0, etag: null, entries: [], syncedAt: 0 };
  const entries = new Map(base.entries.map((e) => [e.id, e]));
  let rev = base.rev;
  let etag = base.etag;
  let changed = false;
  for (let pages = 0; pages < MAX_SYNC_PAGES; pages++) {
    const page = await source.changes(rev, pages === 0 ? etag : null, signal);
    if (page === null) return { directory: { ...base, syncedAt: now() }, changed: false };
    if (page.rev < rev) throw new Error('The directory went back in time; syncing it again from the start.');
    changed ||= page.entries.length > 0 || page.deleted.length > 0;
    applyPage(entries, page);
    rev = page.rev;
    if (!page.more) {
      etag = phonebookEtag(rev);
      return { directory: { account, rev, etag, entries: [...entries.values()], syncedAt: now() }, changed };
    }
  }
  throw new Error(`The directory did not finish in ${MAX_SYNC_PAGES} pages.`);
}
