/**
 * When a customer's dropped call joins its room again by itself (issue 12): which ends count as a
 * drop, which join failures are worth another try, and how long to wait before each try.
 */
import type { RoomEndReason, RoomErrorCode } from '../webcall/rooms';

/** Waits before the 1st, 2nd, … try; the last one repeats. */
export const REJOIN_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000] as const;

/** Tries made while online before the page gives up and offers Rejoin (about 100 s of failures). */
export const MAX_REJOIN_ATTEMPTS = 10;

export function rejoinDelayMs(attempt: number): number {
  return REJOIN_DELAYS_MS[Math.min(Math.max(attempt, 0), REJOIN_DELAYS_MS.length - 1)]!;
}

/**
 * A drop is an end nobody chose: the connection or the call failed. Leaving, the agent hanging up,
 * the agent not being there and the link expiring are answers, not drops.
 */
export function isDrop(reason: RoomEndReason | null): boolean {
  return reason === 'connection-lost' || reason === 'failed';
}

/** A join that failed for a reason that may pass (the network, the service); not a refusal. */
export function isTransientJoinError(code: RoomErrorCode): boolean {
  return code === 'unreachable' || code === 'failed';
}

/** The network as the page sees it (navigator.onLine and the `online` event). */
export interface NetworkWatch {
  online(): boolean;
  /** Calls back once the network is back; returns a cancel function. */
  whenOnline(callback: () => void): () => void;
}

export function browserNetwork(target: Window): NetworkWatch {
  return {
    online: () => target.navigator.onLine,
    whenOnline(callback) {
      const once = () => {
        target.removeEventListener('online', once);
        callback();
      };
      target.addEventListener('online', once);
      return () => target.removeEventListener('online', once);
    },
  };
}
