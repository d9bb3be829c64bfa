/**
 * The service worker's part of push-then-INVITE (imported by src/sw.ts): a pushed call shows a
 * notification with the caller and Answer / Decline; Answer opens (or focuses) the app at
 * `/?answer=<Call-ID>` so it answers exactly that held INVITE once registered; Decline asks the server
 * to reject the held call (486) with the push's one-time token, since there may be no signed-in page.
 * A "call-ended" push closes the notification (answered elsewhere, declined) or, for a call cancelled or
 * timed out, replaces it with "Missed call" under the same tag.
 */
import { answerUrl } from '../lib/push-answer-url';
import { createShowTracker } from '../lib/show-tracker';
import { parsePushMessage, pushCallTag, type CallPush, type CallEndedPush } from '../lib/push-payload';

/** Marks notifications this module owns (src/sw.ts leaves their clicks to it). */
export const PUSH_CALL_KIND = 'openline-push-call';

interface PushCallData {
  kind: typeof PUSH_CALL_KIND;
  callId: string;
  declineToken: string;
  expiresAt: number;
}

interface ExtendableEventLike {
  waitUntil(promise: Promise<unknown>): void;
}
export interface PushEventLike extends ExtendableEventLike {
  readonly data: { json(): unknown } | null;
}
export interface NotificationClickLike extends ExtendableEventLike {
  readonly action: string;
  readonly notification: { readonly data: unknown; close(): void };
}
interface WindowClientLike {
  focus(): Promise<unknown>;
  navigate?(url: string): Promise<unknown>;
}
/** lib.dom has no `actions` on NotificationOptions (they exist only in service workers). */
interface CallNotificationOptions extends NotificationOptions {
  actions?: { action: string; title: string }[];
  requireInteraction?: boolean;
  renotify?: boolean;
}
export interface PushScope {
  readonly registration: {
    showNotification(title: string, options: CallNotificationOptions): Promise<void>;
    getNotifications(filter: { tag: string }): Promise<readonly { close(): void }[]>;
  };
  readonly clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  fetch(input: string, init: RequestInit): Promise<Response>;
  addEventListener(type: 'push', listener: (event: PushEventLike) => void): void;
}

const ICON = '/icons/icon-192.png';

function callerLine(caller: CallPush['caller']): string {
  const { name, number } = caller;
  return name && name !== number ? `${name} (${number})` : number || 'Unknown caller';
}

function isPushCallData(value: unknown): value is PushCallData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.kind === PUSH_CALL_KIND &&
    typeof v.callId === 'string' &&
    typeof v.declineToken === 'string' &&
    typeof v.expiresAt === 'number'
  );
}

async function showCall(scope: PushScope, push: CallPush): Promise<void> {
  const data: PushCallData = {
    kind: PUSH_CALL_KIND,
    callId: push.callId,
    declineToken: push.declineToken,
    expiresAt: push.expiresAt,
  };
  await scope.registration.showNotification('Incoming call', {
    body: callerLine(push.caller),
    tag: pushCallTag(push.callId),
    requireInteraction: true,
    renotify: true,
    icon: ICON,
    badge: ICON,
    data,
    actions: [
      { action: 'answer', title: 'Answer' },
      { action: 'decline', title: 'Decline' },
    ],
  });
}

/** A "call-ended" push can come while its call's notification is still being shown (answered elsewhere at once). */
const shows = createShowTracker();

async function closeCall(scope: PushScope, push: CallEndedPush): Promise<void> {
  const tag = pushCallTag(push.callId);
  await shows.settled(tag);
  // A call nobody answered or declined is a missed call, whether or not its ringing notification is
  // still listed (the user may have swiped it away; Chromium's list drops one read before it is on display).
  // Shown under the same tag, it replaces the ringing notification without depending on that list.
  if (push.reason === 'cancelled' || push.reason === 'timeout') {
    await scope.registration.showNotification('Missed call', {
      body: push.caller ? callerLine(push.caller) : '',
      tag,
      renotify: false,
      requireInteraction: false,
      icon: ICON,
      badge: ICON,
    });
    console.debug(`push: shown ${tag} (missed)`);
    return;
  }
  const open = await scope.registration.getNotifications({ tag });
  for (const notification of open) notification.close();
  console.debug(`push: closed ${open.length} ${tag}`);
}

export async function onPush(scope: PushScope, event: PushEventLike): Promise<void> {
  let message = null;
  try {
    message = parsePushMessage(event.data?.json());
  } catch {
    message = null; // not JSON: not ours
  }
  // One line per push, so support (and the push e2e's attached worker console) can tell a push that never
  // arrived from one that arrived and was not shown.
  console.debug(`push: ${message ? `${message.type} ${message.callId}` : 'not an Openline message'}`);
  if (!message) return;
  if (message.type === 'call') {
    await shows.track(pushCallTag(message.callId), showCall(scope, message));
    // Said once the notification is on display: Chromium's getNotifications() drops a notification
    // that is stored but not yet displayed, so a reader (support, the push e2e) waits for this line.
    console.debug(`push: shown ${pushCallTag(message.callId)}`);
  } else await closeCall(scope, message);
}

async function openApp(scope: PushScope, url: string): Promise<void> {
  const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const existing = windows[0];
  if (existing?.navigate) {
    try {
      await existing.navigate(url);
      await existing.focus();
      return;
    } catch {
      // An uncontrolled window cannot be navigated from here: open a new one.
    }
  }
  await scope.clients.openWindow(url);
}

async function decline(scope: PushScope, data: PushCallData): Promise<void> {
  await scope
    .fetch('/api/push/decline', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ callId: data.callId, token: data.declineToken }),
    })
    .catch(() => undefined); // offline: the server's hold times out instead
}

/** Handles a click on a pushed-call notification; false for every other notification. */
export function handlePushNotificationClick(
  scope: PushScope,
  event: NotificationClickLike,
  now = Date.now(),
): boolean {
  const data = event.notification.data;
  if (!isPushCallData(data)) return false;
  event.notification.close();
  if (event.action === 'decline') {
    event.waitUntil(decline(scope, data));
  } else {
    // Answer opens straight into the call; a tap on the body (or a late tap) just opens the app.
    const answer = event.action === 'answer' && now < data.expiresAt;
    event.waitUntil(openApp(scope, answer ? answerUrl(data.callId) : '/'));
  }
  return true;
}

export function registerPushHandlers(scope: PushScope): void {
  scope.addEventListener('push', (event) =>
    event.waitUntil(
      onPush(scope, event).catch((error: unknown) => {
        // A notification the platform refused (e.g. permission revoked) must leave a trace for support.
        console.error('push: could not show or close the call notification', error);
        throw error;
      }),
    ),
  );
}
