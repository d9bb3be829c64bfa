import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ClientConfig, HealthResponse } from '../../src/api/schemas';
import { startServer, type RunningServer } from '../app';
import { contentSecurityPolicy } from './security';

const CONTENT_SECURITY_POLICY = contentSecurityPolicy(["'self'"]);

let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openline-http-'));
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Openline</title>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dist, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(dist, 'sw.js'), 'self');
  writeFileSync(join(dist, 'registerSW.js'), 'r');
  writeFileSync(join(dist, 'workbox-5ab1c2.js'), 'w');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
  writeFileSync(join(dist, 'icon.svg'), '<svg/>');
  mkdirSync(join(dist, 'icons'));
  writeFileSync(join(dist, 'icons', 'icon-192.png'), 'PNG');
  writeFileSync(join(dist, 'join.html'), '<!doctype html><title>Join video call</title>');
  writeFileSync(join(dist, 'ring.mp3'), 'ID3');
  writeFileSync(join(dist, '.env'), 'SECRET=1');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  server = await startServer({ port: 0, dataDir: join(dir, 'data'), staticDir: dist, logLevel: 'silent' });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Raw HTTP request (fetch would normalize `..` away). */
function raw(
  path: string,
  o: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}`, { path, method: o.method ?? 'GET', headers: o.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('API', () => {
  it('GET /api/health matches HealthResponse', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = HealthResponse.parse(await res.json());
    expect(body.sip).toEqual({ mode: 'embedded', registrations: 0 });
  });

  it('GET /api/config matches ClientConfig', async () => {
    const body = ClientConfig.parse(await (await fetch(`${server.url}/api/config`)).json());
    expect(body).toEqual({
      sipDomain: 'openline.local',
      wsUrl: '/sip',
      iceServers: [],
      demoAccounts: ['1001', '1002', '1003'],
      sipAuth: 'password',
      // The public key webcall links are signed with (issue 15.9).
      webcall: { signingKey: expect.stringMatching(/^[\w-]{43}$/) as unknown as string },
    });
  });

  it('answers unknown endpoints with 404 JSON and wrong methods with 405', async () => {
    const missing = await fetch(`${server.url}/api/nope`);
    expect(missing.status).toBe(404);
    expect(ApiError.parse(await missing.json()).error).toBe('not_found');
    const wrong = await fetch(`${server.url}/api/health`, { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
    expect(ApiError.parse(await wrong.json()).error).toBe('method_not_allowed');
  });

  it('tells plain HTTP clients of /sip to upgrade', async () => {
    expect((await fetch(`${server.url}/sip`)).status).toBe(426);
  });
});

describe('static files', () => {
  it('sends security headers on every response', async () => {
    for (const path of ['/', '/api/health', '/api/nope', '/assets/missing.js', '/../x']) {
      const res = await raw(path);
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['permissions-policy']).toBe(
        'camera=(self), microphone=(self), display-capture=(self)',
      );
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('uses the right content types and cache policy', async () => {
    const cases: Array<[string, string, string]> = [
      ['/', 'text/html; charset=utf-8', 'no-cache'],
      ['/index.html', 'text/html; charset=utf-8', 'no-cache'],
      ['/assets/index-abc123.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
      ['/assets/index-abc123.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
      ['/sw.js', 'text/javascript; charset=utf-8', 'no-cache'],
      ['/registerSW.js', 'text/javascript; charset=utf-8', 'no-cache'],
      ['/workbox-5ab1c2.js', 'text/javascript; charset=utf-8', 'no-cache'],
      ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8', 'no-cache'],
      ['/icon.svg', 'image/svg+xml', 'public, max-age=3600'],
      ['/ring.mp3', 'audio/mpeg', 'public, max-age=3600'],
      ['/icons/icon-192.png', 'image/png', 'public, max-age=2592000, stale-while-revalidate=86400'],
      ['/join.html', 'text/html; charset=utf-8', 'no-cache'],
    ];
    for (const [path, type, cache] of cases) {
      const res = await fetch(`${server.url}${path}`);
      expect([path, res.status, res.headers.get('content-type'), res.headers.get('cache-control')]).toEqual([
        path,
        200,
        type,
        cache,
      ]);
    }
  });

  it('supports ETag / If-None-Match and HEAD', async () => {
    const first = await fetch(`${server.url}/assets/index-abc123.js`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get('last-modified')).toBeTruthy();
    // Raw request: fetch() adds `Cache-Control: no-cache` to conditional requests (an end-to-end reload).
    const again = await raw('/assets/index-abc123.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const head = await raw('/assets/index-abc123.js', { method: 'HEAD' });
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '14']);
  });

  it('falls back to index.html for client-side routes asked for as HTML', async () => {
    const res = await fetch(`${server.url}/join/abc`, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<title>Openline</title>');
    expect((await fetch(`${server.url}/join/abc`, { headers: { accept: 'application/json' } })).status).toBe(
      404,
    );
    expect(
      (await fetch(`${server.url}/assets/missing.js`, { headers: { accept: 'text/html' } })).status,
    ).toBe(404);
    expect((await fetch(`${server.url}/missing.png`, { headers: { accept: 'text/html' } })).status).toBe(404);
  });

  it('serves the app for a route that ends in a domain (a conversation reloaded)', async () => {
    const res = await fetch(`${server.url}/messages/sip%3A1001%40openline.local`, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Openline</title>');
  });

  it("serves the customer's own page (join.html) for /join, with or without a query", async () => {
    for (const path of ['/join', '/join?data=abc']) {
      const res = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'no-cache']);
      expect(await res.text()).toContain('<title>Join video call</title>');
    }
  });

  it('rejects path traversal and hides dotfiles', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00',
    ]) {
      const res = await raw(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body).not.toContain('outside');
    }
    expect((await raw('/.env')).status).toBe(404);
    expect((await raw('/%2eenv')).status).toBe(404);
  });

  it('answers 405 for non-GET methods on static paths', async () => {
    const res = await raw('/index.html', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});

describe('without a build', () => {
  it('serves a helpful 503 page telling to run npm run build', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'openline-nobuild-'));
    const bare = await startServer({
      port: 0,
      dataDir: join(empty, 'data'),
      staticDir: join(empty, 'dist'),
      logLevel: 'silent',
    });
    try {
      const res = await fetch(`${bare.url}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build');
      expect((await fetch(`${bare.url}/api/health`)).status).toBe(200);
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('CSP in external SIP mode', () => {
  it('lets the page connect to the configured SIP WebSocket origin only', async () => {
    const other = mkdtempSync(join(tmpdir(), 'openline-csp-'));
    const ext = await startServer({
      port: 0,
      dataDir: join(other, 'data'),
      staticDir: join(other, 'dist'),
      logLevel: 'silent',
      sipServer: 'external',
      sipWsUrl: 'wss://sip.example.net/ws',
      ephemeralSecret: 'test-secret-test-secret-test-secret',
      voicemailSipListen: '127.0.0.1:0', // not the fixed default: test files run in parallel
    });
    try {
      const csp = (await fetch(`${ext.url}/api/health`)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain("connect-src 'self' wss://sip.example.net;");
    } finally {
      await ext.close();
      rmSync(other, { recursive: true, force: true });
    }
  });
});
