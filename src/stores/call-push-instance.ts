import type { PushApi } from '../api/push';
import { requestNotificationPermission } from '../lib/notifications';
import { browserPush } from '../lib/web-push';
import { createCallPushStore } from './call-push';
import { appHttp } from './phone-bridge-instance';

/**
 * `/api/push/*`, loaded when first called: its schemas are zod classic, shared with the server, and the
 * Settings screen (where a first visit lands) shows this setting long before anyone turns it on.
 */
function lazyPushApi(): PushApi {
  let api: Promise<PushApi> | null = null;
  const load = () => (api ??= import('../api/push').then((m) => m.pushApi(appHttp())));
  return {
    key: async () => (await load()).key(),
    subscribe: async (subscription) => (await load()).subscribe(subscription),
    unsubscribe: async (endpoint) => (await load()).unsubscribe(endpoint),
  };
}

/** The app's one "ring when closed" state, on the platform API with the same re-sign-in as the rest. */
export const useCallPushStore = createCallPushStore({
  api: lazyPushApi(),
  browser: browserPush,
  requestPermission: requestNotificationPermission,
  deviceLabel: () => navigator.userAgent.replace(/^Mozilla\/5\.0 \(([^)]*)\).*$/, '$1'),
});
