import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PhonebookPage } from '../../src/api/directory-schemas';
import { AgentActionsResponse } from '../../src/api/schemas';
import type { RunningServer } from '../app';
import { openDatabase } from '../db';
import { DEMO_EXTERNAL_CONTACTS } from '../seed/directory';
import { startSignedInServer, type SignedInServer } from '../testing/signed-in-server';
import { DirectoryStore } from './store';

let running: SignedInServer;
let server: RunningServer;
let dataDir: string;
let cookie = '';

beforeAll(async () => {
  running = await startSignedInServer(['1001'], {}, 'openline-phonebook-');
  ({ server, dataDir } = running);
  cookie = running.cookies['1001']!;
});
afterAll(() => running.close());

const get = (query = '', headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/phonebook${query}`, { headers: { cookie, ...headers } });

async function page(query = ''): Promise<{ page: PhonebookPage; etag: string | null }> {
  const res = await get(query);
  expect(res.status).toBe(200);
  return { page: PhonebookPage.parse(await res.json()), etag: res.headers.get('etag') };
}

describe('GET /api/phonebook', () => {
  it('needs a signed-in user', async () => {
    const res = await fetch(`${server.url}/api/phonebook`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthenticated' });
    const forged = await fetch(`${server.url}/api/phonebook`, { headers: { cookie: 'openline_session=x' } });
    expect(forged.status).toBe(401);
  });

  it('serves the SIP accounts under their display names and the seeded outside contacts', async () => {
    const { page: full, etag } = await page();
    expect(full.more).toBe(false);
    expect(full.deleted).toEqual([]);
    expect(full.entries).toHaveLength(3 + DEMO_EXTERNAL_CONTACTS);
    const ada = full.entries.find((e) => e.sipUser === '1001');
    expect(ada).toMatchObject({ name: 'Ada Agent', phones: [{ number: '1001' }] });
    // The CRM's former agent_phonebook details live on the account's entry, not in a duplicate.
    expect(full.entries.find((e) => e.sipUser === '1002')).toMatchObject({
      name: 'Ben Baker',
      organization: 'Baker & Sons',
    });
    expect(full.entries.filter((e) => e.phones.some((p) => p.number === '1002'))).toHaveLength(1);
    expect(full.entries.some((e) => e.phones.some((p) => p.number === '+442079460123'))).toBe(true);
    expect(etag).toBe(`"pb-${full.rev}"`);
  });

  it('answers 304 to the ETag of a complete sync, and 200 once something changed', async () => {
    const { etag } = await page();
    const same = await get('', { 'If-None-Match': etag! });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');

    // The agent CRM writes the same directory: a save is a change the next sync sees.
    const save = await fetch(`${server.url}/api/softphone/form/crm-contact`, {
      method: 'POST',
      headers: { cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        data: {
          phone: '+44 20 7946 0999',
          name: 'Quinn Quarry',
          company: 'Quarry Ltd',
          email: '',
          notes: '',
        },
      }),
    });
    expect(save.status, await save.clone().text()).toBe(200);
    const changed = await get('', { 'If-None-Match': etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('pages by revision and reports tombstones to incremental syncs', async () => {
    const first = await page('?limit=100');
    expect(first.page.more).toBe(true);
    expect(first.etag).toBeNull();
    expect(first.page.entries).toHaveLength(100);
    const rest = await page(`?since=${first.page.rev}&limit=5000`);
    expect(rest.page.more).toBe(false);
    const ids = new Set([...first.page.entries, ...rest.page.entries].map((e) => e.id));
    expect(ids.size).toBe(first.page.entries.length + rest.page.entries.length);

    const db = openDatabase(dataDir);
    const directory = new DirectoryStore(db);
    expect(directory.remove('ext:0007')).toBe(true);
    directory.upsert({ ...directory.get('ext:0008')!, notes: 'Moved to Leeds' });
    db.close();

    const delta = await page(`?since=${rest.page.rev}`);
    expect(delta.page.deleted).toEqual(['ext:0007']);
    expect(delta.page.entries.map((e) => [e.id, e.notes])).toEqual([['ext:0008', 'Moved to Leeds']]);
    expect(delta.page.rev).toBeGreaterThan(rest.page.rev);
    const nothing = await page(`?since=${delta.page.rev}`);
    expect(nothing.page).toEqual({ rev: delta.page.rev, entries: [], deleted: [], more: false });
  });

  it('refuses malformed paging with a specific message', async () => {
    for (const query of ['?since=-1', '?since=abc', '?limit=0', '?limit=5001', '?since=1e3']) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'bad_query' });
    }
  });

  it('feeds the agent CRM lookup for outside numbers in any format', async () => {
    const res = await fetch(`${server.url}/api/softphone/button/crm-lookup`, {
      method: 'POST',
      headers: { cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        context: {
          call: { remote: 'sip:+442079460123@openline.local', direction: 'incoming', state: 'active' },
        },
      }),
    });
    const { __ } = AgentActionsResponse.parse(await res.json());
    expect(__.formData).toMatchObject({ phone: '+442079460123', name: expect.stringMatching(/\w+ \w+/) });
  });
});
