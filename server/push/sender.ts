/**
 * Sends Web Push messages (RFC 8030) to every subscription of a user: payload encrypted per RFC 8291
 * (aes128gcm) and signed with VAPID (RFC 8292) by `web-push`; the HTTP request itself goes out with fetch,
 * so a local push-service stand-in on http:// works in tests (only when allowed). Subscriptions the push
 * service reports gone (404/410) are dropped.
 */
import webpush from 'web-push';
import type { PushMessage } from '../../src/lib/push-payload';
import type { Logger } from '../log';
import type { PushSubscriptionStore, StoredSubscription } from './subscriptions';
import type { VapidKeys } from './vapid';

export interface PushSenderOptions {
  store: PushSubscriptionStore;
  keys: VapidKeys;
  /** VAPID `sub` claim: a mailto: or https: contact for the push service's operators. */
  subject: string;
  log: Logger;
  /** Accept http:// endpoints (a local push service in tests and development only). */
  allowHttpEndpoints: boolean;
  /** Per-request timeout. */
  timeoutMs?: number;
}

export interface PushOutcome {
  sent: number;
  dropped: number;
  failed: number;
}

export class PushSender {
  constructor(private readonly o: PushSenderOptions) {}

  /** Whether an endpoint may be stored and pushed to: https, or http when explicitly allowed. */
  acceptsEndpoint(endpoint: string): boolean {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      return false;
    }
    return url.protocol === 'https:' || (this.o.allowHttpEndpoints && url.protocol === 'http:');
  }

  /**
   * Pushes `message` to each of the user's devices. `ttlS` bounds how long the push service keeps it
   * for an offline device (a call notification is useless after the hold ends).
   */
  async toUser(username: string, message: PushMessage, ttlS: number): Promise<PushOutcome> {
    const subs = this.o.store.forUser(username);
    const results = await Promise.all(subs.map((s) => this.sendOne(s, message, ttlS)));
    return {
      sent: results.filter((r) => r === 'sent').length,
      dropped: results.filter((r) => r === 'dropped').length,
      failed: results.filter((r) => r === 'failed').length,
    };
  }

  private async sendOne(
    sub: StoredSubscription,
    message: PushMessage,
    ttlS: number,
  ): Promise<'sent' | 'dropped' | 'failed'> {
    if (!this.acceptsEndpoint(sub.endpoint)) return 'failed';
    const host = new URL(sub.endpoint).host;
    try {
      const details = webpush.generateRequestDetails(
        { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
        JSON.stringify(message),
        {
          vapidDetails: { subject: this.o.subject, ...this.o.keys },
          TTL: Math.max(0, Math.round(ttlS)),
          urgency: 'high',
          contentEncoding: 'aes128gcm',
        },
      );
      const res = await fetch(details.endpoint, {
        method: 'POST',
        headers: details.headers as Record<string, string>,
        body: details.body ? new Uint8Array(details.body) : null,
        redirect: 'error',
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
      await res.body?.cancel();
      if (res.status === 404 || res.status === 410) {
        this.o.store.drop(sub.id);
        this.o.log.info(`push to ${sub.username} via ${host}: ${res.status}, subscription dropped`);
        return 'dropped';
      }
      if (!res.ok) {
        this.o.log.warn(`push to ${sub.username} via ${host}: ${res.status}`);
        return 'failed';
      }
      return 'sent';
    } catch (error) {
      this.o.log.warn(`push to ${sub.username} via ${host} failed: ${(error as Error).message}`);
      return 'failed';
    }
  }
}
