/** Wire shapes of `/api/push/*` (server/push/routes.ts), shared by the app and the server. */
import { z } from 'zod';

const base64url = (bytes: number) =>
  z
    .string()
    .regex(
      new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}={0,2}$`),
      `must be ${bytes} bytes of base64url`,
    );

/** `GET /api/push/key`: the VAPID public key the browser subscribes with (`applicationServerKey`). */
export const PushKey = z.object({ publicKey: z.string() });
export type PushKey = z.infer<typeof PushKey>;

/** `POST /api/push/subscriptions`: a browser's `PushSubscription.toJSON()` plus a device label. */
export const PushSubscriptionInput = z.object({
  endpoint: z.string().max(2048, 'endpoint: at most 2048 characters').url('endpoint must be a URL'),
  keys: z.object({ p256dh: base64url(65), auth: base64url(16) }),
  device: z.string().trim().max(100, 'device: at most 100 characters').optional(),
});
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionInput>;

/** One of the signed-in user's subscriptions (the endpoint itself is a capability: only its host is shown). */
export const PushSubscriptionView = z.object({
  id: z.number().int(),
  device: z.string(),
  endpointHost: z.string(),
  createdAt: z.number(),
});
export type PushSubscriptionView = z.infer<typeof PushSubscriptionView>;
export const PushSubscriptionList = z.object({ subscriptions: z.array(PushSubscriptionView) });
export type PushSubscriptionList = z.infer<typeof PushSubscriptionList>;

/** `DELETE /api/push/subscriptions`: remove this browser's subscription by its endpoint. */
export const PushUnsubscribe = z.object({ endpoint: z.string().max(2048) });

/** `POST /api/push/decline`: the service worker rejects a held call with the push's one-time token. */
export const PushDecline = z.object({
  callId: z.string().min(1).max(256),
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'token must be 32 bytes of base64url'),
});
export type PushDecline = z.infer<typeof PushDecline>;
