import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ClientConfig, HealthResponse, SipCredentials } from '../../src/api/schemas';
import { startServer, type RunningServer } from '../app';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../log';
import { verifyEphemeral } from './ephemeral';
import { issueSipCredentials, resolveEphemeralSecret } from './routes';
import { DEFAULT_CREDENTIALS_OPTIONS } from './options';
import { sessionCookie } from '../testing/signed-in-server';

const SECRET = 'routes-test-secret';

const postCredentials = (server: RunningServer, cookie?: string) =>
  fetch(`${server.url}/api/sip/credentials`, {
    method: 'POST',
    headers: cookie ? { cookie } : {},
  });

describe('issueSipCredentials', () => {
  const now = Date.UTC(2026, 0, 1);
  it('mints SIP credentials bound to the user, TURN credentials of the same scheme, no STUN by default', () => {
    const c = issueSipCredentials(
      {
        secret: SECRET,
        ttlSeconds: 600,
        turnUrls: ['stun:turn.example.com:3478', 'turn:turn.example.com:3478?transport=udp'],
        iceTransportPolicy: 'all',
        now: () => now,
      },
      '1001',
    );
    expect(c.user).toBe('1001');
    expect(c.authorizationUsername).toBe(`${now / 1000 + 600}:1001`);
    expect(c.expiresAt).toBe(now + 600_000);
    expect(verifyEphemeral(SECRET, c.authorizationUsername, c.password, now)).toMatchObject({ ok: true });
    expect(c.iceServers).toEqual([
      { urls: ['stun:turn.example.com:3478'] },
      {
        urls: ['turn:turn.example.com:3478?transport=udp'],
        username: c.authorizationUsername,
        credential: c.password,
      },
    ]);
    expect(SipCredentials.parse(c)).toEqual(c);
  });

  it('without TURN_URLS hands out no ICE servers', () => {
    const c = issueSipCredentials(
      { secret: SECRET, ttlSeconds: 60, turnUrls: [], iceTransportPolicy: 'all' },
      '1002',
    );
    expect(c.iceServers).toEqual([]);
  });
});

describe('resolveEphemeralSecret', () => {
  it('uses EPHEMERAL_SECRET, or warns about a random one when Kamailio or TURN must verify', () => {
    const lines: string[] = [];
    const log = createLogger('debug', (level, line) => lines.push(`${level} ${line}`));
    expect(resolveEphemeralSecret({ ...DEFAULT_CREDENTIALS_OPTIONS, ephemeralSecret: 'abcdefgh' }, log)).toBe(
      'abcdefgh',
    );
    expect(lines).toEqual([]);
    const a = resolveEphemeralSecret({ ...DEFAULT_CREDENTIALS_OPTIONS, sipServer: 'external' }, log);
    const b = resolveEphemeralSecret(DEFAULT_CREDENTIALS_OPTIONS, log);
    expect(a).not.toBe(b);
    expect(lines[0]).toMatch(/^warn EPHEMERAL_SECRET is not set.*Kamailio AUTH_SECRET/);
    expect(lines[1]).toMatch(/^debug /);
  });
});

describe('environment', () => {
  it('reads the SIP server mode, secret, lifetime, TURN URLs and policy', () => {
    expect(
      loadConfig({
        SIP_SERVER: 'external',
        SIP_WS_URL: 'wss://sip.example.com',
        EPHEMERAL_SECRET: 'a-long-secret',
        SIP_CREDENTIALS_TTL: '900',
        TURN_URLS: 'turn:t.example.com:3478?transport=udp, turns:t.example.com:5349',
        ICE_TRANSPORT_POLICY: 'relay',
        SIP_WS_ORIGINS: 'wss://pbx.example.com:8089, ws://[::1]:8088 *',
      }),
    ).toMatchObject({
      sipWsOrigins: ['wss://pbx.example.com:8089', 'ws://[::1]:8088', '*'],
      sipServer: 'external',
      sipWsUrl: 'wss://sip.example.com',
      ephemeralSecret: 'a-long-secret',
      sipCredentialsTtlS: 900,
      turnUrls: ['turn:t.example.com:3478?transport=udp', 'turns:t.example.com:5349'],
      iceTransportPolicy: 'relay',
    });
  });

  it.each([
    [{ SIP_SERVER: 'external' }, /SIP_WS_URL.*required/],
    [{ SIP_SERVER: 'kamailio' }, /SIP_SERVER/],
    [{ SIP_WS_URL: 'http://x' }, /SIP_WS_URL.*ws:\/\//],
    [{ EPHEMERAL_SECRET: 'has"quote"' }, /EPHEMERAL_SECRET/],
    [{ SIP_CREDENTIALS_TTL: '5' }, /SIP_CREDENTIALS_TTL/],
    [{ TURN_URLS: 'http://turn' }, /TURN_URLS/],
    [{ SIP_WS_ORIGINS: 'https://pbx.example.com' }, /SIP_WS_ORIGINS/],
    [{ SIP_WS_ORIGINS: 'wss://pbx.example.com/ws' }, /SIP_WS_ORIGINS/],
    [{ SIP_WS_ORIGINS: "wss://x.example.com;script-src 'unsafe-inline'" }, /SIP_WS_ORIGINS/],
    [{ ICE_TRANSPORT_POLICY: 'relay' }, /ICE_TRANSPORT_POLICY.*TURN_URLS/],
  ])('rejects %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('external SIP server mode', () => {
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'openline-credentials-'));
    server = await startServer({
      port: 0,
      dataDir,
      demoPassword: 'pw',
      logLevel: 'error',
      sipServer: 'external',
      sipWsUrl: 'ws://127.0.0.1:5066',
      ephemeralSecret: SECRET,
      voicemailSipListen: '127.0.0.1:0', // not the fixed default: test files run in parallel
      sipCredentialsTtlS: 120,
      turnUrls: ['turn:127.0.0.1:3478?transport=udp'],
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('/api/config points the app at the external server and says credentials are ephemeral', async () => {
    const config = ClientConfig.parse(await (await fetch(`${server.url}/api/config`)).json());
    expect(config).toMatchObject({ wsUrl: 'ws://127.0.0.1:5066', sipAuth: 'ephemeral' });
  });

  it('/api/health says external', async () => {
    const health = HealthResponse.parse(await (await fetch(`${server.url}/api/health`)).json());
    expect(health.sip).toEqual({ mode: 'external', registrations: 0 });
  });

  it('runs no registrar: a SIP WebSocket is refused with a pointer to SIP_WS_URL', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sip`, 'sip');
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    ws.terminate();
    expect(status).toBe(404);
  });

  it('POST /api/sip/credentials needs a session', async () => {
    const res = await postCredentials(server);
    expect(res.status).toBe(401);
  });

  it('POST /api/sip/credentials mints credentials for the signed-in user only', async () => {
    const cookie = await sessionCookie(server.url, '1002');
    const before = Date.now();
    const res = await postCredentials(server, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const c = SipCredentials.parse(await res.json());
    expect(c.user).toBe('1002');
    expect(c.authorizationUsername).toMatch(/^\d+:1002$/);
    expect(c.ttlSeconds).toBe(120);
    expect(c.expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 120_000);
    expect(c.expiresAt).toBeLessThanOrEqual(Date.now() + 120_000);
    expect(verifyEphemeral(SECRET, c.authorizationUsername, c.password)).toMatchObject({
      ok: true,
      user: '1002',
    });
    expect(c.iceServers[0]).toMatchObject({ username: c.authorizationUsername, credential: c.password });
    expect(c.iceTransportPolicy).toBe('all');
  });

  it('a wrong password gets no session (and so no credentials)', async () => {
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: '1001', password: 'nope' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'Wrong username or password.' });
  });

  it('refuses to start in external mode without SIP_WS_URL', async () => {
    await expect(
      startServer({ port: 0, dataDir, logLevel: 'silent', sipServer: 'external', sipWsUrl: '' }),
    ).rejects.toThrow(/SIP_WS_URL/);
  });
});

describe('embedded mode', () => {
  it('/api/config keeps password sign-in and the embedded /sip', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openline-credentials-'));
    const server = await startServer({ port: 0, dataDir, logLevel: 'silent' });
    try {
      const config = ClientConfig.parse(await (await fetch(`${server.url}/api/config`)).json());
      expect(config).toMatchObject({ wsUrl: '/sip', sipAuth: 'password' });
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
