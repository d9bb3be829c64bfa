import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../scripts/precompress.mjs';
import { startServer, type RunningServer } from '../app';

let server: RunningServer;
let dir: string;
let mainJs: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openline-compress-'));
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  mainJs = Buffer.from(
    Array.from({ length: 400 }, (_, i) => `export const v${i} = "value ${i}";\n`).join(''),
  );
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), mainJs);
  writeFileSync(join(dist, 'index.html'), `<!doctype html><title>Openline</title>${'<p>x</p>'.repeat(300)}`);
  writeFileSync(join(dist, 'icon.png'), Buffer.alloc(4096, 1));
  const totals = await precompressDir(dist);
  expect(totals.files).toBe(2);
  server = await startServer({ port: 0, dataDir: join(dir, 'data'), staticDir: dist, logLevel: 'silent' });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Raw GET (fetch would decode the body and hide Content-Encoding handling). */
function get(path: string, headers: Record<string, string>) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compressed responses', () => {
  it('sends the precompressed Brotli file for Accept-Encoding: br, decoding to the same bytes', async () => {
    const res = await get('/assets/index-abc123.js', { 'accept-encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(res.body.length).toBeLessThan(mainJs.length / 3);
    expect(brotliDecompressSync(res.body).equals(mainJs)).toBe(true);
  });

  it('sends gzip to gzip-only clients and identity when nothing is accepted, always with Vary', async () => {
    const gz = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(mainJs)).toBe(true);
    const plain = await get('/assets/index-abc123.js', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(mainJs)).toBe(true);
    expect(String(plain.headers.vary).toLowerCase()).toContain('accept-encoding');
  });

  it('compresses the app shell and leaves binary files alone', async () => {
    const shell = await get('/', { 'accept-encoding': 'br, gzip' });
    expect(shell.headers['content-encoding']).toBe('br');
    expect(shell.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(shell.body).toString()).toContain('<title>Openline</title>');
    const png = await get('/icon.png', { 'accept-encoding': 'br, gzip' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.length).toBe(4096);
  });

  it('compresses large dynamic JSON and not small answers', async () => {
    const login = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: '1001', password: 'openline' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const big = await get('/api/softphone/buttons', { cookie, 'accept-encoding': 'br' });
    expect(big.status).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    expect(String(big.headers.vary).toLowerCase()).toContain('accept-encoding');
    const decoded = JSON.parse(brotliDecompressSync(big.body).toString()) as unknown[];
    expect(decoded.length).toBeGreaterThan(0);
    const small = await get('/api/health', { 'accept-encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toMatchObject({ status: 'ok' });
  });
});
