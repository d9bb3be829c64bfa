/**
 * `/api/push/*` and the VAPID keys: who may store, list and remove subscriptions, what is refused,
 * and keys that survive a restart in a file only the server's user can read.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../app';
import { loadOrCreateVapidKeys, VAPID_KEY_FILE } from './vapid';

const KEYS = { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) };
const sub = (n: number, scheme = 'https') => ({ endpoint: `${scheme}://push.example/${n}`, keys: KEYS });

let server: RunningServer;
let dataDir: string;

async function api(path: string, o: { method?: string; cookie?: string; body?: unknown } = {}) {
  return fetch(server.url + path, {
    method: o.method ?? (o.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(o.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(o.cookie ? { Cookie: o.cookie } : {}),
    },
    body: o.body !== undefined ? JSON.stringify(o.body) : undefined,
  });
}
async function signIn(user: string): Promise<string> {
  const res = await api('/api/session', { body: { username: user, password: 'openline' } });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}
const list = async (cookie: string) =>
  ((await (await api('/api/push/subscriptions', { cookie })).json()) as { subscriptions: unknown[] })
    .subscriptions;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'openline-push-'));
  server = await startServer({ port: 0, dataDir, staticDir: join(dataDir, 'none'), logLevel: 'silent' });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('VAPID keys', () => {
  it('are generated on first start into DATA_DIR with mode 0600, published, and kept across restarts', async () => {
    const path = join(dataDir, VAPID_KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const published = (await (await api('/api/push/key')).json()) as { publicKey: string };
    expect(Buffer.from(published.publicKey, 'base64url')).toHaveLength(65);
    expect(loadOrCreateVapidKeys(dataDir).publicKey).toBe(published.publicKey);
  });
});

describe('/api/push/subscriptions', () => {
  it('needs a session', async () => {
    expect((await api('/api/push/subscriptions')).status).toBe(401);
    expect((await api('/api/push/subscriptions', { body: sub(1) })).status).toBe(401);
  });

  it('stores, lists (host only) and removes the user’s own subscriptions; others cannot touch them', async () => {
    const alice = await signIn('1001');
    const bob = await signIn('1002');
    const saved = await api('/api/push/subscriptions', {
      cookie: alice,
      body: { ...sub(1), device: 'Pixel' },
    });
    expect(saved.status).toBe(200);
    expect(await list(alice)).toEqual([
      {
        id: expect.any(Number),
        device: 'Pixel',
        endpointHost: 'push.example',
        createdAt: expect.any(Number),
      },
    ]);
    expect(await list(bob)).toEqual([]);
    const stolen = await api('/api/push/subscriptions', { method: 'DELETE', cookie: bob, body: sub(1) });
    expect(stolen.status).toBe(404);
    expect(await list(alice)).toHaveLength(1);
    const removed = await api('/api/push/subscriptions', { method: 'DELETE', cookie: alice, body: sub(1) });
    expect(removed.status).toBe(204);
    expect(await list(alice)).toEqual([]);
  });

  it('refuses http:// endpoints, malformed keys and oversized fields with a specific message', async () => {
    const alice = await signIn('1001');
    const cases: Array<[unknown, RegExp]> = [
      [sub(2, 'http'), /https/],
      [{ endpoint: 'not a url', keys: KEYS }, /endpoint/],
      [
        { endpoint: 'https://push.example/x', keys: { ...KEYS, p256dh: 'short' } },
        /p256dh: must be 65 bytes/,
      ],
      [
        { endpoint: 'https://push.example/x', keys: { ...KEYS, auth: 'A'.repeat(40) } },
        /auth: must be 16 bytes/,
      ],
      [{ endpoint: `https://push.example/${'x'.repeat(2100)}`, keys: KEYS }, /at most 2048/],
      [{ ...sub(3), device: 'd'.repeat(101) }, /device: at most 100/],
    ];
    for (const [body, message] of cases) {
      const res = await api('/api/push/subscriptions', { cookie: alice, body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
    expect(await list(alice)).toEqual([]);
  });

  it('caps the devices per account (409) and moves an endpoint that another account subscribes', async () => {
    const alice = await signIn('1003');
    for (let n = 10; n < 20; n++) {
      expect((await api('/api/push/subscriptions', { cookie: alice, body: sub(n) })).status).toBe(200);
    }
    const over = await api('/api/push/subscriptions', { cookie: alice, body: sub(20) });
    expect(over.status).toBe(409);
    // Refreshing an existing endpoint is not a new device.
    expect((await api('/api/push/subscriptions', { cookie: alice, body: sub(10) })).status).toBe(200);
    // The same browser signed in as someone else: the endpoint now rings for them only.
    const bob = await signIn('1002');
    expect((await api('/api/push/subscriptions', { cookie: bob, body: sub(10) })).status).toBe(200);
    expect(await list(alice)).toHaveLength(9);
    expect(await list(bob)).toHaveLength(1);
  });
});
