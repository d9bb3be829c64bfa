/**
 * "Agent is busy, you are next" / "outside opening hours" on the join page before joining (issue 14,
 * ADR 0026). Asks the server (src/api/webcall-availability.ts) when the pre-join screen opens and then
 * every `intervalMs` while it stays open, so the state follows the agent. A failed question keeps the
 * last answer (or none): availability informs the customer and never blocks a working link; only
 * "closed", which the server says from the operator's opening hours, turns Join off.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Availability } from '../api/webcall-availability';

export interface JoinAvailabilityState {
  /** Null until the server answered (and for links without a key). */
  availability: Availability | null;
}

export type JoinAvailabilityStore = UseBoundStore<StoreApi<JoinAvailabilityState>>;

export interface JoinAvailability {
  useStore: JoinAvailabilityStore;
  /** Starts asking about this room (`key`: the link's chat key); returns the function that stops. */
  watch(roomId: string, key: string): () => void;
}

export interface JoinAvailabilityDeps {
  fetchAvailability(roomId: string, key: string): Promise<Availability>;
  intervalMs?: number;
  /** Runs `run` after `ms`; returns a cancel function. */
  after?: (ms: number, run: () => void) => () => void;
}

const timeoutAfter = (ms: number, run: () => void) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/** The asking loop for one room, writing into `store`; returns the function that stops it. */
export function watchAvailability(
  store: JoinAvailabilityStore,
  deps: JoinAvailabilityDeps,
  roomId: string,
  key: string,
): () => void {
  const after = deps.after ?? timeoutAfter;
  let live = true;
  let cancel: (() => void) | null = null;
  const ask = async () => {
    cancel = null;
    try {
      const availability = await deps.fetchAvailability(roomId, key);
      if (live) store.setState({ availability });
    } catch (error) {
      console.warn(error);
    }
    if (live) cancel = after(deps.intervalMs ?? 10_000, () => void ask());
  };
  void ask();
  return () => {
    live = false;
    cancel?.();
  };
}

/** A store and its loop; the join page loads the loop lazily (src/stores/join-page-instance.ts). */
export function createJoinAvailability(deps: JoinAvailabilityDeps): JoinAvailability {
  const useStore = create<JoinAvailabilityState>(() => ({ availability: null }));
  return {
    useStore,
    watch(roomId, key) {
      useStore.setState({ availability: null });
      return watchAvailability(useStore, deps, roomId, key);
    },
  };
}
