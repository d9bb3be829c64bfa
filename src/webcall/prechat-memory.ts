/**
 * The customer's pre-chat answers, kept per room in the tab's `sessionStorage` (beside the guest id,
 * ./chat-guest-memory.ts), so a reload does not ask again and the chat sends them with every reopening.
 * Sent only to this origin's chat endpoint, which checks them again.
 */
import type { PreChatAnswers } from '../api/pre-chat';
import type { StorageLike } from './link-memory';

const PREFIX = 'openline.join-prechat.';

export interface PreChatMemory {
  recall(roomId: string): PreChatAnswers | null;
  keep(roomId: string, answers: PreChatAnswers): void;
}

function isAnswers(value: unknown): value is PreChatAnswers {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string' || typeof v === 'boolean')
  );
}

/** `storage` null or throwing (private modes): nothing is remembered, a reload asks again. */
export function createPreChatMemory(storage: StorageLike | null): PreChatMemory {
  return {
    recall(roomId) {
      try {
        const raw = storage?.getItem(PREFIX + roomId);
        const value: unknown = raw ? JSON.parse(raw) : null;
        return isAnswers(value) ? value : null;
      } catch {
        return null;
      }
    },
    keep(roomId, answers) {
      try {
        storage?.setItem(PREFIX + roomId, JSON.stringify(answers));
      } catch {
        // Storage disabled or full: a reload asks again.
      }
    },
  };
}
