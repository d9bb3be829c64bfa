import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../app';

describe('load shedding (@fastify/under-pressure)', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openline-pressure-'));
    mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>Openline</title>');
    writeFileSync(join(dir, 'dist', 'assets', 'app-1234.css'), 'body{color:red}');
    // Any heap is "too much": the server is under pressure from its first sample on.
    server = await startServer({
      port: 0,
      dataDir: dir,
      staticDir: join(dir, 'dist'),
      logLevel: 'silent',
      maxHeapUsedBytes: 1,
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('/api/health says honestly that the server is overloaded (503, Retry-After), and the API sheds load, not the site', async () => {
    let res = await fetch(`${server.url}/api/health`);
    // under-pressure takes its first sample shortly after start.
    for (let i = 0; i < 50 && res.status === 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      res = await fetch(`${server.url}/api/health`);
    }
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('10');
    expect(await res.json()).toMatchObject({ error: 'overloaded' });
    const login = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: '1001', password: 'openline' }),
    });
    expect(login.status).toBe(503);
    // The page and its assets still load: a page without its stylesheet or script would stay broken.
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Openline</title>');
    const css = await fetch(`${server.url}/assets/app-1234.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toBe('body{color:red}');
  });
});
