import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../app';

let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'openline-session-'));
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demoPassword: 'pw', logLevel: 'error' });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('API sessions', () => {
  it('signs in with the SIP password and sets an httpOnly SameSite=Strict cookie', async () => {
    const res = await post('/api/session', { username: '1001', password: 'pw' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: '1001', displayName: 'Ada Agent' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^openline_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const token = cookie.split(';')[0]!;
    const me = await fetch(`${server.url}/api/session`, { headers: { cookie: token } });
    expect(await me.json()).toEqual({ username: '1001', displayName: 'Ada Agent' });
    const out = await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { cookie: token } });
    expect(out.status).toBe(204);
    const after = await fetch(`${server.url}/api/session`, { headers: { cookie: token } });
    expect(after.status).toBe(401);
  });

  it('a wrong password or unknown user is 401 with a clear message', async () => {
    for (const body of [
      { username: '1001', password: 'nope' },
      { username: '9999', password: 'pw' },
    ]) {
      const res = await post('/api/session', body);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: 'invalid_credentials',
        message: 'Wrong username or password.',
      });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('rejects bodies that are not JSON, malformed, or missing fields', async () => {
    const form = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=1001&password=pw',
    });
    expect(form.status).toBe(415);
    const broken = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"username":',
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toBe('bad_json');
    const missing = await post('/api/session', { username: '1001' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).message).toMatch(/^password:/);
  });

  it('a forged or absent cookie is not a session', async () => {
    expect((await fetch(`${server.url}/api/session`)).status).toBe(401);
    const forged = await fetch(`${server.url}/api/session`, { headers: { cookie: 'openline_session=abc' } });
    expect(forged.status).toBe(401);
  });
});
