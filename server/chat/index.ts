/**
 * Chat on the embedded server (issue 14): offline delivery of SIP MESSAGE. Limits come from the
 * environment (CHAT_OFFLINE_*; README "Configuration"), checked at start.
 */
import { z } from 'zod';
import type { Db } from '../db';
import type { Logger } from '../log';
import type { Binding } from '../sip/registrar';
import { OfflineDelivery, type OfflineHistory } from './offline-delivery';
import { OfflineMessageStore } from './offline-store';

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const EnvSchema = z.object({
  /** Messages waiting per user; a full mailbox answers 480 (nothing accepted is dropped). */
  CHAT_OFFLINE_MAX_PER_USER: int(1, 10_000, 100),
  /** Days a waiting message is kept. */
  CHAT_OFFLINE_MAX_AGE_DAYS: int(1, 365, 7),
  /** Largest body kept (bytes); the SIP body cap (SIP_MAX_OTHER_BODY_BYTES) applies first. */
  CHAT_OFFLINE_MAX_BODY_BYTES: int(1, 65_536, 4096),
});

export interface OfflineChatDeps {
  db: Db;
  domain: string;
  log: Logger;
  lookup(aor: string): Binding[];
  accountExists(user: string): boolean;
  env?: NodeJS.ProcessEnv;
  /** Delivery timing (tests shorten it). */
  answerTimeoutMs?: number;
  retryBaseMs?: number;
  /** Chat history (server/chat/history-tap.ts). */
  history?: OfflineHistory;
}

export function createOfflineChat(deps: OfflineChatDeps): OfflineDelivery {
  const parsed = EnvSchema.safeParse(deps.env ?? process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid chat limits in the environment: ${problems}`);
  }
  const e = parsed.data;
  const store = new OfflineMessageStore(deps.db, {
    maxPerUser: e.CHAT_OFFLINE_MAX_PER_USER,
    maxAgeMs: e.CHAT_OFFLINE_MAX_AGE_DAYS * 86_400_000,
  });
  return new OfflineDelivery({
    domain: deps.domain,
    store,
    lookup: deps.lookup,
    accountExists: deps.accountExists,
    maxBodyBytes: e.CHAT_OFFLINE_MAX_BODY_BYTES,
    answerTimeoutMs: deps.answerTimeoutMs ?? 32_000,
    retryBaseMs: deps.retryBaseMs ?? 5_000,
    maxRetryMs: 10 * 60_000,
    log: deps.log,
    history: deps.history,
  });
}
