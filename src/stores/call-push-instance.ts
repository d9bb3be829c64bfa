import { pushApi } from '../api/push';
import { requestNotificationPermission } from '../lib/notifications';
import { browserPush } from '../lib/web-push';
import { createCallPushStore } from './call-push';
import { appHttp } from './phone-bridge-instance';

/** The app's one "ring when closed" state, on the platform API with the same re-sign-in as the rest. */
export const useCallPushStore = createCallPushStore({
  api: pushApi(appHttp()),
  browser: browserPush,
  requestPermission: requestNotificationPermission,
  deviceLabel: () => navigator.userAgent.replace(/^Mozilla\/5\.0 \(([^)]*)\).*$/, '$1'),
});
