/**
 * "Agent is busy, you are next" / "outside opening hours" on the join page before joining (issue 14,
 * ADR 0026). Asks the server (src/api/webcall-availability.ts) when the pre-join screen opens and then
 * every `intervalMs` while it stays open, so the state follows the agent. A failed question keeps the
 * last answer (or none): availability only informs the customer, it never blocks a working link,
 * except "closed", which the server says only inside the opening hours' rules.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Availability } from '../api/webcall-availability';

export interface JoinAvailabilityState {
  /** Null until the server answered (and for links without a key). */
  availability: Availability | null;
}

export interface JoinAvailability {
  useStore: UseBoundStore<StoreApi<JoinAvailabilityState>>;
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

export function createJoinAvailability(deps: JoinAvailabilityDeps): JoinAvailability {
  const useStore = create<JoinAvailabilityState>(() => ({ availability: null }));
  const intervalMs = deps.intervalMs ?? 10_000;
  const after = deps.after ?? timeoutAfter;
  let generation = 0;
  return {
    useStore,
    watch(roomId, key) {
      const mine = ++generation;
      useStore.setState({ availability: null });
      let cancel: (() => void) | null = null;
      const ask = async () => {
        cancel = null;
        try {
          const availability = await deps.fetchAvailability(roomId, key);
          if (mine === generation) useStore.setState({ availability });
        } catch (error) {
          console.warn('Join page: agent availability unavailable.', error);
        }
        if (mine === generation) cancel = after(intervalMs, () => void ask());
      };
      void ask();
      return () => {
        if (mine === generation) generation++;
        cancel?.();
      };
    },
  };
}
