import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../db';
import { MIGRATIONS } from '../db/migrations';
import { seedDirectory } from '../seed/directory';
import { DirectoryStore } from './store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function freshDb(migrations = MIGRATIONS) {
  const dir = mkdtempSync(join(tmpdir(), 'openline-directory-'));
  dirs.push(dir);
  return openDatabase(dir, migrations);
}

describe('directory store', () => {
  it('migration 7 moves the agent CRM phonebook into the directory and drops the old table', () => {
    const db = freshDb(MIGRATIONS.filter((m) => m.version < 7));
    db.prepare(
      `INSERT INTO agent_phonebook (number, name, company, email, notes) VALUES
       ('1002', 'Ben Baker', 'Baker & Sons', 'ben@example.com', 'Mornings'),
       ('+442079460555', 'Old Customer', 'Oldco', '', '')`,
    ).run();
    expect(migrate(db)).toContain(7);
    const directory = new DirectoryStore(db);
    expect(directory.lookup('sip:+442079460555@openline.local')).toMatchObject({ name: 'Old Customer' });
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'agent_phonebook'`).get()).toBeUndefined();
    // An account with the CRM row's number adopts it: one entry, the account's name, the CRM's details.
    directory.upsertAccount('1002', 'Ben B.');
    const ben = directory.changes(0).entries.filter((e) => e.phones.some((p) => p.number === '1002'));
    expect(ben).toEqual([
      expect.objectContaining({ name: 'Ben B.', sipUser: '1002', organization: 'Baker & Sons' }),
    ]);
    db.close();
  });

  it('seeding again changes no revision (clients see no spurious changes after a restart)', () => {
    const db = freshDb();
    const directory = new DirectoryStore(db);
    const accounts = [{ username: '1001', displayName: 'Ada Agent' }];
    seedDirectory(directory, accounts, 20);
    const rev = directory.revision();
    seedDirectory(directory, accounts, 20);
    expect(directory.revision()).toBe(rev);
    directory.upsertAccount('1001', 'Ada Lovelace');
    expect(directory.revision()).toBe(rev + 1);
    expect(directory.lookup('1001')?.name).toBe('Ada Lovelace');
    db.close();
  });

  it('a deleted entry is no longer found and leaves a tombstone; recreating it revives it', () => {
    const db = freshDb();
    const directory = new DirectoryStore(db);
    seedDirectory(directory, [], 5);
    const before = directory.revision();
    const entry = directory.get('ext:0001')!;
    expect(directory.remove('ext:0001')).toBe(true);
    expect(directory.remove('ext:0001')).toBe(false);
    expect(directory.lookup(entry.phones[0]!.number)).toBeUndefined();
    expect(directory.changes(before)).toMatchObject({ entries: [], deleted: ['ext:0001'] });
    directory.upsert(entry);
    expect(directory.changes(before + 1)).toMatchObject({ entries: [{ id: 'ext:0001' }], deleted: [] });
    db.close();
  });
});
