/**
 * Push-then-INVITE for the reference server: VAPID keys in DATA_DIR, subscriptions in SQLite, the
 * sender, the held-INVITE hook for the embedded proxy, and the `/api/push` routes.
 */
import type { Db } from '../db';
import type { Logger } from '../log';
import type { RouteModule } from '../api/routes';
import { HeldInvites, type HeldInvitesOptions } from './held-invites';
import type { PushOptions } from './options';
import { pushRoutes } from './routes';
import { PushSender } from './sender';
import { PushSubscriptionStore } from './subscriptions';
import { loadOrCreateVapidKeys } from './vapid';

export interface PushService {
  publicKey: string;
  held: HeldInvites;
  sender: PushSender;
  routes: RouteModule;
  close(): void;
}

export function createPushService(o: {
  db: Db;
  dataDir: string;
  sipDomain: string;
  options: PushOptions;
  log: Logger;
  /** Where a held call goes when no woken app registers in time (voicemail). */
  fallback?: HeldInvitesOptions['fallback'];
}): PushService {
  const keys = loadOrCreateVapidKeys(o.dataDir);
  const store = new PushSubscriptionStore(o.db);
  const sender = new PushSender({
    store,
    keys,
    subject: o.options.pushSubject || `mailto:openline@${o.sipDomain}`,
    allowHttpEndpoints: o.options.pushAllowHttpEndpoints,
    log: o.log,
  });
  const held = new HeldInvites({
    holdMs: o.options.pushHoldMs,
    contact: `<sip:${o.sipDomain};transport=ws>`,
    push: (user, message, ttlS) => sender.toUser(user, message, ttlS),
    hasSubscriptions: (user) => store.hasAny(user),
    log: o.log,
    fallback: o.fallback,
  });
  return {
    publicKey: keys.publicKey,
    held,
    sender,
    routes: pushRoutes({
      publicKey: keys.publicKey,
      store,
      sender,
      decline: (callId, token) => held.decline(callId, token),
    }),
    close: () => held.close(),
  };
}
