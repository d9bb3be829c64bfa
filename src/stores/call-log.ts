/**
 * The signed-in account's call log as the UI sees it, and the only way to change it: record an
 * ended call, delete, clear, mark History opened (which clears the missed-calls badge). Everything
 * is written to the repository first; the store follows.
 */
import { create } from 'zustand';
import type { CallLogEntry, CallLogRepository } from '../storage/call-log-repository';
import { countMissedSince } from './call-outcome';
import { useTabBadges } from './tab-badges';

export interface CallLogState {
  /** Whose log this is (`user@domain`); null when signed out (then `entries` is empty). */
  account: string | null;
  /** Newest first. */
  entries: CallLogEntry[];
  loaded: boolean;
  /** Stored rows that failed validation and were left out (reported, not fatal). */
  skipped: number;
  /** When History was last opened for this account (epoch ms; 0 = never). */
  openedAt: number;
  /** The latest failed operation, as a sentence. */
  error: string | null;
}

export const INITIAL_CALL_LOG_STATE: CallLogState = {
  account: null,
  entries: [],
  loaded: false,
  skipped: 0,
  openedAt: 0,
  error: null,
};

export const useCallLogStore = create<CallLogState>()(() => INITIAL_CALL_LOG_STATE);

export interface CallLog {
  /** Show `account`'s log (null: signed out, show nothing). */
  load(account: string | null): Promise<void>;
  /** Store an entry (before the UI shows its call as ended) and show it if it is this account's. */
  record(entry: CallLogEntry): Promise<void>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
  /** History is on screen: everything up to now counts as seen. */
  markOpened(): Promise<void>;
}

export interface CallLogDeps {
  repository: CallLogRepository;
  now?: () => number;
}

const describe = (action: string, error: unknown) =>
  `Could not ${action}: ${error instanceof Error ? error.message : String(error)}`;

export function createCallLog({ repository, now = Date.now }: CallLogDeps): CallLog {
  const store = useCallLogStore;
  let loading = 0;

  function publishBadge() {
    const { entries, openedAt } = store.getState();
    useTabBadges.getState().setCount('history', countMissedSince(entries, openedAt));
  }

  async function guarded(action: string, work: () => Promise<void>) {
    try {
      await work();
    } catch (error) {
      store.setState({ error: describe(action, error) });
    }
  }

  return {
    async load(account) {
      const ticket = ++loading;
      store.setState({ ...INITIAL_CALL_LOG_STATE, account });
      publishBadge();
      if (account === null) return;
      await guarded('read the call history', async () => {
        const [page, openedAt] = await Promise.all([repository.list(account), repository.openedAt(account)]);
        if (ticket !== loading) return; // signed in as someone else meanwhile
        if (page.skipped > 0)
          console.warn(`Openline: ${page.skipped} call-history entries were unreadable and are not shown`);
        store.setState({ entries: page.entries, skipped: page.skipped, openedAt, loaded: true });
        publishBadge();
      });
    },
    async record(entry) {
      await repository.put(entry);
      store.setState((state) => {
        if (state.account !== entry.account) return state;
        const entries = [entry, ...state.entries.filter((e) => e.id !== entry.id)];
        entries.sort((a, b) => b.startedAt - a.startedAt);
        return { entries };
      });
      publishBadge();
    },
    async remove(id) {
      const { account } = store.getState();
      if (account === null) return;
      await guarded('delete the entry', async () => {
        await repository.remove(account, id);
        store.setState((state) => ({ entries: state.entries.filter((e) => e.id !== id) }));
        publishBadge();
      });
    },
    async clear() {
      const { account } = store.getState();
      if (account === null) return;
      await guarded('clear the call history', async () => {
        await repository.clear(account);
        store.setState({ entries: [] });
        publishBadge();
      });
    },
    async markOpened() {
      const { account } = store.getState();
      if (account === null) return;
      const at = now();
      store.setState({ openedAt: at });
      publishBadge();
      await guarded('remember that History was opened', () => repository.markOpened(account, at));
    },
  };
}
