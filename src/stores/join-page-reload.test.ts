/**
 * The customer's link survives a reload (issue 12): the join page strips the link from the address, and
 * a new page in the same tab (same sessionStorage) finds it again until it expires or the customer leaves.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeLink } from '../webcall/link';
import { createLinkMemory, type StorageLike } from '../webcall/link-memory';
import { toBase64Url } from '../webcall/base64url';
import { PAGE_HREF, sipPayload, testSigner } from '../webcall/testing';
import { createJoinPage, type JoinPage } from './join-page';
import { FakeRooms } from './testing/fake-rooms';

const T0 = Date.now();
const EXP = Math.floor(T0 / 1000) + 3600;
const signer = await testSigner();
const published = {
  wsUrl: 'wss://calls.example.com/sip',
  iceServers: [],
  webcall: { signingKey: toBase64Url(signer.publicKey) },
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** sessionStorage of one tab. */
class TabStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

let tab: TabStorage;
let clock: number;

async function linkHash(password?: string) {
  const url = await encodeLink(await signer.sign(sipPayload({ exp: EXP })), {
    origin: 'https://calls.example.com',
    password,
    iterations: 100_000,
  });
  return url.slice(url.indexOf('#'));
}

/** Loads the join page in the tab, at `/join` plus `hash` (a reload has none: it was stripped). */
async function load(hash = ''): Promise<{ page: JoinPage; address: { hash: string } }> {
  const address = { pathname: '/join', search: '', hash, href: `${PAGE_HREF}${hash}` };
  const page = createJoinPage({
    location: address,
    history: { state: null, replaceState: () => Object.assign(address, { hash: '', href: PAGE_HREF }) },
    rooms: new FakeRooms(),
    loadConfig: async () => published,
    formatTime: (d) => d.toISOString(),
    linkMemory: createLinkMemory(tab),
    now: () => clock,
  });
  await page.open();
  return { page, address };
}
const viewOf = (page: JoinPage) => page.useStore.getState().view;

beforeEach(() => {
  tab = new TabStorage();
  clock = T0;
});

describe('the join link across reloads', () => {
  it('a reload opens the same link again, and the address bar stays bare', async () => {
    const first = await load(await linkHash());
    expect(first.address.hash).toBe('');
    const payload = first.page.useStore.getState().payload;
    expect(payload).toMatchObject({ exp: EXP });

    const reloaded = await load();
    expect(reloaded.page.useStore.getState()).toMatchObject({ view: { name: 'prejoin' }, payload });
    expect(reloaded.address.hash).toBe('');
  });

  it('keeps a protected link encrypted: the reload asks for the password again', async () => {
    await load(await linkHash('s3cret'));
    expect([...tab.items.values()].join()).not.toContain('s3cret');
    const reloaded = await load();
    expect(viewOf(reloaded.page)).toEqual({ name: 'password', expiresAt: EXP * 1000 });
    await expect(reloaded.page.unlock('s3cret')).resolves.toEqual({ ok: true });
  });

  it('forgets the link when the customer leaves', async () => {
    const { page } = await load(await linkHash());
    page.join({ displayName: 'Chris', audioInputId: '', videoInputId: '' });
    await settle();
    await page.leave();
    expect(tab.items.size).toBe(0);
    expect(viewOf((await load()).page)).toMatchObject({ name: 'link-error', code: 'malformed' });
  });

  it('forgets the link once it expired', async () => {
    await load(await linkHash());
    clock = EXP * 1000 + 1;
    expect(viewOf((await load()).page)).toMatchObject({ name: 'link-error', code: 'malformed' });
    expect(tab.items.size).toBe(0);
  });

  it('a new link in the address replaces the kept one; a broken one is not kept', async () => {
    await load(await linkHash());
    await load('#2.AAAA');
    expect(tab.items.size).toBe(0);
  });

  it('storage that throws (disabled) only means no memory', async () => {
    const broken: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const memory = createLinkMemory(broken);
    expect(() => memory.keep({ hash: '#2.x', search: '' }, T0 + 1000)).not.toThrow();
    expect(memory.recall(T0)).toBeNull();
  });
});
