/**
 * A click on a chat notification (src/lib/notifications.ts): an open window is told to show the
 * conversation (no reload, so a call in it goes on) and focused; with no window, the app opens on it.
 */
import { chatPath, isChatNotificationData, OPEN_CHAT, type OpenChatMessage } from '../lib/sw-messages';
import type { NotificationClickLike } from './push';

export interface ChatClickScope {
  readonly clients: {
    matchAll(options: {
      type: 'window';
      includeUncontrolled: boolean;
    }): Promise<
      readonly { readonly focused: boolean; postMessage(message: unknown): void; focus(): Promise<unknown> }[]
    >;
    openWindow(url: string): Promise<unknown>;
  };
}

export function handleChatNotificationClick(scope: ChatClickScope, event: NotificationClickLike): boolean {
  const data = event.notification.data;
  if (!isChatNotificationData(data)) return false;
  event.notification.close();
  event.waitUntil(
    (async () => {
      const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const target = windows.find((w) => w.focused) ?? windows[0];
      if (!target) return void (await scope.clients.openWindow(chatPath(data.chatPeer)));
      const message: OpenChatMessage = { type: OPEN_CHAT, peer: data.chatPeer };
      target.postMessage(message);
      await target.focus().catch(() => undefined);
    })(),
  );
  return true;
}
