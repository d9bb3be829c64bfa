/**
 * Service worker (built by vite-plugin-pwa, `injectManifest`, served at /sw.js).
 * - Precaches the app shell (revisioned by Workbox: no fixed cache name pins old code) and
 *   answers navigations with index.html so the app opens offline.
 * - Waits for the page to send SKIP_WAITING (the update prompt) before taking over, and even then
 *   not while any window is in a call (src/sw/update-policy.ts).
 * - Incoming-call notifications: Answer/Decline clicks are posted to the page.
 * - Pushed calls (the app is closed): shown and answered/declined by ./sw/push.ts.
 */
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import {
  NOTIFICATION_ACTION,
  SKIP_WAITING,
  type NotificationActionMessage,
  type NotificationActionName,
} from './lib/sw-messages';
import { handlePushNotificationClick, registerPushHandlers, type PushScope } from './sw/push';
import { skipWaitingUnlessInCall } from './sw/update-policy';
import { handleChatNotificationClick } from './sw/chat-notification';

// The app compiles against lib.dom; these are the few service-worker types used here.
interface SwWindowClient {
  readonly focused: boolean;
  readonly visibilityState: DocumentVisibilityState;
  postMessage(message: unknown): void;
  focus(): Promise<SwWindowClient>;
}
interface SwClients {
  matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly SwWindowClient[]>;
  openWindow(url: string): Promise<SwWindowClient | null>;
}
interface SwExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface SwNotificationEvent extends SwExtendableEvent {
  readonly action: string;
  readonly notification: Notification;
}
interface SwMessageEvent extends SwExtendableEvent {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
  readonly source: SwWindowClient | null;
}
interface SwScope {
  readonly __WB_MANIFEST: (PrecacheEntry | string)[];
  readonly clients: SwClients;
  skipWaiting(): Promise<void>;
  addEventListener(type: 'notificationclick', listener: (event: SwNotificationEvent) => void): void;
  addEventListener(type: 'message', listener: (event: SwMessageEvent) => void): void;
}
declare const self: SwScope & PushScope;

cleanupOutdatedCaches();
// A navigation inside a frame (a host page embedding the app, issue 13) always goes to the network: a
// precached index.html carries the headers of the day it was cached, so its CSP frame-ancestors could
// still name a host the operator has since removed. The server's answer carries today's policy.
// Registered before the precache route, which would otherwise answer `/` from the cache itself.
registerRoute(
  ({ request }) => request.mode === 'navigate' && request.destination !== 'document',
  ({ request }) => fetch(request),
);

precacheAndRoute(self.__WB_MANIFEST);
clientsClaim();
registerPushHandlers(self); // pushed calls: push-then-INVITE (src/sw/push.ts)

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    // `/join` is the customer's own page (join.html, not precached): always from the network.
    denylist: [/^\/api\//, /^\/sip(?:\/|$)/, /^\/join$/],
  }),
);

self.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type === SKIP_WAITING) {
    event.waitUntil(skipWaitingUnlessInCall(self, event.ports[0] ?? event.source));
  }
});

function actionName(action: string): NotificationActionName {
  return action === 'answer' || action === 'decline' ? action : 'open';
}

async function deliver(message: NotificationActionMessage): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (windows.length === 0) {
    if (message.action !== 'decline') await self.clients.openWindow('/dialpad');
    return;
  }
  // Every open window hears it; only the one that has this call acts on it.
  for (const client of windows) client.postMessage(message);
  if (message.action === 'decline') return;
  const target =
    windows.find((c) => c.focused) ?? windows.find((c) => c.visibilityState === 'visible') ?? windows[0];
  await target?.focus().catch(() => undefined);
}

self.addEventListener('notificationclick', (event) => {
  if (handlePushNotificationClick(self, event)) return;
  if (handleChatNotificationClick(self, event)) return; // chat (issue 14): opens the conversation
  const data = event.notification.data as { callId?: unknown } | null;
  const callId = typeof data?.callId === 'string' ? data.callId : null;
  event.notification.close();
  event.waitUntil(deliver({ type: NOTIFICATION_ACTION, action: actionName(event.action), callId }));
});
