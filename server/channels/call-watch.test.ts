import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db';
import { AFTER_EXPIRY_MS, CallWatch } from './call-watch';
import { DEMO_CHANNEL } from './options';
import { ChannelStore } from './store';

let dir: string;
let db: Db;
let clock: number;
let store: ChannelStore;
let peers: Map<string, string[]>;
let changed: number[];
let watch: CallWatch;
let conversation: number;

const GUEST = 'webcall.room1.1002';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openline-callwatch-'));
  db = openDatabase(dir);
  clock = 1_800_000_000_000;
  store = new ChannelStore(db, () => clock);
  store.configure([DEMO_CHANNEL]);
  conversation = store.createConversation(
    store.customer(DEMO_CHANNEL.id, '447700', 'W'),
    '1002',
    'available',
  );
  peers = new Map();
  changed = [];
  watch = new CallWatch({
    store,
    callPeers: (u) => peers.get(u) ?? [],
    changed: (id) => changed.push(id),
    now: () => clock,
  });
  store.linkCall({
    roomId: 'room1',
    conversation,
    agent: '1002',
    guestUser: GUEST,
    expiresAt: clock + 3_600_000,
    provider: 'sip',
  });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const events = () =>
  store.callEvents(conversation).map((e) => [e.event, e.durationMs, e.at - 1_800_000_000_000]);

describe('call events in a channel conversation', () => {
  it('records opened once, then answered and ended with the call’s duration', () => {
    watch.opened('room1');
    watch.opened('room1'); // a reload asks again: still one row
    watch.opened('someone-elses-room');
    clock += 5_000;
    watch.tick(); // not in a call yet
    peers.set('1002', [GUEST]);
    watch.tick();
    clock += 65_000;
    watch.tick(); // still in the call: nothing new
    peers.set('1002', []);
    watch.tick();
    expect(events()).toEqual([
      ['opened', null, 0],
      ['answered', null, 5_000],
      ['ended', 65_000, 70_000],
    ]);
    expect(changed).toEqual([conversation, conversation, conversation]);
  });

  it('records a call as it begins and ends when the proxy tells, to the millisecond, without a tick', () => {
    peers.set('1002', [GUEST]);
    clock += 1_234;
    watch.callChanged([GUEST, '1002']); // the guest called the agent
    peers.set('1002', []);
    clock += 760;
    watch.callChanged(['1002', GUEST]);
    watch.tick(); // the next sample finds nothing more to record
    expect(events()).toEqual([
      ['answered', null, 1_234],
      ['ended', 760, 1_994],
    ]);
  });

  it('leaves a room alone when the call that changed was between other users', () => {
    peers.set('1002', ['1003']);
    watch.callChanged(['1002', '1003']);
    peers.set('1003', [GUEST]);
    watch.callChanged(['1003', GUEST]);
    expect(events()).toEqual([]);
  });

  it('does not count the agent’s call with someone else as this room’s call', () => {
    peers.set('1002', ['1003']);
    watch.tick();
    expect(events()).toEqual([]);
  });

  it('records a second call on the same link after a rejoin', () => {
    peers.set('1002', [GUEST]);
    watch.tick();
    peers.set('1002', []);
    clock += 1_000;
    watch.tick();
    peers.set('1002', [GUEST]);
    clock += 1_000;
    watch.tick();
    expect(events().map((e) => e[0])).toEqual(['answered', 'ended', 'answered']);
  });

  it('marks a link that ran out unused as expired, once, at its expiry', () => {
    watch.opened('room1');
    clock += 3_600_000 + 30_000;
    watch.tick();
    watch.tick();
    expect(events()).toEqual([
      ['opened', null, 0],
      ['expired', null, 3_600_000],
    ]);
  });

  it('does not mark a link expired when its call happened', () => {
    peers.set('1002', [GUEST]);
    watch.tick();
    peers.set('1002', []);
    clock += 10_000;
    watch.tick();
    clock += 3_600_000;
    watch.tick();
    expect(events().map((e) => e[0])).toEqual(['answered', 'ended']);
  });
});

describe('calls reported by the agent’s app (ADR 0034)', () => {
  /** Behind Kamailio: no dialogs to watch. */
  const kamailio = () => new CallWatch({ store, changed: (id) => changed.push(id), now: () => clock });

  it('records the first answered and one ended, timed by the server’s clock', () => {
    const w = kamailio();
    clock += 5_000;
    expect(w.report('room1', 'answered')).toBe('recorded');
    clock += 1_000;
    expect(w.report('room1', 'answered')).toBe('duplicate'); // a retry keeps the first time
    w.tick(); // no dialogs here: the tick does not end it
    clock += 64_000;
    expect(w.report('room1', 'ended')).toBe('recorded');
    clock += 1_000;
    expect(w.report('room1', 'ended')).toBe('duplicate');
    expect(w.report('room1', 'answered')).toBe('duplicate'); // a rejoin is not a second call here
    expect(events()).toEqual([
      ['answered', null, 5_000],
      ['ended', 65_000, 70_000],
    ]);
    expect(changed).toEqual([conversation, conversation]);
  });

  it('refuses an end with no answered call, and a room not linked to a conversation', () => {
    const w = kamailio();
    expect(w.report('room1', 'ended')).toBe('not_answered');
    expect(w.report('other-room', 'answered')).toBe('not_linked');
    expect(events()).toEqual([]);
  });

  it('ignores reports for a SIP room when the embedded proxy’s dialogs are watched', () => {
    expect(watch.report('room1', 'answered')).toBe('dialogs');
    expect(watch.report('room1', 'ended')).toBe('dialogs');
    expect(events()).toEqual([]);
  });

  it('takes reports for a Sendbird room with the embedded proxy, and the dialog watch leaves it alone', () => {
    store.linkCall({
      roomId: 'sb1',
      conversation,
      agent: '1002',
      guestUser: 'sendbird-guest',
      expiresAt: clock + 3_600_000,
      provider: 'sendbird',
    });
    expect(watch.report('sb1', 'answered')).toBe('recorded');
    clock += 30_000;
    watch.tick(); // no dialog for a Sendbird call: must not read as its end
    expect(watch.report('sb1', 'ended')).toBe('recorded');
    expect(events()).toEqual([
      ['answered', null, 0],
      ['ended', 30_000, 30_000],
    ]);
  });

  it('takes no answer after the link’s expiry, and an end only while the call is still followed', () => {
    const w = kamailio();
    clock += 3_600_000;
    expect(w.report('room1', 'answered')).toBe('expired');
    clock -= 60_000;
    expect(w.report('room1', 'answered')).toBe('recorded');
    clock += 60_000 + AFTER_EXPIRY_MS - 1;
    expect(w.report('room1', 'ended')).toBe('recorded');
    expect(events().map((e) => e[0])).toEqual(['answered', 'ended']);
  });

  it('ends an answered call nobody reported the end of, without a duration, once', () => {
    const w = kamailio();
    clock += 60_000;
    w.report('room1', 'answered');
    clock += 3_600_000 + AFTER_EXPIRY_MS - 60_000 - 1;
    w.tick(); // still followed: a late report may come
    expect(events().map((e) => e[0])).toEqual(['answered']);
    clock += 1;
    w.tick();
    w.tick();
    expect(w.report('room1', 'ended')).toBe('expired');
    expect(events()).toEqual([
      ['answered', null, 60_000],
      ['ended', null, 3_600_000],
    ]);
  });
});
