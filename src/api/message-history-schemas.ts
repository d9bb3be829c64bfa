/**
 * `GET /api/messages` (ADR 0024): the signed-in user's chat messages the server routed, newest first,
 * shared by the app (src/api/message-history.ts) and the server (server/chat/history-routes.ts).
 */
import { z } from 'zod/mini';

/** Most rows one page may ask for. */
export const HISTORY_MAX_LIMIT = 200;

export const HistoryMessage = z.object({
  /** The conversation: the other side's address `sip:user@domain`. */
  peer: z.string().check(z.minLength(1)),
  direction: z.enum(['in', 'out']),
  /** The message's id (Message-ID, else Call-ID): the app's dedup key. */
  id: z.string().check(z.minLength(1)),
  body: z.string(),
  /** Epoch ms the server routed it. */
  at: z.int(),
});
export type HistoryMessage = z.infer<typeof HistoryMessage>;

export const HistoryPage = z.object({
  messages: z.array(HistoryMessage),
  /** Pass as `before` for the next (older) page; null when there is none. */
  before: z.nullable(z.string()),
});
export type HistoryPage = z.infer<typeof HistoryPage>;
