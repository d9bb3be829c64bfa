import { useEffect, useRef } from 'react';
import { closeIncomingCallNotification, showIncomingCallNotification } from '../../lib/notifications';
import { isNotificationActionMessage, type NotificationActionMessage } from '../../lib/sw-messages';
import type { CallSnapshot } from '../../phone/types';
import { callerName } from '../../stores/caller-name-instance';

/**
 * While the page is hidden, show a system notification (through the service worker) for
 * each ringing call, and close it once the call stops ringing.
 */
export function useIncomingNotifications(ringing: CallSnapshot[]): void {
  const shown = useRef(new Set<string>());

  useEffect(() => {
    const notifyAll = () => {
      if (document.visibilityState !== 'hidden') return;
      for (const call of ringing) {
        if (shown.current.has(call.id)) continue;
        shown.current.add(call.id);
        void showIncomingCallNotification(call.id, callerName(call).name).catch(() => undefined);
      }
    };
    notifyAll();
    document.addEventListener('visibilitychange', notifyAll);
    return () => document.removeEventListener('visibilitychange', notifyAll);
  }, [ringing]);

  useEffect(() => {
    const ringingIds = new Set(ringing.map((call) => call.id));
    for (const id of shown.current) {
      if (ringingIds.has(id)) continue;
      shown.current.delete(id);
      void closeIncomingCallNotification(id).catch(() => undefined);
    }
  }, [ringing]);
}

/** Run Answer/Decline chosen on a notification (the service worker posts them to the page). */
export function useNotificationActions(onAction: (message: NotificationActionMessage) => void): void {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  }, [onAction]);

  useEffect(() => {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
    const container = navigator.serviceWorker;
    const listener = (event: MessageEvent) => {
      if (isNotificationActionMessage(event.data)) handler.current(event.data);
    };
    container.addEventListener('message', listener);
    container.startMessages?.();
    return () => container.removeEventListener('message', listener);
  }, []);
}
