/**
 * Embedding on the server (issue 13, ADR 0018): the allow-list drives CSP frame-ancestors and
 * X-Frame-Options on every response from the next request on (no restart), the session cookie becomes
 * partitioned SameSite=None only while embedding is on, and a bad list is refused with the field's path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEBPHONE_CONFIG, type WebphoneConfig } from '../../src/api/webphone-schemas';
import { startSignedInServer, TEST_PASSWORD, type SignedInServer } from '../testing/signed-in-server';

let running: SignedInServer;
let url: string;

beforeAll(async () => {
  running = await startSignedInServer(['1001'], {}, 'openline-embedding-');
  url = running.server.url;
});
afterAll(() => running.close());

const withOrigins = (allowedOrigins: string[]): WebphoneConfig => ({
  ...DEFAULT_WEBPHONE_CONFIG,
  embed: { allowedOrigins },
});

const save = (config: unknown) =>
  fetch(`${url}/api/webphone/config`, {
    method: 'PUT',
    headers: { cookie: running.cookies['1001'] ?? '', 'Content-Type': 'application/json' },
    body: JSON.stringify(config),
  });

const frameAncestors = (res: Response) =>
  /frame-ancestors ([^;]*)/.exec(res.headers.get('content-security-policy') ?? '')?.[1];

const signIn = () =>
  fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: '1001', password: TEST_PASSWORD }),
  });

describe('embedding allow-list', () => {
  it('is not embeddable by default: frame-ancestors none, X-Frame-Options DENY, Strict cookie', async () => {
    for (const path of ['/', '/join', '/api/health']) {
      const res = await fetch(`${url}${path}`, { headers: { accept: 'text/html' } });
      expect([path, frameAncestors(res), res.headers.get('x-frame-options')]).toEqual([
        path,
        "'none'",
        'DENY',
      ]);
    }
    const cookie = (await signIn()).headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Partitioned/i);
  });

  it('follows a saved list at once: frame-ancestors self + origins, no X-Frame-Options, CHIPS cookie', async () => {
    expect((await save(withOrigins(['https://desk.example.com', 'http://localhost:18302']))).status).toBe(
      200,
    );
    const res = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect(frameAncestors(res)).toBe("'self' https://desk.example.com http://localhost:18302");
    expect(res.headers.get('x-frame-options')).toBeNull();
    const cookie = (await signIn()).headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/SameSite=None/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/Partitioned/i);
    expect(cookie).toMatch(/HttpOnly/i);

    expect((await save(withOrigins([]))).status).toBe(200);
    const after = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect([frameAncestors(after), after.headers.get('x-frame-options')]).toEqual(["'none'", 'DENY']);
    expect((await signIn()).headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
  });

  it('refuses a bad origin with its path, and changes nothing', async () => {
    for (const bad of [
      'https://*.example.com',
      'http://evil.example.com',
      "https://a.example.com 'unsafe-inline'",
    ]) {
      const res = await save(withOrigins(['https://ok.example.com', bad]));
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain('embed.allowedOrigins.1');
    }
    const res = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect(frameAncestors(res)).toBe("'none'");
  });
});
