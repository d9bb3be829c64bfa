import { describe, expect, it } from 'vitest';
import { phonebookEtag, type DirectoryEntry, type PhonebookPage } from '../api/directory-schemas';
import { memoryContactsRepository } from '../storage/contacts-repository';
import { resolveCallerName } from './caller-names';
import { createContactsService } from './contacts';
import type { DirectorySource } from './directory-sync';

const entry = (id: string, name: string, number: string, sipUser: string | null = null): DirectoryEntry => ({
  id,
  name,
  organization: 'Openline',
  phones: [{ label: 'work', number }],
  sipUser,
  email: '',
  notes: '',
  updatedAt: 1,
});

/** A phonebook server in memory: revisions, tombstones, ETag and paging, as the real one. */
function fakeServer(pageSize = 2) {
  const rows: Array<{ rev: number; entry: DirectoryEntry | null; id: string }> = [];
  const calls: Array<{ since: number; etag: string | null }> = [];
  let rev = 0;
  const source: DirectorySource = {
    async changes(since, etag) {
      calls.push({ since, etag });
      if (etag && etag === phonebookEtag(rev)) return null;
      const after = rows.filter((r) => r.rev > since).sort((a, b) => a.rev - b.rev);
      const page = after.slice(0, pageSize);
      const more = after.length > pageSize;
      const result: PhonebookPage = {
        rev: more ? page[page.length - 1]!.rev : Math.max(since, rev),
        entries: page.flatMap((r) => (r.entry ? [r.entry] : [])),
        deleted: page.filter((r) => !r.entry).map((r) => r.id),
        more,
      };
      return result;
    },
  };
  return {
    source,
    calls,
    put(e: DirectoryEntry) {
      const i = rows.findIndex((r) => r.id === e.id);
      if (i >= 0) rows.splice(i, 1);
      rows.push({ rev: ++rev, entry: e, id: e.id });
    },
    remove(id: string) {
      const i = rows.findIndex((r) => r.id === id);
      if (i >= 0) rows.splice(i, 1);
      rows.push({ rev: ++rev, entry: null, id });
    },
  };
}

function setup() {
  const server = fakeServer();
  server.put(entry('sip:1001', 'Ada Agent', '1001', '1001'));
  server.put(entry('sip:1002', 'Ben Baker', '1002', '1002'));
  server.put(entry('ext:0123', 'Grace Hall', '+442079460123'));
  const repository = memoryContactsRepository();
  let n = 0;
  const service = createContactsService({
    repository,
    phonebook: server.source,
    region: 'GB',
    newId: () => `c${++n}`,
  });
  const names = () =>
    service
      .index()
      .all()
      .map((p) => p.name);
  const draft = (name: string, number: string) => ({
    name,
    organization: '',
    phones: [{ label: 'mobile', number }],
    sip: '',
    email: '',
    notes: '',
    favorite: false,
    channels: [],
  });
  return { server, repository, service, names, draft };
}

describe('contacts service', () => {
  it('syncs the directory on open, then incrementally with tombstones, then 304', async () => {
    const { server, service, names, repository } = setup();
    await service.open('1001@openline.local');
    expect(names()).toEqual(['Ada Agent', 'Ben Baker', 'Grace Hall']);
    expect(server.calls).toEqual([
      { since: 0, etag: null },
      { since: 2, etag: null },
    ]);
    const firstRev = (await repository.loadDirectory('1001@openline.local'))!.rev;

    server.remove('ext:0123');
    server.put(entry('ext:0124', 'Hana Ito', '+442079460124'));
    server.calls.length = 0;
    await service.syncDirectory();
    expect(server.calls[0]).toEqual({ since: firstRev, etag: phonebookEtag(firstRev) });
    expect(names()).toEqual(['Ada Agent', 'Ben Baker', 'Hana Ito']);

    const version = service.useStore.getState().version;
    server.calls.length = 0;
    await service.syncDirectory();
    expect(server.calls).toHaveLength(1); // answered 304: nothing re-fetched or re-indexed
    expect(service.useStore.getState().version).toBe(version);
  });

  it('merges local contacts over directory entries and resolves callers local first', async () => {
    const { service, names, draft } = setup();
    await service.open('1001@openline.local');
    const mine = await service.save(null, {
      ...draft('Grace (school)', '020 7946 0123'),
      phones: [{ label: 'mobile', number: '+442079460123' }],
    });
    expect(names()).toEqual(['Ada Agent', 'Ben Baker', 'Grace (school)']);
    const region = service.useStore.getState().region;
    const index = service.index();
    expect(resolveCallerName(index, { remoteUser: '02079460123' }, region)).toMatchObject({
      name: 'Grace (school)',
      source: 'contact',
    });
    expect(
      resolveCallerName(index, { remoteUser: '1001', remoteDisplayName: 'Spoofed' }, region),
    ).toMatchObject({ name: 'Ada Agent', source: 'directory' });
    expect(
      resolveCallerName(index, { remoteUser: '5555', remoteDisplayName: 'Guest' }, region),
    ).toMatchObject({ name: 'Guest', source: 'caller' });
    expect(resolveCallerName(index, { remoteUser: '5555', remoteDisplayName: ' ' }, region)).toEqual({
      name: '5555',
      source: 'number',
      personKey: null,
    });

    await service.save(null, {
      ...draft('Ada (renamed)', '1001'),
      phones: [{ label: 'work', number: '1001' }],
    });
    expect(resolveCallerName(service.index(), { remoteUser: '1001' }, region).name).toBe('Ada (renamed)');
    await service.remove(mine.id);
    expect(names()).toEqual(['Ada (renamed)', 'Ben Baker', 'Grace Hall']);
  });

  it('keeps each account to itself', async () => {
    const { service, names, draft } = setup();
    await service.open('1001@openline.local');
    await service.save(null, draft('Only 1001 sees me', '+442079460999'));
    await service.open('1002@openline.local');
    expect(names()).not.toContain('Only 1001 sees me');
    await service.open('1001@openline.local');
    expect(names()).toContain('Only 1001 sees me');
  });

  it('imports a vCard file whole or not at all', async () => {
    const { service, names } = setup();
    await service.open('1001@openline.local');
    const good = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ivy Imported\r\nTEL:020 7946 0500\r\nEND:VCARD\r\n';
    const bad = `${good}BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nTEL:nope\r\nEND:VCARD\r\n`;
    expect(await service.importVcards(bad)).toMatchObject({
      ok: false,
      error: expect.stringContaining('Card 2 (Broken)'),
    });
    expect(names()).not.toContain('Ivy Imported');
    expect(await service.importVcards(good)).toEqual({ ok: true, count: 1 });
    expect(
      service
        .index()
        .search('020 7946 0500')
        .map((p) => p.name),
    ).toEqual(['Ivy Imported']);
    await expect(service.exportVcards('4.0')).resolves.toContain('tel:+442079460500');
  });

  it('says why the directory could not be updated and keeps the cached one', async () => {
    const { service, names } = setup();
    await service.open('1001@openline.local');
    const failing = createContactsService({
      repository: memoryContactsRepository(),
      phonebook: { changes: () => Promise.reject(new Error('Cannot reach the server')) },
      region: 'GB',
    });
    await failing.open('1001@openline.local');
    expect(failing.useStore.getState().sync).toMatchObject({
      status: 'error',
      error: 'Could not update the directory: Cannot reach the server',
    });
    expect(names()).toHaveLength(3);
  });
});
