import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db';
import { CallWatch } from './call-watch';
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
