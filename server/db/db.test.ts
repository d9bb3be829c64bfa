import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountStore } from '../accounts';
import { DEMO_CHANNEL } from '../channels/options';
import { ChannelStore } from '../channels/store';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../seed/demo';
import { computeHa1 } from '../sip/digest';
import { migrate, openDatabase } from '.';
import { MIGRATIONS } from './migrations';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'openline-db-'));
  dirs.push(d);
  return join(d, 'nested', 'data');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('database', () => {
  it('creates the data dir, uses WAL and applies migrations once', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db.prepare('SELECT version FROM schema_migrations').all();
    expect(versions).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version })).sort((a, b) => a.version - b.version),
    );
    expect(migrate(db)).toEqual([]);
    db.close();
    const again = openDatabase(dir);
    expect(migrate(again)).toEqual([]);
    again.close();
  });

  it('rolls back a failing migration', () => {
    const db = openDatabase(tempDir());
    expect(() =>
      migrate(db, [{ version: 999, name: 'broken', sql: 'CREATE TABLE t (x); SELECT * FROM nope;' }]),
    ).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 999').get()).toBeUndefined();
    db.close();
  });

  it('seeds demo accounts as HA1 and re-seeds with a new password, keeping created_at', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const accounts = new AccountStore(db, 'openline.local');
    seedDemoAccounts(accounts, 'first');
    expect(accounts.list().map((a) => [a.username, a.displayName])).toEqual(
      DEMO_ACCOUNTS.map((a) => [a.username, a.displayName]),
    );
    expect(accounts.ha1('1001')).toBe(computeHa1('1001', 'openline.local', 'first'));
    const created = db.prepare("SELECT created_at FROM accounts WHERE username = '1001'").get();
    const stored = JSON.stringify(db.prepare('SELECT * FROM accounts').all());
    expect(stored).not.toContain('first');

    seedDemoAccounts(accounts, 'second');
    expect(accounts.ha1('1001')).toBe(computeHa1('1001', 'openline.local', 'second'));
    expect(db.prepare("SELECT created_at FROM accounts WHERE username = '1001'").get()).toEqual(created);
    db.close();

    // A different realm ignores HA1s computed for the old one until re-seeded.
    const db2 = openDatabase(dir);
    const other = new AccountStore(db2, 'example.com');
    expect(other.get('1001')).toBeUndefined();
    seedDemoAccounts(other, 'second');
    expect(other.ha1('1001')).toBe(computeHa1('1001', 'example.com', 'second'));
    db2.close();
  });
});

describe('migration 13 (accounts administration)', () => {
  it('keeps existing accounts, enabled, without a company; the seed puts the demo ones in Openline Demo', () => {
    const dir = tempDir();
    const before13 = openDatabase(
      dir,
      MIGRATIONS.filter((m) => m.version < 13),
    );
    before13
      .prepare(
        "INSERT INTO accounts (username, display_name, realm, ha1, created_at, updated_at) VALUES ('2001', 'Old', 'x', 'h', 1, 1)",
      )
      .run();
    before13.close();
    const db = openDatabase(dir);
    const accounts = new AccountStore(db, 'x');
    expect(accounts.get('2001')).toMatchObject({ company: null, disabledAt: null, createdBy: 'seed' });
    seedDemoAccounts(accounts, 'pw');
    expect(accounts.get('1001')?.company).toBe('Openline Demo');
    accounts.setCompanies([{ username: '1001', company: 'Changed' }]);
    seedDemoAccounts(accounts, 'pw'); // a restart keeps an admin's change
    expect(accounts.get('1001')?.company).toBe('Changed');
    expect(() => accounts.setCompanies([{ username: '2001', company: 'x'.repeat(61) }])).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 21 (channel call links: the room provider)', () => {
  it('fills in each existing link’s provider from its webcall room, SIP when the room is unknown', () => {
    const dir = tempDir();
    const before21 = openDatabase(
      dir,
      MIGRATIONS.filter((m) => m.version < 21),
    );
    const store = new ChannelStore(before21);
    store.configure([DEMO_CHANNEL]);
    const conversation = store.createConversation(
      store.customer(DEMO_CHANNEL.id, '4477', 'W'),
      '1002',
      'available',
    );
    const room = before21.prepare(
      `INSERT INTO webcall_rooms (room_id, provider, agent, customer_name, ticket, guest_user, created_at, expires_at)
       VALUES (?, ?, '1002', NULL, NULL, 'g', 1, 2)`,
    );
    room.run('sb', 'sendbird');
    room.run('sp', 'sip');
    const link = before21.prepare(
      `INSERT INTO channel_call_links (room_id, conversation, agent, guest_user, expires_at, sent_at)
       VALUES (?, ?, '1002', 'g', 2, 1)`,
    );
    for (const id of ['sb', 'sp', 'unknown']) link.run(id, conversation);
    before21.close();
    const db = openDatabase(dir);
    const after = new ChannelStore(db);
    expect(['sb', 'sp', 'unknown'].map((id) => after.callLink(id)?.provider)).toEqual([
      'sendbird',
      'sip',
      'sip',
    ]);
    expect(() =>
      db.prepare("UPDATE channel_call_links SET provider = 'skype' WHERE room_id = 'sb'").run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 22 (channel audio and video in the attachment store)', () => {
  it('keeps existing attachments and indexes, takes audio and video, still refuses other types', () => {
    const dir = tempDir();
    const before = openDatabase(
      dir,
      MIGRATIONS.filter((m) => m.version < 22),
    );
    const insert = `INSERT INTO chat_attachments (id, owner, recipient, type, name, size, created_at)
                    VALUES (?, 'o', 'r', ?, 'n', 1, 1)`;
    before.prepare(insert).run('old-png', 'image/png');
    expect(() => before.prepare(insert).run('early-ogg', 'audio/ogg')).toThrow(/CHECK/);
    before.close();
    const db = openDatabase(dir);
    expect(db.prepare('SELECT id, type FROM chat_attachments').all()).toEqual([
      { id: 'old-png', type: 'image/png' },
    ]);
    for (const [i, type] of ['audio/ogg', 'audio/mpeg', 'audio/mp4', 'video/mp4', 'video/webm'].entries())
      db.prepare(insert).run(`new-${i}`, type);
    expect(() => db.prepare(insert).run('svg', 'image/svg+xml')).toThrow(/CHECK/);
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'chat_attachments' AND sql IS NOT NULL",
      )
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining([{ name: 'chat_attachments_by_owner' }, { name: 'chat_attachments_by_age' }]),
    );
    db.close();
  });
});
