/** The browser's side of Web Push: this device's subscription through the service worker's PushManager. */

export interface BrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface BrowserPush {
  supported(): boolean;
  /** This browser's current subscription, if any. */
  current(): Promise<BrowserSubscription | null>;
  /** Subscribes (or returns the existing subscription) for the server's VAPID public key. */
  subscribe(applicationServerKey: string): Promise<BrowserSubscription>;
  /** Ends this browser's subscription; the endpoint it had, if any. */
  unsubscribe(): Promise<string | null>;
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function toBrowserSubscription(sub: PushSubscription): BrowserSubscription {
  const json = sub.toJSON();
  const p256dh = json.keys?.p256dh;
  const auth = json.keys?.auth;
  if (!json.endpoint || !p256dh || !auth)
    throw new Error('The browser returned a push subscription without keys.');
  return { endpoint: json.endpoint, keys: { p256dh, auth } };
}

async function registration(): Promise<ServiceWorkerRegistration> {
  return navigator.serviceWorker.ready;
}

export const browserPush: BrowserPush = {
  supported: () =>
    typeof navigator !== 'undefined' &&
    'serviceWorker' in navigator &&
    typeof window !== 'undefined' &&
    'PushManager' in window,
  async current() {
    const sub = await (await registration()).pushManager.getSubscription();
    return sub ? toBrowserSubscription(sub) : null;
  },
  async subscribe(applicationServerKey) {
    const manager = (await registration()).pushManager;
    const sub =
      (await manager.getSubscription()) ??
      (await manager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: fromBase64url(applicationServerKey),
      }));
    return toBrowserSubscription(sub);
  },
  async unsubscribe() {
    const sub = await (await registration()).pushManager.getSubscription();
    if (!sub) return null;
    const endpoint = sub.endpoint;
    await sub.unsubscribe();
    return endpoint;
  },
};
