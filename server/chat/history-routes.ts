/**
 * `GET /api/messages?peer=&before=&limit=` (session; ADR 0024): the signed-in user's chat history the
 * embedded proxy recorded, newest first; `peer` (`sip:user@domain`, or a plain user) narrows it to one
 * conversation, `before` is the cursor of the previous page, `limit` 1–200 (default 50). Rows older
 * than CHAT_HISTORY_DAYS (default 90) are deleted hourly.
 */
import { z } from 'zod';
import { HISTORY_MAX_LIMIT, type HistoryPage } from '../../src/api/message-history-schemas';
import { HttpError } from '../api/router';
import type { RouteModule } from '../api/routes';
import type { Db } from '../db';
import { ChatHistoryStore, parseCursor } from './history-store';
import { ChatHistoryTap } from './history-tap';

const EnvSchema = z.object({
  /** Days a routed message stays in the server's history. */
  CHAT_HISTORY_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export interface ChatHistory {
  tap: ChatHistoryTap;
  routes: RouteModule;
  close(): void;
}

export function createChatHistory(o: {
  db: Db;
  domain: string;
  accountExists(user: string): boolean;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}): ChatHistory {
  const parsed = EnvSchema.safeParse(o.env ?? process.env);
  if (!parsed.success) {
    throw new Error(`Invalid CHAT_HISTORY_DAYS in the environment: ${parsed.error.issues[0]?.message ?? ''}`);
  }
  const store = new ChatHistoryStore(o.db, parsed.data.CHAT_HISTORY_DAYS * 86_400_000, o.now);
  store.purge();
  const purge = setInterval(() => store.purge(), 3_600_000);
  purge.unref();

  const peerOf = (raw: string | null): string | null => {
    if (raw === null || raw === '') return null;
    const m = /^(?:sip:)?([A-Za-z0-9._+-]{1,64})(?:@([A-Za-z0-9.-]{1,255}))?$/.exec(raw);
    if (!m || (m[2] !== undefined && m[2].toLowerCase() !== o.domain.toLowerCase())) {
      throw new HttpError(400, 'invalid_request', `peer: a user of ${o.domain} (sip:user@${o.domain})`);
    }
    return `sip:${m[1]}@${o.domain}`;
  };
  const limitOf = (raw: string | null): number => {
    if (raw === null || raw === '') return 50;
    const n = Number(raw);
    if (!/^\d{1,4}$/.test(raw) || n < 1 || n > HISTORY_MAX_LIMIT) {
      throw new HttpError(400, 'invalid_request', `limit: a whole number from 1 to ${HISTORY_MAX_LIMIT}`);
    }
    return n;
  };

  return {
    tap: new ChatHistoryTap(store, o.domain, o.accountExists, o.now),
    routes: (router) => {
      router.get('/api/messages', (ctx): HistoryPage => {
        if (!ctx.user) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
        const q = ctx.url.searchParams;
        const peer = peerOf(q.get('peer'));
        let before;
        try {
          before = parseCursor(q.get('before'));
        } catch (error) {
          throw new HttpError(400, 'invalid_request', (error as Error).message);
        }
        ctx.reply.header('Cache-Control', 'no-store');
        return store.page(ctx.user.username, peer, before, limitOf(q.get('limit')));
      });
    },
    close: () => clearInterval(purge),
  };
}
