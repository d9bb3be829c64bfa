/**
 * The Voicemail tab's state: the mailbox pages from the API, and the intents the screen calls
 * (load, load more, mark heard, delete). Every answer that carries counts also sets the tab badge,
 * which MWI (phone-engine-link.ts) keeps current between visits. The newest page is kept on the
 * device per account, and shown (marked with when it was saved) when the server cannot be reached.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { VoicemailApi, VoicemailMessage } from '../api';
import { errorMessage } from '../lib/errors';
import type { VoicemailCacheRepository } from '../storage/voicemail-cache-repository';
import { useTabBadges } from './tab-badges';

export interface VoicemailState {
  messages: VoicemailMessage[];
  /** Cursor of the next (older) page; null when everything is loaded. */
  next: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** What went wrong, as the server or the API layer said it (shown when the server answered). */
  error: string | null;
  /** The last failure was not an answer at all: the server could not be reached (the screen words that). */
  unreachable: boolean;
  /** Set while the list is the copy saved on this device (the server could not be reached): when it was fetched. */
  savedAt: number | null;
}

export interface VoicemailInbox {
  useStore: UseBoundStore<StoreApi<VoicemailState>>;
  /** First page again (on opening the tab, and when MWI says the mailbox changed). */
  load(): Promise<void>;
  loadMore(): Promise<void>;
  markHeard(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Forget the list (the account changed). */
  reset(): void;
}

const initial: VoicemailState = {
  messages: [],
  next: null,
  status: 'idle',
  error: null,
  unreachable: false,
  savedAt: null,
};

/** An ApiClientError without a status never reached the server (read by shape: stores do not import api values). */
const isUnreachable = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { status?: unknown }).status === null;

/** The offline copy: where it is kept and whose mailbox is open. */
export interface VoicemailOffline {
  cache: VoicemailCacheRepository;
  account(): string | null;
  now?: () => number;
}

export function createVoicemailInbox(api: VoicemailApi, offline?: VoicemailOffline): VoicemailInbox {
  const useStore = create<VoicemailState>()(() => initial);
  const badge = (unheard: number) => useTabBadges.getState().setCount('voicemail', unheard);
  const fail = (error: unknown) =>
    useStore.setState({ status: 'error', error: errorMessage(error), unreachable: isUnreachable(error) });
  const now = offline?.now ?? Date.now;

  /** After a failed load: the saved copy of this account's mailbox, if there is one. */
  const showSaved = async (): Promise<boolean> => {
    const account = offline?.account();
    if (!offline || !account) return false;
    const saved = await offline.cache.get(account).catch(() => null);
    if (!saved) return false;
    useStore.setState({
      messages: saved.messages,
      next: null,
      status: 'ready',
      error: null,
      unreachable: false,
      savedAt: saved.savedAt,
    });
    badge(saved.counts.unheard);
    return true;
  };

  return {
    useStore,
    reset: () => useStore.setState(initial),
    async load() {
      useStore.setState({ status: 'loading', error: null, unreachable: false });
      try {
        const page = await api.list();
        useStore.setState({ messages: page.messages, next: page.next, status: 'ready', savedAt: null });
        badge(page.counts.unheard);
        const account = offline?.account();
        if (offline && account) {
          const snapshot = { account, savedAt: now(), messages: page.messages, counts: page.counts };
          await offline.cache.put(snapshot).catch((error: unknown) => {
            console.warn('Openline: could not keep voicemail for offline use', error);
          });
        }
      } catch (error) {
        if (!(await showSaved())) fail(error);
      }
    },
    async loadMore() {
      const cursor = useStore.getState().next;
      if (!cursor) return;
      try {
        const page = await api.list(cursor);
        useStore.setState((s) => ({ messages: [...s.messages, ...page.messages], next: page.next }));
        badge(page.counts.unheard);
      } catch (error) {
        fail(error);
      }
    },
    async markHeard(id) {
      const message = useStore.getState().messages.find((m) => m.id === id);
      if (!message || message.heard) return;
      useStore.setState((s) => ({
        messages: s.messages.map((m) => (m.id === id ? { ...m, heard: true } : m)),
      }));
      try {
        badge((await api.markHeard(id)).unheard);
      } catch (error) {
        fail(error);
      }
    },
    async remove(id) {
      try {
        const counts = await api.remove(id);
        useStore.setState((s) => ({ messages: s.messages.filter((m) => m.id !== id) }));
        badge(counts.unheard);
      } catch (error) {
        fail(error);
      }
    },
  };
}

/** Same-origin URLs the player streams and Download saves (the session cookie rides along). */
export { voicemailAudioUrl, voicemailDownloadUrl } from '../api';
