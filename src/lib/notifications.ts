import { t } from '@lingui/core/macro';
import { createShowTracker } from './show-tracker';
import { callNotificationTag, type CallNotificationData, type ChatNotificationData } from './sw-messages';

export type NotificationSupport = NotificationPermission | 'unsupported';

export function notificationPermission(): NotificationSupport {
  if (
    typeof Notification === 'undefined' ||
    typeof navigator === 'undefined' ||
    !('serviceWorker' in navigator)
  ) {
    return 'unsupported';
  }
  return Notification.permission;
}

/** Ask for permission; call from a user gesture (the Settings button), never on load. */
export async function requestNotificationPermission(): Promise<NotificationSupport> {
  if (notificationPermission() === 'unsupported') return 'unsupported';
  return Notification.requestPermission();
}

/** `actions` is only valid on service-worker notifications, so lib.dom leaves it out. */
interface ServiceWorkerNotificationOptions extends NotificationOptions {
  actions?: { action: string; title: string }[];
  requireInteraction?: boolean;
  renotify?: boolean;
}

async function readyRegistration(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  return registration?.active ? registration : null;
}

/** A call can stop ringing while its notification is still being shown: its close waits for the show. */
const shows = createShowTracker();

/** Show "Incoming call" with Answer/Decline through the service worker; no-op without permission. */
export function showIncomingCallNotification(callId: string, caller: string): Promise<void> {
  return shows.track(callId, showIncoming(callId, caller));
}

async function showIncoming(callId: string, caller: string): Promise<void> {
  if (notificationPermission() !== 'granted') return;
  const registration = await readyRegistration();
  if (!registration) return;
  const data: CallNotificationData = { callId };
  const options: ServiceWorkerNotificationOptions = {
    body: caller,
    tag: callNotificationTag(callId),
    requireInteraction: true,
    renotify: true,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data,
    actions: [
      { action: 'answer', title: t`Answer` },
      { action: 'decline', title: t`Decline` },
    ],
  };
  await registration.showNotification(t`Incoming call`, options);
}

export async function closeIncomingCallNotification(callId: string): Promise<void> {
  await shows.settled(callId);
  if (notificationPermission() === 'unsupported') return;
  const registration = await readyRegistration();
  if (!registration) return;
  const notifications = await registration.getNotifications({ tag: callNotificationTag(callId) });
  for (const notification of notifications) notification.close();
}

/** "New message" for a conversation (one notification per peer, replaced by the next); no-op without permission. */
export async function showChatNotification(peer: string, from: string, body: string): Promise<void> {
  if (notificationPermission() !== 'granted') return;
  const registration = await readyRegistration();
  if (!registration) return;
  const data: ChatNotificationData = { chatPeer: peer };
  const options: ServiceWorkerNotificationOptions = {
    body: body.length > 140 ? `${body.slice(0, 139)}…` : body,
    tag: `openline-chat-${peer}`,
    renotify: true,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data,
  };
  await registration.showNotification(t`Message from ${from}`, options);
}
