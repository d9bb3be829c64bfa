import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { chatPath, isOpenChatMessage } from '../../lib/sw-messages';

/** A click on a chat notification (service worker) opens that conversation in this window. */
export function useOpenChatFromNotifications(): void {
  const navigate = useNavigate();
  useEffect(() => {
    const container = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
    if (!container) return;
    const onMessage = (event: MessageEvent) => {
      if (isOpenChatMessage(event.data)) void navigate(chatPath(event.data.peer));
    };
    container.addEventListener('message', onMessage);
    return () => container.removeEventListener('message', onMessage);
  }, [navigate]);
}
