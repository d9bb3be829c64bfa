/**
 * The customer's guest id in a room conversation, kept per room in the tab's `sessionStorage` (beside
 * the link itself, ./link-memory.ts), so a reload, a network change or a phone waking up continues as
 * the same guest with the same history. Never sent anywhere but to this origin's chat endpoint.
 */
import type { StorageLike } from './link-memory';

const PREFIX = 'openline.join-chat.';

export interface GuestIdMemory {
  recall(roomId: string): string | null;
  keep(roomId: string, guestId: string): void;
}

/** `storage` null or throwing (private modes): nothing is remembered, nothing fails. */
export function createGuestIdMemory(storage: StorageLike | null): GuestIdMemory {
  return {
    recall(roomId) {
      try {
        const value = storage?.getItem(PREFIX + roomId) ?? null;
        return value && /^g[0-9a-f]{16}$/.test(value) ? value : null;
      } catch {
        return null;
      }
    },
    keep(roomId, guestId) {
      try {
        storage?.setItem(PREFIX + roomId, guestId);
      } catch {
        // Storage disabled or full: a reload starts as a new guest (the history is still the room's).
      }
    },
  };
}
