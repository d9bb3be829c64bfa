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

/** Chat (issue 14): a message notification was clicked; the page opens this conversation. */
export const OPEN_CHAT = 'openline:open-chat';

export interface OpenChatMessage {
  type: typeof OPEN_CHAT;
  peer: string;
}

/** Data stored on chat notifications. */
export interface ChatNotificationData {
  chatPeer: string;
}

export function isChatNotificationData(value: unknown): value is ChatNotificationData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { chatPeer?: unknown }).chatPeer === 'string'
  );
}

export function isOpenChatMessage(value: unknown): value is OpenChatMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.type === OPEN_CHAT && typeof v.peer === 'string';
}

/** The app path of a conversation. */
export function chatPath(peer: string): string {
  return `/messages/${encodeURIComponent(peer)}`;
}
