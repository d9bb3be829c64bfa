/**
 * "Ring when Openline is closed": this device's Web Push subscription, kept in step with the server.
 * Enabling asks for notification permission (from the user's click only), subscribes the browser with
 * the server's VAPID key and registers the subscription for the signed-in account.
 */
import { t } from '@lingui/core/macro';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { PushApi } from '../api/push';
import { errorMessage } from '../lib/errors';
import type { NotificationSupport } from '../lib/notifications';
import type { BrowserPush } from '../lib/web-push';

export type CallPushStatus = 'unknown' | 'unsupported' | 'off' | 'on' | 'busy';

export interface CallPushState {
  status: CallPushStatus;
  /** A sentence for the user when something failed. */
  error: string | null;
  refresh(): Promise<void>;
  enable(): Promise<void>;
  disable(): Promise<void>;
}

export interface CallPushDeps {
  api: PushApi;
  browser: BrowserPush;
  requestPermission(): Promise<NotificationSupport>;
  /** Device label shown in the account's list, e.g. the browser's platform. */
  deviceLabel(): string;
}

export function createCallPushStore(deps: CallPushDeps): UseBoundStore<StoreApi<CallPushState>> {
  return create<CallPushState>((set, get) => ({
    status: 'unknown',
    error: null,

    async refresh() {
      if (!deps.browser.supported()) return set({ status: 'unsupported' });
      try {
        set({ status: (await deps.browser.current()) ? 'on' : 'off' });
      } catch {
        set({ status: 'off' });
      }
    },

    async enable() {
      if (get().status === 'busy') return;
      set({ status: 'busy', error: null });
      try {
        const permission = await deps.requestPermission();
        if (permission !== 'granted') {
          return set({
            status: 'off',
            error:
              permission === 'unsupported'
                ? t`This browser cannot show call notifications.`
                : t`Notifications are blocked. Allow them for this site in your browser settings, then try again.`,
          });
        }
        const { publicKey } = await deps.api.key();
        const sub = await deps.browser.subscribe(publicKey);
        await deps.api.subscribe({ ...sub, device: deps.deviceLabel().slice(0, 100) });
        set({ status: 'on' });
      } catch (error) {
        set({ status: 'off', error: t`Could not turn on ringing while closed: ${errorMessage(error)}` });
      }
    },

    async disable() {
      if (get().status === 'busy') return;
      set({ status: 'busy', error: null });
      try {
        const endpoint = await deps.browser.unsubscribe();
        // The server may have dropped it already (404): this device is off either way.
        if (endpoint) await deps.api.unsubscribe(endpoint).catch(() => undefined);
        set({ status: 'off' });
      } catch (error) {
        set({ status: 'on', error: t`Could not turn off ringing while closed: ${errorMessage(error)}` });
      }
    },
  }));
}
