/** Messages between the service worker and the page (both sides import this file). */

export const NOTIFICATION_ACTION = 'openline:notification-action';
export const SKIP_WAITING = 'SKIP_WAITING';

export type NotificationActionName = 'answer' | 'decline' | 'open';

export interface NotificationActionMessage {
  type: typeof NOTIFICATION_ACTION;
  action: NotificationActionName;
  callId: string | null;
}

/** Data stored on incoming-call notifications. */
export interface CallNotificationData {
  callId: string;
}

export function isNotificationActionMessage(value: unknown): value is NotificationActionMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.type === NOTIFICATION_ACTION &&
    (v.action === 'answer' || v.action === 'decline' || v.action === 'open') &&
    (typeof v.callId === 'string' || v.callId === null)
  );
}

export function callNotificationTag(callId: string): string {
  return `openline-call-${callId}`;
}
