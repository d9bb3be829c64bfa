import { beforeEach, describe, expect, it } from 'vitest';
import { encodeLink } from '../webcall/link';
import { RoomError } from '../webcall/rooms';
import { toBase64Url } from '../webcall/base64url';
import { PAGE_HREF, sipPayload, testSigner } from '../webcall/testing';
import { createJoinPage, type JoinPage } from './join-page';
import { FakeRooms } from './testing/fake-rooms';

const T0 = Date.now();
const signer = await testSigner();
/** What the serving origin publishes in `/api/config`. */
const published = {
  wsUrl: 'wss://calls.example.com/sip',
  iceServers: [],
  webcall: { signingKey: toBase64Url(signer.publicKey) },
};
const choices = { displayName: 'Chris', audioInputId: '', videoInputId: '' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let rooms: FakeRooms;
let page: JoinPage;
let address: { pathname: string; search: string; hash: string; href: string };
let clock: number;
const view = () => page.useStore.getState().view;

async function openLink(password?: string, payload = sipPayload({ exp: Math.floor(T0 / 1000) + 3600 })) {
  const signed = await signer.sign(payload);
  const url = await encodeLink(signed, {
    origin: 'https://calls.example.com',
    password,
    iterations: 100_000,
  });
  const hash = url.slice(url.indexOf('#'));
  address = { pathname: '/join', search: '', hash, href: `${PAGE_HREF}${hash}` };
  page = createJoinPage({
    location: address,
    history: {
      state: null,
      replaceState: (_d, _u, url) => Object.assign(address, { hash: '', search: '', pathname: String(url) }),
    },
    rooms,
    loadConfig: async () => published,
    formatTime: (d) => d.toISOString(),
    now: () => clock,
  });
  await page.open();
  return payload;
}

beforeEach(() => {
  rooms = new FakeRooms();
  clock = T0;
});

describe('join page store', () => {
  it('opens a link, strips it from the address, and a second open (StrictMode) keeps it', async () => {
    const payload = await openLink();
    expect(address.hash).toBe('');
    expect(page.useStore.getState()).toMatchObject({ view: { name: 'prejoin' }, payload });
    await page.open();
    expect(view()).toEqual({ name: 'prejoin' });
  });

  it('an address without a link says so in words', async () => {
    address = { pathname: '/join', search: '', hash: '', href: PAGE_HREF };
    page = createJoinPage({
      location: address,
      history: { state: null, replaceState: () => undefined },
      rooms,
      loadConfig: async () => published,
      formatTime: (d) => d.toISOString(),
    });
    await page.open();
    expect(view()).toMatchObject({ name: 'link-error', code: 'malformed' });
    expect(view()).toHaveProperty('message', expect.stringContaining('not a call link'));
  });

  it('a protected link: a wrong password stays on the form, the right one goes to the preview', async () => {
    const payload = await openLink('s3cret');
    expect(view()).toEqual({ name: 'password', expiresAt: (Math.floor(T0 / 1000) + 3600) * 1000 });
    await expect(page.unlock('nope')).resolves.toEqual({
      ok: false,
      message: 'That password is not right. Check it and try again.',
    });
    expect(view().name).toBe('password');
    await expect(page.unlock('s3cret')).resolves.toEqual({ ok: true });
    expect(page.useStore.getState()).toMatchObject({ view: { name: 'prejoin' }, payload });
  });

  it('joins through the rooms port with the choices; the room ending shows why, and Rejoin joins again', async () => {
    const payload = await openLink();
    page.join(choices);
    expect(view()).toEqual({ name: 'room' });
    await settle();
    expect(rooms.joins).toEqual([{ payload, ...choices }]);
    const session = rooms.resolve('connected');
    await settle();
    expect(page.room.useStore.getState().phase).toBe('connected');

    session.setState('ended', 'remote-left');
    expect(view()).toEqual({ name: 'ended', reason: 'remote-left' });

    page.rejoin();
    await settle();
    expect(rooms.joins).toHaveLength(2);
    expect(view()).toEqual({ name: 'room' });
  });

  it('Leave ends the call as "left"', async () => {
    await openLink();
    page.join(choices);
    await settle();
    const session = rooms.resolve('waiting');
    await settle();
    await page.leave();
    expect(session.log).toContain('leave');
    expect(view()).toEqual({ name: 'ended', reason: 'left' });
  });

  it('a failed join shows the error; Try again goes back to the preview', async () => {
    await openLink();
    page.join(choices);
    await settle();
    rooms.reject(new RoomError('unreachable', 'no route'));
    await settle();
    expect(view()).toEqual({ name: 'join-error', error: { code: 'unreachable', message: 'no route' } });
    page.retry();
    expect(view()).toEqual({ name: 'prejoin' });
  });

  it('a link that expired while the page was open is refused before joining', async () => {
    await openLink();
    clock = T0 + 3602_000;
    page.join(choices);
    expect(view()).toMatchObject({ name: 'link-error', code: 'expired' });
    expect(rooms.joins).toEqual([]);
  });
});
