import { beforeEach, describe, expect, it } from 'vitest';
import { encodeLink } from '../webcall/link';
import { RoomError } from '../webcall/rooms';
import { toBase64Url } from '../webcall/base64url';
import { PAGE_HREF, sipPayload, testSigner } from '../webcall/testing';
import { createJoinPage, type JoinPage, type JoinPageDeps } from './join-page';
import { MAX_REJOIN_ATTEMPTS } from './join-reconnect';
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

async function openLink(
  password?: string,
  payload = sipPayload({ exp: Math.floor(T0 / 1000) + 3600 }),
  extra: Pick<JoinPageDeps, 'network' | 'after'> = {},
) {
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
    ...extra,
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

/** Timers and the network under the test's control. */
class Controls {
  online = true;
  timers: { ms: number; run(): void }[] = [];
  private onlineWaiters = new Set<() => void>();
  readonly deps: Pick<JoinPageDeps, 'network' | 'after'> = {
    network: {
      online: () => this.online,
      whenOnline: (callback) => {
        this.onlineWaiters.add(callback);
        return () => this.onlineWaiters.delete(callback);
      },
    },
    after: (ms, run) => {
      const timer = { ms, run };
      this.timers.push(timer);
      return () => (this.timers = this.timers.filter((t) => t !== timer));
    },
  };
  /** Runs the pending timer, checking how long it was set for. */
  fire(expectedMs: number) {
    const timer = this.timers.shift();
    expect(timer?.ms).toBe(expectedMs);
    timer!.run();
  }
  setOnline(online: boolean) {
    this.online = online;
    if (!online) return;
    for (const waiter of [...this.onlineWaiters]) {
      this.onlineWaiters.delete(waiter);
      waiter();
    }
  }
  get waitingForNetwork() {
    return this.onlineWaiters.size;
  }
}

describe('a dropped call rejoins the same room by itself', () => {
  let controls: Controls;
  const reconnecting = () => page.useStore.getState().reconnecting;

  async function inCall() {
    controls = new Controls();
    const payload = await openLink(undefined, undefined, controls.deps);
    page.join(choices);
    await settle();
    const session = rooms.resolve('connected');
    await settle();
    return { payload, session };
  }

  it('a lost connection: "reconnecting", the same room after 1 s, and no Ended screen', async () => {
    const { payload, session } = await inCall();
    session.setState('ended', 'connection-lost');
    expect(view()).toEqual({ name: 'room' });
    expect(reconnecting()).toEqual({ attempt: 0, offline: false });
    expect(rooms.joins).toHaveLength(1);
    controls.fire(1_000);
    await settle();
    expect(rooms.joins).toEqual([
      { payload, ...choices },
      { payload, ...choices },
    ]);
    rooms.resolve('connected');
    await settle();
    expect(reconnecting()).toBeNull();
    expect(page.room.useStore.getState().phase).toBe('connected');
  });

  it('failed tries back off (1, 2, 4, 8, 15 s) and give up after the last one with Rejoin offered', async () => {
    const { session } = await inCall();
    session.setState('ended', 'failed');
    const waits = [1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000];
    expect(waits).toHaveLength(MAX_REJOIN_ATTEMPTS);
    for (const [attempt, wait] of waits.entries()) {
      expect(reconnecting()).toEqual({ attempt, offline: false });
      controls.fire(wait);
      await settle();
      rooms.reject(new RoomError('unreachable', 'no route'));
      await settle();
    }
    expect(reconnecting()).toBeNull();
    expect(view()).toEqual({ name: 'ended', reason: 'connection-lost' });
    expect(controls.timers).toEqual([]);
    expect(rooms.joins).toHaveLength(1 + MAX_REJOIN_ATTEMPTS);
  });

  it('offline: waits for the network without spending tries, then joins at once', async () => {
    const { session } = await inCall();
    controls.online = false;
    session.setState('ended', 'connection-lost');
    expect(reconnecting()).toEqual({ attempt: 0, offline: true });
    expect(controls.timers).toEqual([]);
    expect(controls.waitingForNetwork).toBe(1);
    controls.setOnline(true);
    await settle();
    expect(rooms.joins).toHaveLength(2);
  });

  it('answers are not drops: the agent hanging up or not being there shows Ended', async () => {
    const { session } = await inCall();
    session.setState('ended', 'remote-left');
    expect(view()).toEqual({ name: 'ended', reason: 'remote-left' });
    expect(reconnecting()).toBeNull();
    expect(controls.timers).toEqual([]);
  });

  it('a refusal while rejoining (the link was revoked) stops and says why', async () => {
    const { session } = await inCall();
    session.setState('ended', 'connection-lost');
    controls.fire(1_000);
    await settle();
    rooms.reject(new RoomError('auth', 'refused'));
    await settle();
    expect(reconnecting()).toBeNull();
    expect(view()).toEqual({ name: 'join-error', error: { code: 'auth', message: 'refused' } });
  });

  it('Leave while reconnecting cancels the pending try', async () => {
    const { session } = await inCall();
    session.setState('ended', 'connection-lost');
    await page.leave();
    expect(controls.timers).toEqual([]);
    expect(view()).toEqual({ name: 'ended', reason: 'left' });
    expect(rooms.joins).toHaveLength(1);
  });

  it('the link expiring while reconnecting ends with the expired message, not another try', async () => {
    const { session } = await inCall();
    session.setState('ended', 'connection-lost');
    controls.fire(1_000);
    await settle();
    clock = T0 + 3602_000;
    rooms.reject(new RoomError('unreachable', 'no route'));
    await settle();
    expect(view()).toMatchObject({ name: 'link-error', code: 'expired' });
    expect(controls.timers).toEqual([]);
  });
});
