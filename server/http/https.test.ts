import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../app';

const login = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username: '1001', password: 'openline' }),
  });

describe('HTTPS behind a reverse proxy (issue 15.12)', () => {
  let dir: string;
  let trusting: RunningServer;
  let direct: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openline-https-'));
    const base = { port: 0, staticDir: join(dir, 'dist'), logLevel: 'silent' } as const;
    trusting = await startServer({ ...base, dataDir: join(dir, 'a'), trustProxy: true });
    direct = await startServer({ ...base, dataDir: join(dir, 'b') });
  });
  afterAll(async () => {
    await trusting.close();
    await direct.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('with TRUST_PROXY, X-Forwarded-Proto: https gives Secure cookies and HSTS', async () => {
    const res = await login(trusting.url, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    const page = await fetch(`${trusting.url}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(page.headers.get('strict-transport-security')).toMatch(/^max-age=/);
  });

  it('plain HTTP gets neither, even behind a trusted proxy', async () => {
    const res = await login(trusting.url, { 'x-forwarded-proto': 'http' });
    expect(res.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('without TRUST_PROXY, a forged X-Forwarded-Proto is ignored', async () => {
    const res = await login(direct.url, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});
