import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { VoicemailMessage } from '../api/voicemail-schemas';
import { DB_VERSION, openAppDbAt } from './db';
import { createIdbVoicemailCache, type VoicemailSnapshot } from './voicemail-cache-repository';

const message: VoicemailMessage = {
  id: 'm1',
  caller: '1001',
  callerName: 'Ada Agent',
  callId: 'c1',
  durationMs: 3000,
  receivedAt: 1_700_000_000_000,
  heard: false,
  mediaType: 'audio/ogg',
  sizeBytes: 1000,
};
const snapshot = (account: string): VoicemailSnapshot => ({
  account,
  savedAt: 1_700_000_100_000,
  messages: [{ ...message, caller: account }],
  counts: { unheard: 1, heard: 0 },
});

describe('IndexedDB migration v3 → v4 and the voicemail offline copy', () => {
  it('adds voicemailCache and keeps the v3 stores and their rows', async () => {
    const v3 = await openAppDbAt('migration-v3-v4', 3);
    const before = [...v3.objectStoreNames].sort();
    await v3.put('callLogMarks', { account: 'a@x', historyOpenedAt: 5 });
    v3.close();
    expect(DB_VERSION).toBeGreaterThanOrEqual(4);
    const v4 = await openAppDbAt('migration-v3-v4', 4);
    expect([...v4.objectStoreNames].sort()).toEqual([...before, 'voicemailCache'].sort());
    expect(await v4.get('callLogMarks', 'a@x')).toEqual({ account: 'a@x', historyOpenedAt: 5 });
    v4.close();
  });

  it('keeps one copy per account and never answers with another account’s', async () => {
    const db = () => openAppDbAt('vm-cache-accounts', DB_VERSION);
    const cache = createIdbVoicemailCache(db);
    await cache.put(snapshot('1001@openline.local'));
    await cache.put(snapshot('1002@openline.local'));
    expect(await cache.get('1001@openline.local')).toEqual(snapshot('1001@openline.local'));
    expect((await cache.get('1002@openline.local'))?.messages[0]?.caller).toBe('1002@openline.local');
    expect(await cache.get('1003@openline.local')).toBeNull();
  });

  it('a damaged record reads as nothing saved, and a bad snapshot is refused', async () => {
    const open = () => openAppDbAt('vm-cache-damaged', DB_VERSION);
    await (await open()).put('voicemailCache', { account: 'a@x', savedAt: 'yesterday' });
    const cache = createIdbVoicemailCache(open);
    expect(await cache.get('a@x')).toBeNull();
    await expect(
      cache.put({ ...snapshot('a@x'), messages: [{ ...message, sizeBytes: -1 }] }),
    ).rejects.toThrow();
  });
});
