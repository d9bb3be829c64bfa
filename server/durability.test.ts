/**
 * Durability (issue 16.7): `kill -9` while rooms are being written loses no committed row, and the
 * database opens cleanly afterwards (WAL mode, integrity check ok). "Committed" means the server
 * answered 200: the room row is inserted synchronously before the answer is sent. The API session
 * survives every kill too (sessions are rows in SQLite).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const PASSWORD = 'durability-secret';
const KILLS = 3;
/** Rooms acknowledged before each kill; requests keep being sent while the signal lands. */
const ACKED_BEFORE_KILL = 15;
const IN_FLIGHT = 4;

let dir: string;
let child: ChildProcess | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openline-durability-'));
});
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startServer(): Promise<string> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      STATIC_DIR: join(dir, 'dist'),
      DEMO_PASSWORD: PASSWORD,
      API_RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    proc.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

function killHard(proc: ChildProcess): Promise<void> {
  const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGKILL');
  return gone;
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: '1001', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = /^([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

/** Creates rooms from IN_FLIGHT concurrent loops until `stop()`; returns the acknowledged room ids. */
function writeRooms(
  url: string,
  cookie: string,
  onAck: (count: number) => void,
  onError: (e: unknown) => void,
) {
  const acked: string[] = [];
  let stopped = false;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        const res = await fetch(`${url}/api/webcall/rooms`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ customerName: `Customer ${acked.length}`, expiresInS: 3600 }),
        });
        if (res.status !== 200) throw new Error(`room creation answered ${res.status}: ${await res.text()}`);
        const room = (await res.json()) as { roomId: string };
        acked.push(room.roomId);
        onAck(acked.length);
      } catch (error) {
        if (stopped) return; // the server died under this request: not acknowledged, not counted
        throw error;
      }
    }
  };
  const loops = Array.from({ length: IN_FLIGHT }, () => loop().catch(onError));
  return {
    acked,
    /** No new requests; the ones in flight may still be answered (then they count) or die. */
    halt: (): void => {
      stopped = true;
    },
    settled: (): Promise<unknown> => Promise.all(loops),
  };
}

function inspect(): { journal: string; integrity: string; rooms: Set<string> } {
  const db = new Database(join(dir, 'openline.db'));
  try {
    const journal = db.pragma('journal_mode', { simple: true }) as string;
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const rows = db.prepare('SELECT room_id FROM webcall_rooms').all() as { room_id: string }[];
    return { journal, integrity, rooms: new Set(rows.map((r) => r.room_id)) };
  } finally {
    db.close();
  }
}

describe('kill -9 during writes (issue 16.7)', () => {
  it(
    `loses no acknowledged room across ${KILLS} hard kills and reopens cleanly`,
    { timeout: 90_000 },
    async () => {
      const committed: string[] = [];
      let cookie: string | null = null;
      for (let round = 0; round < KILLS; round++) {
        const url = await startServer();
        cookie ??= await signIn(url);
        const proc = child!;
        let reached!: () => void;
        let failed!: (error: unknown) => void;
        const enough = new Promise<void>((resolve, reject) => {
          reached = resolve;
          failed = reject;
        });
        const writer = writeRooms(
          url,
          cookie,
          (count) => {
            if (count >= ACKED_BEFORE_KILL) reached();
          },
          // A write refused before the kill fails the test now rather than at its timeout.
          (error) => failed(error),
        );
        await enough;
        // Requests are still in flight when the signal lands.
        writer.halt();
        await killHard(proc);
        await writer.settled();
        committed.push(...writer.acked);

        const { journal, integrity, rooms } = inspect();
        expect(journal).toBe('wal');
        expect(integrity).toBe('ok');
        const lost = committed.filter((id) => !rooms.has(id));
        expect(lost).toEqual([]);
      }
      expect(committed.length).toBeGreaterThanOrEqual(KILLS * ACKED_BEFORE_KILL);

      // The server starts on the killed database, and the session from before the first kill still works.
      const url = await startServer();
      const res = await fetch(`${url}/api/session`, { headers: { cookie: cookie! } });
      expect(res.status).toBe(200);
      expect(new Set(committed).size).toBe(committed.length);
      await killHard(child!);
    },
  );
});
