/**
 * The link signing key: created once with mode 0600, kept across restarts, published in /api/config;
 * a room's link opens on the join page only with the key of the server that made it.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClientConfig, WebcallRoom } from '../../src/api/schemas';
import { decodeLink, encodeLink } from '../../src/webcall/link';
import { trustFromConfig } from '../../src/webcall/trust';
import { startServer, type RunningServer } from '../app';
import { loadOrCreateSigner, SIGNING_KEY_FILE } from './signing';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'openline-signing-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('link signing key', () => {
  it('is created with mode 0600, kept across loads, and its mode is tightened if loosened', () => {
    const dir = dataDir();
    const first = loadOrCreateSigner(dir);
    const path = join(dir, SIGNING_KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toContain('PRIVATE KEY');
    chmodSync(path, 0o644);
    const second = loadOrCreateSigner(dir);
    expect(second.publicKey).toBe(first.publicKey);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSigner(dataDir()).publicKey).not.toBe(first.publicKey);
  });
});

describe('signed rooms through a real server', () => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });
  const start = async (dir: string) => {
    const server = await startServer({
      port: 0,
      dataDir: dir,
      staticDir: join(dir, 'none'),
      logLevel: 'silent',
      ephemeralSecret: 'signing-test-secret',
    });
    servers.push(server);
    return server;
  };
  const configOf = async (server: RunningServer) =>
    ClientConfig.parse(await (await fetch(`${server.url}/api/config`)).json());

  it('publishes its key; a room link opens with it and not with another server’s key', async () => {
    const dir = dataDir();
    const server = await start(dir);
    const config = await configOf(server);
    expect(config.webcall?.signingKey).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const session = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: '1001', password: 'openline' }),
    });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
    const res = await fetch(`${server.url}/api/webcall/rooms`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ customerName: 'Chris', expiresInS: 3600 }),
    });
    const room = WebcallRoom.parse(await res.json());
    const url = await encodeLink(room.link, { origin: server.url });
    const pageHref = `${server.url}/join`;
    const trust = trustFromConfig(config, pageHref);
    if (!trust.ok) throw new Error(trust.error.message);
    const opened = await decodeLink(url.slice(url.indexOf('#')), { trust: trust.value, pageHref });
    if (!opened.ok || opened.value.kind !== 'open') throw new Error('open link expected');
    expect(opened.value.payload).toMatchObject({
      provider: 'sip',
      customerName: 'Chris',
      roomId: room.roomId,
    });
    if (opened.value.payload.provider === 'sip')
      expect(opened.value.payload.sip.wsUrl).toBe(`${server.url.replace('http', 'ws')}/sip`);

    const other = trustFromConfig(await configOf(await start(dataDir())), pageHref);
    if (!other.ok) throw new Error(other.error.message);
    const refused = await decodeLink(url.slice(url.indexOf('#')), { trust: other.value, pageHref });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('forged');

    // Restarted on the same data directory: same key, so links already sent keep working.
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    expect((await configOf(await start(dir))).webcall?.signingKey).toBe(config.webcall?.signingKey);
  });
});
