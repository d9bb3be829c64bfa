import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../app';
import { createLogger } from '../log';
import { PasswordThrottle } from './password-throttle';

const options = { accountFreeFailures: 5, ipFreeFailures: 20, baseMs: 1000, maxMs: 60_000, maxKeys: 100 };

describe('PasswordThrottle', () => {
  it('locks exponentially after the free failures and forgets the account on success', () => {
    let now = 0;
    const warnings: string[] = [];
    const log = createLogger('warn', (_l, line) => warnings.push(line));
    const t = new PasswordThrottle(log, options, () => now);
    const keys = { ip: '10.0.0.1', account: '1001' };
    for (let i = 0; i < 5; i++) t.failed(keys);
    expect(t.retryAfterMs(keys)).toBe(0);
    t.failed(keys);
    expect(t.retryAfterMs(keys)).toBe(1000);
    t.failed(keys);
    expect(t.retryAfterMs(keys)).toBe(2000);
    t.failed(keys);
    expect(t.retryAfterMs(keys)).toBe(4000);
    for (let i = 0; i < 20; i++) t.failed(keys);
    expect(t.retryAfterMs(keys)).toBe(60_000);
    expect(warnings).toHaveLength(2); // one per key (account, IP), not one per attempt
    now += 60_000;
    expect(t.retryAfterMs(keys)).toBe(0);
    t.succeeded(keys);
    // The IP stays suspicious; a fresh account behind it is still slowed down by the IP's record.
    expect(t.retryAfterMs({ ip: '10.0.0.1', account: '1002' })).toBe(0);
    t.failed({ ip: '10.0.0.1', account: '1002' });
    expect(t.retryAfterMs({ ip: '10.0.0.1', account: '1002' })).toBe(60_000);
    expect(t.retryAfterMs({ ip: '10.0.0.2', account: '1001' })).toBe(0);
  });

  it('remembers a bounded number of keys', () => {
    const t = new PasswordThrottle(createLogger('silent'), { ...options, maxKeys: 10 });
    for (let i = 0; i < 1000; i++) t.failed({ ip: `10.0.${i >> 8}.${i & 255}`, account: `u${i}` });
    expect((t as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(10);
  });
});

describe('POST /api/session under a brute-force attack', () => {
  let server: RunningServer;
  let dir: string;
  const warnings: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openline-throttle-'));
    const log = createLogger('warn', (level, line) => level === 'warn' && warnings.push(line));
    server = await startServer(
      {
        port: 0,
        dataDir: dir,
        staticDir: join(dir, 'dist'),
        demoPassword: 'right-password',
        // A short ceiling so the test can wait out the lock.
        passwordThrottle: { ...options, maxMs: 1000 },
      },
      log,
    );
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const login = (password: string) =>
    fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: '1001', password }),
    });

  it('answers 429 with Retry-After, refuses the right password during the lock, accepts it after', async () => {
    const statuses: number[] = [];
    let retryAfter = '';
    for (let i = 0; i < 60; i++) {
      const res = await login(`guess-${i}`);
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after') ?? '';
        expect(await res.json()).toMatchObject({ error: 'too_many_attempts' });
      }
    }
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(50);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);

    const during = await login('right-password');
    expect(during.status).toBe(429);
    expect(during.headers.get('set-cookie')).toBeNull();

    expect(warnings.filter((w) => w.includes('sign-in throttled'))).toHaveLength(1);

    await new Promise((resolve) =>
      setTimeout(resolve, Number(during.headers.get('retry-after')) * 1000 + 50),
    );
    const after = await login('right-password');
    expect(after.status).toBe(200);
    expect(after.headers.get('set-cookie')).toMatch(/^openline_session=/);
  });
});
