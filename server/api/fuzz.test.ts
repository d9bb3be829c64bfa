/**
 * Issue 15.13 (API part): malformed, wrong-typed and oversized JSON bodies sent to every JSON endpoint,
 * signed in and not. Any 5xx fails. Small budget and a fixed seed: fast and the same on every run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../app';
import { MAX_JSON_BODY_BYTES } from './router';
import { prng } from '../../src/lib/testing/prng';

const SEED = 0x0badc0de;
const BODIES_PER_ENDPOINT = 24;

const KEYS = [
  'username',
  'password',
  'context',
  'data',
  'outcome',
  'notes',
  'provider',
  'customerName',
  'ticket',
  'channel',
  'to',
  'ttlSeconds',
  'password2',
  '__proto__',
  'constructor',
  'prototype',
  '',
];

function fuzzBodies(random: () => number): Array<{ type: string; body: string | Uint8Array }> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const value = (depth: number): unknown => {
    const r = random();
    if (depth > 3 || r < 0.15) return pick([null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, NaN]);
    if (r < 0.35)
      return pick(['', 'a', '1001', 'x'.repeat(5000), '\u0000', '\ud800', '<script>', '../../etc']);
    if (r < 0.55) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: 1 + Math.floor(random() * 4) }, () => [pick(KEYS), value(depth + 1)]),
    );
  };
  const json = 'application/json';
  const out: Array<{ type: string; body: string | Uint8Array }> = [
    { type: json, body: '' },
    { type: json, body: 'null' },
    { type: json, body: '[]' },
    { type: json, body: '"string"' },
    { type: json, body: '{"username":' },
    { type: json, body: '{"__proto__":{"isAdmin":true},"username":"1001","password":"x"}' },
    { type: json, body: '['.repeat(100_000) + ']'.repeat(100_000) },
    { type: json, body: Buffer.alloc(MAX_JSON_BODY_BYTES + 1, 0x20) },
    { type: json, body: Buffer.from([0xff, 0xfe, 0x7b, 0x00]) },
    { type: 'text/plain', body: '{}' },
    { type: 'application/x-www-form-urlencoded', body: 'username=1001&password=openline' },
    { type: 'application/json; charset=utf-16', body: '{}' },
  ];
  while (out.length < BODIES_PER_ENDPOINT) {
    const text = JSON.stringify(value(0)) ?? 'null';
    // Sometimes cut the text or flip one character: malformed JSON.
    const r = random();
    const cut = r < 0.2 ? text.slice(0, Math.floor(random() * text.length)) : text;
    const flipped =
      r > 0.8 && cut.length > 0
        ? cut.slice(0, Math.floor(random() * cut.length)) +
          pick(['{', '"', '\\', ',', '\u0000']) +
          cut.slice(1)
        : cut;
    out.push({ type: json, body: flipped });
  }
  return out;
}

let server: RunningServer;
let dir: string;
let cookie = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openline-fuzz-'));
  server = await startServer({
    port: 0,
    dataDir: dir,
    staticDir: join(dir, 'dist'),
    logLevel: 'silent',
    apiRateLimitPerMinute: 100_000,
  });
  const login = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: '1001', password: 'openline' }),
  });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('JSON endpoint fuzzing', () => {
  it(
    'answers every malformed, wrong-typed or oversized body with a 4xx, never a 5xx',
    { timeout: 120_000 },
    async () => {
      const random = prng(SEED);
      const endpoints = server
        .apiEndpoints()
        // Bodies go to POST/PUT/PATCH; DELETE /api/session would only sign the fuzzer out.
        .filter((e) => ['POST', 'PUT', 'PATCH'].includes(e.method));
      expect(endpoints.map((e) => `${e.method} ${e.path}`)).toContain('POST /api/session');
      const failures: string[] = [];
      let sent = 0;
      for (const { method, path } of endpoints) {
        const concrete = path.replace(/:(\w+)/g, (_m, name: string) =>
          name === 'id' ? 'crm-lookup' : 'room-1',
        );
        for (const { type, body } of fuzzBodies(random)) {
          for (const auth of [cookie, '']) {
            const res = await fetch(`${server.url}${concrete}`, {
              method,
              headers: { 'content-type': type, ...(auth ? { cookie: auth } : {}) },
              body: typeof body === 'string' ? body : new Uint8Array(body),
            });
            await res.arrayBuffer();
            sent += 1;
            if (res.status >= 500 || res.status < 200) {
              failures.push(`${method} ${concrete} ${String(body).slice(0, 60)} -> ${res.status}`);
            }
          }
        }
      }
      expect(sent).toBeGreaterThan(endpoints.length * BODIES_PER_ENDPOINT);
      expect(failures).toEqual([]);
    },
  );
});
