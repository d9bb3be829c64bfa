/**
 * The page events the engine acts on: `pagehide` (the page is going away: hang up while the WebSocket
 * still works) and a network change (`online`, `navigator.connection` `change`: restart ICE).
 */
import type { EngineDeps } from './ports';

export interface PageHandlers {
  pageHide(): void;
  networkChange(): void;
}

/** Subscribes the handlers; returns the unsubscribe. */
export function listenToPage(deps: Pick<EngineDeps, 'window' | 'connection'>, on: PageHandlers): () => void {
  const pageHide = () => on.pageHide();
  const networkChange = () => on.networkChange();
  deps.window?.addEventListener('pagehide', pageHide);
  deps.window?.addEventListener('online', networkChange);
  deps.connection?.addEventListener('change', networkChange);
  return () => {
    deps.window?.removeEventListener('pagehide', pageHide);
    deps.window?.removeEventListener('online', networkChange);
    deps.connection?.removeEventListener('change', networkChange);
  };
}
