import type { Workbox } from 'workbox-window';
import { CALL_STATE_QUERY, isMessageOfType, UPDATE_DEFERRED } from '../lib/sw-update-messages';

export interface ServiceWorkerUpdates {
  /** Tell the waiting worker to take over; the page reloads once it controls the page. */
  applyUpdate(): void;
  /** Called when a new version is installed and waiting. Returns an unsubscribe function. */
  onWaiting(listener: () => void): () => void;
  /** Called when the worker kept waiting because a window (maybe another tab) is in a call. */
  onDeferred(listener: () => void): () => void;
}

export interface ServiceWorkerOptions {
  /** Whether this page has a call (the worker asks before it takes over: src/sw/update-policy.ts). */
  inCall(): boolean;
}

const UPDATE_CHECK_MS = 60 * 60 * 1000;
let instance: ServiceWorkerUpdates | null = null;

/**
 * Register `/sw.js` once (production builds only). Nothing reloads until
 * {@link ServiceWorkerUpdates.applyUpdate}; the worker answers `{type: 'SKIP_WAITING'}`.
 */
export function registerServiceWorker(options: ServiceWorkerOptions): ServiceWorkerUpdates | null {
  if (instance) return instance;
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator))
    return null;

  const listeners = new Set<() => void>();
  const deferredListeners = new Set<() => void>();
  answerCallStateQueries(options.inCall, () => {
    for (const listener of deferredListeners) listener();
  });
  let waiting = false;
  let reloadRequested = false;
  const markWaiting = () => {
    waiting = true;
    for (const listener of listeners) listener();
  };
  // Reload only when this page asked for it: another tab applying the update must not reload a page
  // that is in a call. The browser's own event: Workbox's `controlling` says `isUpdate: false` when
  // this page was first loaded without a worker, and then the user's Reload would do nothing.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloadRequested) window.location.reload();
  });
  // workbox-window is loaded after first paint (issue 10: it is ~2 kB gzip of the shell budget, and
  // nothing about the worker is needed to draw the first screen).
  const workbox: Promise<Workbox | null> = import('workbox-window')
    .then(({ Workbox: WorkboxClass }) => {
      const wb = new WorkboxClass('/sw.js', { scope: '/' });
      wb.addEventListener('waiting', markWaiting);
      void wb
        .register()
        .then((registration) => {
          if (registration?.waiting && navigator.serviceWorker.controller) markWaiting();
        })
        .catch((error: unknown) => console.warn('Openline: service worker registration failed', error));
      setInterval(() => void wb.update().catch(() => undefined), UPDATE_CHECK_MS);
      return wb;
    })
    .catch((error: unknown) => {
      console.warn('Openline: service worker support failed to load', error);
      return null;
    });

  instance = {
    applyUpdate() {
      reloadRequested = true;
      void workbox.then((wb) => wb?.messageSkipWaiting());
    },
    onWaiting(listener) {
      listeners.add(listener);
      if (waiting) listener();
      return () => listeners.delete(listener);
    },
    onDeferred(listener) {
      deferredListeners.add(listener);
      return () => deferredListeners.delete(listener);
    },
  };
  return instance;
}

/** Answer the (waiting) worker's "are you in a call?" and hear that an update was held back. */
function answerCallStateQueries(inCall: () => boolean, onDeferred: () => void): void {
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (isMessageOfType(event.data, CALL_STATE_QUERY)) event.ports[0]?.postMessage({ inCall: inCall() });
    else if (isMessageOfType(event.data, UPDATE_DEFERRED)) onDeferred();
  });
  navigator.serviceWorker.startMessages();
}
