import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '../lib/contacts/model';
import { idbContactsRepository } from './contacts-repository';
import { closeAppDb, DB_NAME, DB_VERSION, openAppDb } from './db';

const contact = (id: string, name: string): Contact => ({
  id,
  name,
  organization: '',
  phones: [{ label: 'mobile', number: '+442079460123' }],
  sip: '',
  email: '',
  notes: '',
  favorite: false,
  channels: [{ channel: 'whatsapp', id: '442079460123' }],
  updatedAt: 1,
});

afterEach(async () => {
  closeAppDb();
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
});

describe('contacts repository (IndexedDB v3)', () => {
  it('upgrades a v1 database without losing the saved settings', async () => {
    const v1 = await openDB(DB_NAME, 1, { upgrade: (db) => void db.createObjectStore('settings') });
    await v1.put('settings', { username: '1001' }, 'account');
    v1.close();
    const db = await openAppDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(
      expect.arrayContaining(['contacts', 'directory', 'settings']),
    );
    expect(await db.get('settings', 'account')).toEqual({ username: '1001' });
  });

  it('keeps contacts per account', async () => {
    await idbContactsRepository.put('1001', contact('a', 'Ada'));
    await idbContactsRepository.putMany('1002', [contact('b', 'Ben'), contact('c', 'Cleo')]);
    expect((await idbContactsRepository.list('1001')).map((c) => c.name)).toEqual(['Ada']);
    expect((await idbContactsRepository.list('1002')).map((c) => c.name).sort()).toEqual(['Ben', 'Cleo']);
    await idbContactsRepository.remove('1002', 'b');
    expect((await idbContactsRepository.list('1002')).map((c) => c.name)).toEqual(['Cleo']);
    expect(await idbContactsRepository.list('1001')).toEqual([contact('a', 'Ada')]);
  });

  it('refuses an invalid contact, and a batch with one invalid contact stores none of it', async () => {
    await expect(idbContactsRepository.put('1001', { ...contact('x', ''), name: '' })).rejects.toThrow();
    await expect(
      idbContactsRepository.putMany('1001', [
        contact('ok', 'Ok'),
        { ...contact('bad', 'Bad'), phones: [{ label: 'x', number: 'nope' }] },
      ]),
    ).rejects.toThrow();
    expect(await idbContactsRepository.list('1001')).toEqual([]);
  });

  it('caches the directory per account and drops a cache that no longer parses', async () => {
    const entry = {
      id: 'sip:1002',
      name: 'Ben Baker',
      organization: '',
      phones: [{ label: 'extension', number: '1002' }],
      sipUser: '1002',
      email: '',
      notes: '',
      updatedAt: 5,
    };
    await idbContactsRepository.saveDirectory({
      account: '1001',
      rev: 7,
      etag: '"pb-7"',
      entries: [entry],
      syncedAt: 9,
    });
    expect(await idbContactsRepository.loadDirectory('1001')).toMatchObject({ rev: 7, entries: [entry] });
    expect(await idbContactsRepository.loadDirectory('1002')).toBeNull();
    const db = await openAppDb();
    await db.put('directory', {
      account: '1003',
      rev: 1,
      etag: null,
      entries: [{ id: 5 }] as never,
      syncedAt: 1,
    });
    expect(await idbContactsRepository.loadDirectory('1003')).toBeNull();
  });
});
