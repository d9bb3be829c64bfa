/**
 * A reference server with push enabled against a local push service, signed-in API sessions, and
 * subscriptions made the way a browser makes them (against the server's VAPID key).
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startSipTestServer, type SipTestServer } from '../../sip/testing/server';
import { waitUntil } from '../../sip/testing/wire';
import { LocalPushService } from './push-service';

export interface PushHarness {
  sip: SipTestServer;
  push: LocalPushService;
  /** Signs `user` in to the API; the session cookie. */
  signIn(user: string): Promise<string>;
  /** `fetch` on the server's API with a session cookie. */
  api(path: string, o?: { method?: string; cookie?: string; body?: unknown }): Promise<Response>;
  /** Subscribes a new "device" of `user` at the push service and registers it with the server. */
  subscribe(user: string): Promise<{ clientHash: string; endpoint: string }>;
  /** Waits for the `n`th decrypted push message (1-based) of a device. */
  message(clientHash: string, n: number): Promise<Record<string, unknown>>;
}

/**
 * web-push-testing keeps its model in a module variable: one stand-in per process, shared by every
 * harness of a test file.
 */
let shared: { service: Promise<LocalPushService>; users: number } | undefined;
async function acquirePushService(): Promise<LocalPushService> {
  shared ??= { service: LocalPushService.start(), users: 0 };
  shared.users++;
  return shared.service;
}
async function releasePushService(): Promise<void> {
  if (!shared || --shared.users > 0) return;
  const { service } = shared;
  shared = undefined;
  await (await service).close();
}

export function usePushHarness(holdMs: number): { readonly h: PushHarness } {
  let current: PushHarness | undefined;
  /** Subscriptions made by a test, removed after it so each test starts with none. */
  const made: Array<{ cookie: string; endpoint: string }> = [];
  beforeAll(async () => {
    const push = await acquirePushService();
    const sip = await startSipTestServer({ options: { pushHoldMs: holdMs, pushAllowHttpEndpoints: true } });
    const api: PushHarness['api'] = (path, o = {}) =>
      fetch(sip.url + path, {
        method: o.method ?? (o.body === undefined ? 'GET' : 'POST'),
        headers: {
          ...(o.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(o.cookie ? { Cookie: o.cookie } : {}),
        },
        body: o.body !== undefined ? JSON.stringify(o.body) : undefined,
      });
    const signIn = async (user: string) => {
      const res = await api('/api/session', { body: { username: user, password: 'openline' } });
      if (res.status !== 200) throw new Error(`sign-in of ${user}: ${res.status}`);
      return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    };
    current = {
      sip,
      push,
      api,
      signIn,
      async subscribe(user) {
        const key = (await (await api('/api/push/key')).json()) as { publicKey: string };
        const sub = await push.subscribe(key.publicKey);
        const cookie = await signIn(user);
        made.push({ cookie, endpoint: sub.endpoint });
        const res = await api('/api/push/subscriptions', {
          cookie,
          body: { endpoint: sub.endpoint, keys: sub.keys, device: 'test device' },
        });
        if (res.status !== 200) throw new Error(`subscribe: ${res.status} ${await res.text()}`);
        return { clientHash: sub.clientHash, endpoint: sub.endpoint };
      },
      async message(clientHash, n) {
        let got: unknown[] = [];
        const deadline = Date.now() + 5000;
        while (got.length < n) {
          if (Date.now() > deadline) throw new Error(`push message ${n} did not arrive (got ${got.length})`);
          got = await push.messages(clientHash);
          if (got.length < n) await new Promise((r) => setTimeout(r, 20));
        }
        return got[n - 1] as Record<string, unknown>;
      },
    };
  });
  afterEach(async () => {
    if (!current) return;
    for (const { cookie, endpoint } of made.splice(0)) {
      await current.api('/api/push/subscriptions', { method: 'DELETE', cookie, body: { endpoint } });
    }
    await current.sip.closePhones();
    await waitUntil(() => current!.sip.server.sipStats().connections === 0);
  });
  afterAll(async () => {
    await current?.sip.stop();
    if (current) await releasePushService();
  });
  return {
    get h() {
      if (!current) throw new Error('push harness not started');
      return current;
    },
  };
}
