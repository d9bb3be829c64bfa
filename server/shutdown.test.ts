import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

let dir: string;
let child: ChildProcess | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openline-sigterm-'));
});
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `server/main.ts` as `npm start` does (without the build) and resolves with its URL. */
function startChild(): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      STATIC_DIR: join(dir, 'dist'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child!.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

describe('SIGTERM (issue 16.7)', () => {
  it(
    'closes WebSockets with 1001, finishes the request in flight, closes SQLite and exits 0',
    { timeout: 60_000 },
    async () => {
      const url = await startChild();
      const port = Number(new URL(url).port);

      const ws = new WebSocket(`${url.replace('http', 'ws')}/sip`, 'sip');
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const closeCode = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

      // A request whose body is still arriving when the signal comes.
      const body = JSON.stringify({ username: '1001', password: 'wrong-password' });
      const socket = connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      let response = '';
      socket.on('data', (c: Buffer) => (response += c.toString()));
      const answered = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write(
        `POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
      );
      // Make sure the server has begun reading the request before the signal.
      await new Promise((resolve) => setTimeout(resolve, 500));

      const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
      child!.kill('SIGTERM');
      expect(await closeCode).toBe(1001);
      socket.end(body.slice(10));
      await answered;
      expect(response).toMatch(/^HTTP\/1\.1 401 /);
      expect(response).toContain('"invalid_credentials"');

      expect(await exited).toBe(0);
      // better-sqlite3 checkpoints and removes the WAL file when the last connection closes cleanly.
      expect(existsSync(join(dir, 'openline.db'))).toBe(true);
      expect(existsSync(join(dir, 'openline.db-wal'))).toBe(false);
    },
  );
});
