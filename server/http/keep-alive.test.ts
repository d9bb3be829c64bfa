import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../app';
import { MAX_JSON_BODY_BYTES } from '../api/router';

let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openline-keepalive-'));
  server = await startServer({
    port: 0,
    dataDir: join(dir, 'data'),
    staticDir: join(dir, 'dist'),
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes `requests` on one TCP connection (one after another) and returns everything read until EOF. */
function exchange(requests: Buffer[], gapMs = 0): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('close', () => resolve(text));
    // A reset after the server closed on purpose (we were still writing the body) ends the exchange too.
    socket.on('error', () => resolve(text));
    socket.on('connect', () => {
      void (async () => {
        for (const r of requests) {
          if (socket.destroyed) break;
          socket.write(r);
          if (gapMs) await new Promise((d) => setTimeout(d, gapMs));
        }
      })();
    });
  });
}

const oversized = () => {
  const body = Buffer.alloc(MAX_JSON_BODY_BYTES + 1024, 'a');
  return Buffer.concat([
    Buffer.from(
      `POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    ),
    body,
  ]);
};
const health = (close: boolean) =>
  Buffer.from(`GET /api/health HTTP/1.1\r\nHost: x${close ? '\r\nConnection: close' : ''}\r\n\r\n`);

describe('early errors and keep-alive', () => {
  it('a 413 closes the connection instead of parsing the unread body as the next request', async () => {
    const text = await exchange([oversized(), health(true)]);
    const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1]);
    expect(statuses[0]).toBe('413');
    // Either the second request is answered properly, or the server said it would close; never a 400
    // from parsing the rest of the oversized body as a request line.
    if (statuses.length > 1) expect(statuses.slice(1)).toEqual(['200']);
    else expect(text).toMatch(/^connection: close$/im);
    expect(text).not.toMatch(/^HTTP\/1\.1 400/m);
  });

  it('an unsupported media type with an unread body closes the connection the same way', async () => {
    const body = 'x'.repeat(64 * 1024);
    const first = Buffer.from(
      `POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    const text = await exchange([first, health(true)]);
    const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1]);
    expect(statuses[0]).toBe('415');
    if (statuses.length > 1) expect(statuses.slice(1)).toEqual(['200']);
    else expect(text).toMatch(/^connection: close$/im);
    expect(text).not.toMatch(/^HTTP\/1\.1 400/m);
  });
});
