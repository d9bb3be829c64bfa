import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIdbCallLogRepository, type CallLogEntry } from './call-log-repository';
import { entry } from './testing/call-log-fixtures';
import { openAppDbAt } from './db';

let dbCounter = 0;
function freshRepository() {
  const name = `call-log-test-${++dbCounter}`;
  const opened = openAppDbAt(name);
  return { repo: createIdbCallLogRepository(() => opened), opened };
}

describe('IndexedDB call-log repository', () => {
  it('lists one account newest first and never shows another account its entries', async () => {
    const { repo } = freshRepository();
    await repo.put(entry({ id: 'a', startedAt: 1_000 }));
    await repo.put(entry({ id: 'c', startedAt: 3_000 }));
    await repo.put(entry({ id: 'b', startedAt: 2_000 }));
    await repo.put(entry({ id: 'x', account: '1002@openline.local', startedAt: 2_500 }));
    const mine = await repo.list('1001@openline.local');
    expect(mine.entries.map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect(mine.skipped).toBe(0);
    expect((await repo.list('1002@openline.local')).entries.map((e) => e.id)).toEqual(['x']);
    expect((await repo.list('1003@openline.local')).entries).toEqual([]);
  });

  it('replaces an entry with the same id, deletes one, and clears only one account', async () => {
    const { repo } = freshRepository();
    await repo.put(entry({ id: 'a', outcome: 'missed' }));
    await repo.put(entry({ id: 'a', outcome: 'answered', answeredAt: 2_000, durationMs: 3_000 }));
    await repo.put(entry({ id: 'b' }));
    await repo.put(entry({ id: 'b', account: 'other@openline.local' }));
    expect((await repo.list('1001@openline.local')).entries.find((e) => e.id === 'a')?.outcome).toBe(
      'answered',
    );
    await repo.remove('1001@openline.local', 'a');
    expect((await repo.list('1001@openline.local')).entries.map((e) => e.id)).toEqual(['b']);
    await repo.clear('1001@openline.local');
    expect((await repo.list('1001@openline.local')).entries).toEqual([]);
    expect((await repo.list('other@openline.local')).entries.map((e) => e.id)).toEqual(['b']);
  });

  it('skips and counts rows that fail validation instead of failing the whole list', async () => {
    const { repo, opened } = freshRepository();
    await repo.put(entry({ id: 'good' }));
    const db = await opened;
    // Rows written by a buggy or future version: an unknown outcome, a number where text belongs.
    await db.put('callLog', { ...entry({ id: 'bad' }), outcome: 'exploded' } as unknown as CallLogEntry);
    await db.put('callLog', { ...entry({ id: 'worse' }), remoteUser: 42 } as unknown as CallLogEntry);
    const page = await repo.list('1001@openline.local');
    expect(page.entries.map((e) => e.id)).toEqual(['good']);
    expect(page.skipped).toBe(2);
  });

  it('refuses to store an entry that breaks the schema, with the field named', async () => {
    const { repo } = freshRepository();
    await expect(repo.put(entry({ sipStatus: 42 }))).rejects.toThrow(/sipStatus/);
  });

  it('keeps the "History opened" mark per account', async () => {
    const { repo } = freshRepository();
    expect(await repo.openedAt('1001@openline.local')).toBe(0);
    await repo.markOpened('1001@openline.local', 7_000);
    expect(await repo.openedAt('1001@openline.local')).toBe(7_000);
    expect(await repo.openedAt('1002@openline.local')).toBe(0);
  });
});
