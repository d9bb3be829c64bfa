/**
 * Contacts: the signed-in account's own contacts and the company directory, merged (lib/contacts/
 * merge) into one in-memory index that is built once per account and updated on every change.
 * Screens read the store; the index answers search and caller look-ups (stores/caller-names).
 */
import { t } from '@lingui/core/macro';
import type { CountryCode } from 'libphonenumber-js';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { DirectoryEntry } from '../api/directory-schemas';
import { errorMessage } from '../lib/errors';
import { mergePeople } from '../lib/contacts/merge';
import type { Contact, Person } from '../lib/contacts/model';
import { ContactIndex } from '../lib/contacts/search-index';
import type { ContactDraft, VcardVersion } from '../lib/contacts/vcard';
import type { ContactsRepository } from '../storage/contacts-repository';
import { syncDirectory, type DirectorySource } from './directory-sync';

export type SyncStatus = 'idle' | 'syncing' | 'error';

export interface ContactsState {
  /** The account whose contacts are loaded (`user@domain`), or null when signed out. */
  account: string | null;
  local: Contact[];
  directory: DirectoryEntry[];
  /** Changes whenever the index does: subscribe to this to re-render lists and names. */
  version: number;
  region: CountryCode | undefined;
  sync: { status: SyncStatus; error: string | null; syncedAt: number | null };
}

export interface ContactsDeps {
  repository: ContactsRepository;
  phonebook: DirectorySource;
  /** The region for numbers typed without a country code (browser locale unless overridden). */
  region: CountryCode | undefined;
  newId?: () => string;
  now?: () => number;
}

export interface ContactsService {
  useStore: UseBoundStore<StoreApi<ContactsState>>;
  index(): ContactIndex;
  /** Loads the account's contacts and cached directory, then (unless `sync: false`) syncs the directory. */
  open(account: string, options?: { sync?: boolean }): Promise<void>;
  close(): void;
  /** Fetches directory changes (on sign-in, on demand, and whenever asked again). */
  syncDirectory(): Promise<void>;
  /** Creates (id null) or replaces a local contact. */
  save(id: string | null, draft: ContactDraft): Promise<Contact>;
  remove(id: string): Promise<void>;
  /** Adds every card of a .vcf file, or none: the count added, or why not. */
  importVcards(text: string): Promise<{ ok: true; count: number } | { ok: false; error: string }>;
  /** The local contacts as a .vcf (the vCard codec and ical.js load on first use, not with the app). */
  exportVcards(version: VcardVersion): Promise<string>;
  setRegion(region: CountryCode | undefined): void;
}

function samePerson(a: Person, b: Person): boolean {
  return (
    (Object.keys(b) as (keyof Person)[]).every((k) => a[k] === b[k]) &&
    Object.keys(a).length === Object.keys(b).length
  );
}

/** People whose numbers are parsed per background task (~10-50 ms on a slow phone). */
const DIGITS_BATCH = 250;

export function createContactsService(deps: ContactsDeps): ContactsService {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const useStore = create<ContactsState>()(() => ({
    account: null,
    local: [],
    directory: [],
    version: 0,
    region: deps.region,
    sync: { status: 'idle', error: null, syncedAt: null },
  }));
  let index = new ContactIndex();
  let applied = new Map<string, Person>();
  let syncing: Promise<void> | null = null;

  /** The number search keys, a batch per task after the list is shown (search finishes them if needed). */
  function prepareInBackground(target: ContactIndex) {
    const step = () => {
      if (target === index && !target.prepareDigits(DIGITS_BATCH)) setTimeout(step, 0);
    };
    setTimeout(step, 0);
  }

  /** Re-merges and applies only what changed to the index. */
  function reindex(rebuild = false) {
    const { local, directory } = useStore.getState();
    const people = mergePeople(local, directory);
    if (rebuild) {
      index = new ContactIndex(people);
      prepareInBackground(index);
      applied = new Map(people.map((p) => [p.key, p]));
    } else {
      const next = new Map(people.map((p) => [p.key, p]));
      for (const key of applied.keys()) if (!next.has(key)) index.remove(key);
      for (const [key, person] of next) {
        const before = applied.get(key);
        if (!before || !samePerson(before, person)) index.upsert(person);
      }
      applied = next;
    }
    useStore.setState((s) => ({ version: s.version + 1 }));
  }

  const requireAccount = () => {
    const account = useStore.getState().account;
    if (!account) throw new Error('Sign in to keep contacts.');
    return account;
  };

  const service: ContactsService = {
    useStore,
    index: () => index,

    async open(account, options = {}) {
      const sync = options.sync ?? true;
      if (useStore.getState().account === account) return sync ? service.syncDirectory() : undefined;
      useStore.setState({
        account,
        local: [],
        directory: [],
        sync: { status: 'idle', error: null, syncedAt: null },
      });
      const [local, cached] = await Promise.all([
        deps.repository.list(account).catch(() => []),
        deps.repository.loadDirectory(account).catch(() => null),
      ]);
      if (useStore.getState().account !== account) return;
      useStore.setState({
        local,
        directory: cached?.entries ?? [],
        sync: { status: 'idle', error: null, syncedAt: cached?.syncedAt ?? null },
      });
      reindex(true);
      if (sync) await service.syncDirectory();
    },

    close() {
      useStore.setState({
        account: null,
        local: [],
        directory: [],
        sync: { status: 'idle', error: null, syncedAt: null },
      });
      reindex(true);
    },

    syncDirectory() {
      syncing ??= (async () => {
        const account = useStore.getState().account;
        if (!account) return;
        useStore.setState((s) => ({ sync: { ...s.sync, status: 'syncing', error: null } }));
        try {
          const cached = await deps.repository.loadDirectory(account).catch(() => null);
          const { directory, changed } = await syncDirectory(account, cached, deps.phonebook, now);
          await deps.repository.saveDirectory(directory).catch(() => undefined);
          if (useStore.getState().account !== account) return;
          useStore.setState({ sync: { status: 'idle', error: null, syncedAt: directory.syncedAt } });
          if (changed || !cached) {
            useStore.setState({ directory: directory.entries });
            reindex();
          }
        } catch (e) {
          if (useStore.getState().account !== account) return;
          useStore.setState((s) => ({
            sync: {
              ...s.sync,
              status: 'error',
              error: t`Could not update the directory: ${errorMessage(e)}`,
            },
          }));
        }
      })().finally(() => {
        syncing = null;
      });
      return syncing;
    },

    async save(id, draft) {
      const account = requireAccount();
      const contact: Contact = { ...draft, id: id ?? newId(), updatedAt: now() };
      await deps.repository.put(account, contact);
      useStore.setState((s) => ({ local: [...s.local.filter((c) => c.id !== contact.id), contact] }));
      reindex();
      return contact;
    },

    async remove(id) {
      const account = requireAccount();
      await deps.repository.remove(account, id);
      useStore.setState((s) => ({ local: s.local.filter((c) => c.id !== id) }));
      reindex();
    },

    async importVcards(text) {
      const account = requireAccount();
      const { parseVcards } = await import('../lib/contacts/vcard');
      const read = parseVcards(text, useStore.getState().region);
      if (!read.ok) return read;
      const contacts = read.contacts.map((draft) => ({ ...draft, id: newId(), updatedAt: now() }));
      try {
        await deps.repository.putMany(account, contacts);
      } catch (e) {
        return { ok: false, error: t`Nothing was imported: ${errorMessage(e)}` };
      }
      useStore.setState((s) => ({ local: [...s.local, ...contacts] }));
      reindex();
      return { ok: true, count: contacts.length };
    },

    async exportVcards(version) {
      const { serializeVcards } = await import('../lib/contacts/vcard');
      return serializeVcards(useStore.getState().local, version);
    },

    setRegion(region) {
      useStore.setState({ region });
    },
  };
  return service;
}
