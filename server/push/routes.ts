/**
 * `/api/push/*`: the VAPID public key, the signed-in user's own subscriptions (add, list, remove), and
 * Decline from a call notification, authorized by the push's one-time token instead of a session
 * (the service worker may run with no signed-in page).
 */
import {
  PushDecline,
  PushSubscriptionInput,
  PushUnsubscribe,
  type PushKey,
  type PushSubscriptionList,
  type PushSubscriptionView,
} from '../../src/api/push-schemas';
import { HttpError, type RequestContext } from '../api/router';
import type { RouteModule } from '../api/routes';
import type { PushSender } from './sender';
import { SubscriptionLimitError, type PushSubscriptionStore } from './subscriptions';

export interface PushRoutesDeps {
  publicKey: string;
  store: PushSubscriptionStore;
  sender: PushSender;
  /** Rejects a held call with 486; false when the token is unknown, used, or not for this call. */
  decline(callId: string, token: string): boolean;
}

function userOf(ctx: RequestContext): string {
  if (!ctx.user) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
  return ctx.user.username;
}

export function pushRoutes(deps: PushRoutesDeps): RouteModule {
  return (router) => {
    router.get('/api/push/key', (): PushKey => ({ publicKey: deps.publicKey }));
    router.get(
      '/api/push/subscriptions',
      (ctx): PushSubscriptionList => ({ subscriptions: deps.store.list(userOf(ctx)) }),
      { auth: true },
    );
    router.post(
      '/api/push/subscriptions',
      async (ctx): Promise<PushSubscriptionView> => {
        const user = userOf(ctx);
        const input = await ctx.body(PushSubscriptionInput);
        if (!deps.sender.acceptsEndpoint(input.endpoint)) {
          throw new HttpError(400, 'invalid_request', 'endpoint: a push service endpoint must be https://');
        }
        try {
          const saved = deps.store.add(user, input);
          return {
            id: saved.id,
            device: saved.device,
            endpointHost: new URL(saved.endpoint).host,
            createdAt: saved.createdAt,
          };
        } catch (error) {
          if (error instanceof SubscriptionLimitError)
            throw new HttpError(409, 'too_many_devices', error.message);
          throw error;
        }
      },
      { auth: true },
    );
    router.delete(
      '/api/push/subscriptions',
      async (ctx) => {
        const user = userOf(ctx);
        const { endpoint } = await ctx.body(PushUnsubscribe);
        if (!deps.store.removeOwn(user, endpoint)) {
          throw new HttpError(404, 'not_found', 'No such subscription for this account.');
        }
        return undefined;
      },
      { auth: true },
    );
    router.post('/api/push/decline', async (ctx) => {
      const { callId, token } = await ctx.body(PushDecline);
      if (!deps.decline(callId, token)) {
        throw new HttpError(
          410,
          'gone',
          'This call is no longer waiting (answered, ended or already declined).',
        );
      }
      return undefined;
    });
  };
}
