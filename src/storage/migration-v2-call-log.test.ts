import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIdbCallLogRepository } from './call-log-repository';
import { entry } from './testing/call-log-fixtures';
import { DB_VERSION, openAppDbAt, type StoredSettingsV1 } from './db';

const settings: StoredSettingsV1 = {
  version: 1,
  signedIn: true,
  displayName: 'Ada',
  username: '1001',
  password: 'pw',
  domain: 'openline.local',
  wsUrl: 'ws://127.0.0.1/sip',
  iceServersText: '',
  autoAnswer: false,
  dtmfMethod: 'auto',
};

describe('IndexedDB migration v1 → v2 (call log)', () => {
  it('keeps the v1 settings and adds the per-account call log', async () => {
    const v1 = await openAppDbAt('migration-v1-v2', 1);
    expect([...v1.objectStoreNames]).toEqual(['settings']);
    await v1.put('settings', settings, 'account');
    v1.close();

    expect(DB_VERSION).toBeGreaterThanOrEqual(2);
    const v2 = await openAppDbAt('migration-v1-v2', 2);
    expect([...v2.objectStoreNames].sort()).toEqual(['callLog', 'callLogMarks', 'settings']);
    expect(await v2.get('settings', 'account')).toEqual(settings);
    expect([...v2.transaction('callLog').store.indexNames]).toEqual(['by-account-time']);

    const repo = createIdbCallLogRepository(async () => v2);
    await repo.put(entry({ id: 'after-migration' }));
    expect((await repo.list('1001@openline.local')).entries.map((e) => e.id)).toEqual(['after-migration']);
    v2.close();
  });

  it('a fresh install gets every store at once', async () => {
    const db = await openAppDbAt('migration-fresh');
    expect([...db.objectStoreNames].sort()).toEqual([
      'callLog',
      'callLogMarks',
      'chatConversations',
      'chatMessages',
      'contacts',
      'directory',
      'settings',
      'voicemailCache',
    ]);
    db.close();
  });
});
