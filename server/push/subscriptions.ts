/**
 * Web Push subscriptions per user and device (SQLite table `push_subscriptions`, migration 9).
 * An endpoint belongs to one user: subscribing it again (same browser, maybe another account) moves it.
 */
import type { PushSubscriptionInput, PushSubscriptionView } from '../../src/api/push-schemas';
import type { Db } from '../db';

export interface StoredSubscription {
  id: number;
  username: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  device: string;
  createdAt: number;
}

interface Row {
  id: number;
  username: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  device: string;
  created_at: number;
}

const toStored = (r: Row): StoredSubscription => ({
  id: r.id,
  username: r.username,
  endpoint: r.endpoint,
  p256dh: r.p256dh,
  auth: r.auth,
  device: r.device,
  createdAt: r.created_at,
});

export class SubscriptionLimitError extends Error {}

export class PushSubscriptionStore {
  constructor(
    private readonly db: Db,
    /** Most devices one user may subscribe (each one is pushed on every held call). */
    private readonly maxPerUser = 10,
  ) {}

  /** Adds or refreshes a subscription; throws SubscriptionLimitError beyond `maxPerUser`. */
  add(username: string, input: PushSubscriptionInput, now = Date.now()): StoredSubscription {
    return this.db.transaction(() => {
      const existing = this.db
        .prepare('SELECT * FROM push_subscriptions WHERE endpoint = ?')
        .get(input.endpoint) as Row | undefined;
      if (!existing || existing.username !== username) {
        const count = (
          this.db
            .prepare('SELECT COUNT(*) AS n FROM push_subscriptions WHERE username = ?')
            .get(username) as {
            n: number;
          }
        ).n;
        if (count >= this.maxPerUser) {
          throw new SubscriptionLimitError(
            `At most ${this.maxPerUser} devices can ring for one account: remove one first.`,
          );
        }
      }
      this.db
        .prepare(
          `INSERT INTO push_subscriptions (username, endpoint, p256dh, auth, device, created_at, updated_at)
           VALUES (@username, @endpoint, @p256dh, @auth, @device, @now, @now)
           ON CONFLICT (endpoint) DO UPDATE SET username = @username, p256dh = @p256dh, auth = @auth,
             device = @device, updated_at = @now`,
        )
        .run({
          username,
          endpoint: input.endpoint,
          p256dh: input.keys.p256dh,
          auth: input.keys.auth,
          device: input.device ?? '',
          now,
        });
      const row = this.db
        .prepare('SELECT * FROM push_subscriptions WHERE endpoint = ?')
        .get(input.endpoint) as Row;
      return toStored(row);
    })();
  }

  forUser(username: string): StoredSubscription[] {
    const rows = this.db
      .prepare('SELECT * FROM push_subscriptions WHERE username = ? ORDER BY id')
      .all(username) as Row[];
    return rows.map(toStored);
  }

  hasAny(username: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM push_subscriptions WHERE username = ? LIMIT 1').get(username) !==
      undefined
    );
  }

  /** The user's own subscriptions as the API shows them. */
  list(username: string): PushSubscriptionView[] {
    return this.forUser(username).map((s) => ({
      id: s.id,
      device: s.device,
      endpointHost: new URL(s.endpoint).host,
      createdAt: s.createdAt,
    }));
  }

  /** Removes one of the user's subscriptions (by endpoint); false when it was not theirs or not there. */
  removeOwn(username: string, endpoint: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM push_subscriptions WHERE username = ? AND endpoint = ?')
        .run(username, endpoint).changes > 0
    );
  }

  /** The push service said the subscription is gone (404/410). */
  drop(id: number): void {
    this.db.prepare('DELETE FROM push_subscriptions WHERE id = ?').run(id);
  }
}
