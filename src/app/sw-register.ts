import { Workbox } from 'workbox-window';

export interface ServiceWorkerUpdates {
  /** Tell the waiting worker to take over; the page reloads once it controls the page. */
  applyUpdate(): void;
  /** Called when a new version is installed and waiting. Returns an unsubscribe function. */
  onWaiting(listener: () => void): () => void;
}

const UPDATE_CHECK_MS = 60 * 60 * 1000;
let instance: ServiceWorkerUpdates | null = null;

/**
 * Register `/sw.js` once (production builds only). Nothing reloads until
 * {@link ServiceWorkerUpdates.applyUpdate}; the worker answers `{type: 'SKIP_WAITING'}`.
 */
export function registerServiceWorker(): ServiceWorkerUpdates | null {
  if (instance) return instance;
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator))
    return null;

  const wb = new Workbox('/sw.js', { scope: '/' });
  const listeners = new Set<() => void>();
  let waiting = false;
  let reloadRequested = false;
  const markWaiting = () => {
    waiting = true;
    for (const listener of listeners) listener();
  };

  wb.addEventListener('waiting', markWaiting);
  // Reload only when this page asked for it: another tab applying the update must not
  // reload a page that is in a call.
  wb.addEventListener('controlling', (event) => {
    if (reloadRequested && event.isUpdate) window.location.reload();
  });
  void wb
    .register()
    .then((registration) => {
      if (registration?.waiting && navigator.serviceWorker.controller) markWaiting();
    })
    .catch((error: unknown) => console.warn('Openline: service worker registration failed', error));
  setInterval(() => void wb.update().catch(() => undefined), UPDATE_CHECK_MS);

  instance = {
    applyUpdate() {
      reloadRequested = true;
      wb.messageSkipWaiting();
    },
    onWaiting(listener) {
      listeners.add(listener);
      if (waiting) listener();
      return () => listeners.delete(listener);
    },
  };
  return instance;
}
