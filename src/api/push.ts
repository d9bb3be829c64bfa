/** `/api/push/*`: the server's VAPID key and this account's call-notification subscriptions. */
import { z } from 'zod';
import type { Http } from './client';
import { PushKey, PushSubscriptionView, type PushSubscriptionInput } from './push-schemas';

export interface PushApi {
  /** `GET /api/push/key`: the `applicationServerKey` to subscribe with. */
  key(): Promise<PushKey>;
  /** `POST /api/push/subscriptions` (signed in): ring this device while the app is closed. */
  subscribe(subscription: PushSubscriptionInput): Promise<PushSubscriptionView>;
  /** `DELETE /api/push/subscriptions` (signed in): stop ringing this device. */
  unsubscribe(endpoint: string): Promise<void>;
}

export function pushApi(http: Http): PushApi {
  return {
    key: () => http.request('GET', '/api/push/key', PushKey),
    subscribe: (body) => http.request('POST', '/api/push/subscriptions', PushSubscriptionView, { body }),
    async unsubscribe(endpoint) {
      await http.request('DELETE', '/api/push/subscriptions', z.undefined(), { body: { endpoint } });
    },
  };
}
