import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore } from '../accounts';
import { startServer } from '../app';
import { SECRET_FILE } from '../credentials/secret-file';
import { openDatabase, type Db } from '../db';
import { seedDemoAccounts } from '../seed/demo';
import { SessionStore } from './session';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openline-sessions-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SessionStore in SQLite', () => {
  let db: Db;
  let now: number;
  let store: SessionStore;
  const ada = { username: '1001', displayName: 'Ada Agent' };

  beforeEach(() => {
    db = openDatabase(dir);
    const accounts = new AccountStore(db, 'openline.local');
    seedDemoAccounts(accounts, 'pw');
    now = 1_000_000;
    store = new SessionStore(db, accounts, { ttlMs: 10_000, idleMs: 3_000, maxPerAccount: 3 }, () => now);
  });
  afterEach(() => db.close());

  it('caps the sessions of one account, ending the oldest', () => {
    const tokens = Array.from({ length: 5 }, () => {
      now += 1;
      return store.create(ada).token;
    });
    expect(tokens.map((t) => store.lookup(t) !== null)).toEqual([false, false, true, true, true]);
    const rows = db.prepare('SELECT count(*) AS n FROM api_sessions WHERE username = ?').get('1001');
    expect(rows).toEqual({ n: 3 });
  });

  it('ends a session after the idle timeout and at its expiry even when used', () => {
    const idle = store.create(ada).token;
    const busy = store.create(ada).token;
    now += 2_000;
    expect(store.lookup(busy)).not.toBeNull();
    now += 1_500; // idle: 3.5 s since its last use
    expect(store.lookup(idle)).toBeNull();
    for (let i = 0; i < 10; i++) {
      now += 1_000;
      store.lookup(busy);
    }
    expect(store.lookup(busy)).toBeNull(); // 13.5 s after sign-in: past the 10 s lifetime
  });

  it('stores only a hash of the token', () => {
    const { token } = store.create(ada);
    const stored = db.prepare('SELECT token_hash FROM api_sessions').all() as Array<{ token_hash: string }>;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);
  });
});

describe('a server restart with the same DATA_DIR', () => {
  it('keeps API sessions and the ephemeral secret (file mode 0600)', async () => {
    const options = { port: 0, dataDir: dir, staticDir: join(dir, 'dist'), logLevel: 'silent' } as const;
    const first = await startServer(options);
    const login = await fetch(`${first.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: '1002', password: 'openline' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const secret = first.options.ephemeralSecret;
    await first.close();

    expect(statSync(join(dir, SECRET_FILE)).mode & 0o777).toBe(0o600);

    const second = await startServer(options);
    try {
      expect(second.options.ephemeralSecret).toBe(secret);
      const me = await fetch(`${second.url}/api/session`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ username: '1002' });
      const nobody = await fetch(`${second.url}/api/session`, { headers: { cookie: 'openline_session=x' } });
      expect(nobody.status).toBe(401);
      expect(await nobody.json()).toEqual({ error: 'unauthenticated', message: 'Not signed in.' });
    } finally {
      await second.close();
    }
  });
});
