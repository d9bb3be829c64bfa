/** The conversation store on a real SQLite file: purge at expiry, per-room lists, idempotent adds. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db';
import { guestOfToken, guestTokenFor, isChatKey, chatKeyFor } from './chat-auth';
import { SendRate } from './chat-rate';
import { WebcallChatStore } from './chat-store';

const open: Array<{ db: Db; dir: string }> = [];
function store(): WebcallChatStore {
  const dir = mkdtempSync(join(tmpdir(), 'openline-chat-'));
  const db = openDatabase(dir);
  open.push({ db, dir });
  return new WebcallChatStore(db);
}
afterEach(() => {
  for (const { db, dir } of open.splice(0)) {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

const msg = (roomId: string, clientId: string, expiresAt: number, text = clientId) => ({
  roomId,
  sender: 'guest' as const,
  author: 'g0123456789abcdef',
  clientId,
  text,
  at: 1000,
  expiresAt,
});

describe('WebcallChatStore', () => {
  it('purges a conversation when its link expires and keeps the others', () => {
    const s = store();
    s.add(msg('room-a', 'client-01', 5000));
    s.add(msg('room-a', 'client-02', 5000));
    s.add(msg('room-b', 'client-01', 9000));
    expect(s.purgeExpired(4999)).toBe(0);
    expect(s.purgeExpired(5000)).toBe(2);
    expect(s.list('room-a')).toEqual([]);
    expect(s.list('room-b').map((m) => m.clientId)).toEqual(['client-01']);
  });

  it('keeps a guest’s details per room until the link expires', () => {
    const s = store();
    s.saveGuest('room-a', { guestId: 'g0123456789abcdef', info: { locale: 'fr' }, at: 1 }, 5000);
    s.saveGuest('room-a', { guestId: 'g0123456789abcdef', info: { locale: 'fr-CA' }, at: 2 }, 5000);
    expect(s.guests('room-a')).toEqual([{ guestId: 'g0123456789abcdef', info: { locale: 'fr-CA' }, at: 2 }]);
    expect(s.guests('room-b')).toEqual([]);
    s.purgeExpired(5000);
    expect(s.guests('room-a')).toEqual([]);
  });

  it('stores a client id once per author and room', () => {
    const s = store();
    const first = s.add(msg('room-a', 'client-01', 5000, 'first'));
    const again = s.add(msg('room-a', 'client-01', 5000, 'changed'));
    expect(first.created).toBe(true);
    expect(again).toEqual({ message: first.message, created: false });
    expect(s.add(msg('room-b', 'client-01', 5000)).created).toBe(true);
    expect(s.list('room-a')).toHaveLength(1);
  });
});

describe('chat keys and guest tokens', () => {
  it('bind to one room and one guest', () => {
    const key = chatKeyFor('secret', 'room-a');
    expect(isChatKey('secret', 'room-a', key)).toBe(true);
    expect(isChatKey('secret', 'room-b', key)).toBe(false);
    expect(isChatKey('other', 'room-a', key)).toBe(false);
    const token = guestTokenFor('secret', 'room-a', 'g0123456789abcdef');
    expect(guestOfToken('secret', 'room-a', token)).toBe('g0123456789abcdef');
    expect(guestOfToken('secret', 'room-b', token)).toBeNull();
    expect(guestOfToken('secret', 'room-a', token.replace('g0', 'g1'))).toBeNull();
    expect(guestOfToken('secret', 'room-a', 'garbage')).toBeNull();
  });
});

describe('SendRate', () => {
  it('allows max per window per key and tells how long to wait', () => {
    const rate = new SendRate(2, 1000);
    expect(rate.take('a', 0)).toBe(0);
    expect(rate.take('a', 100)).toBe(0);
    expect(rate.take('a', 200)).toBe(800);
    expect(rate.take('b', 200)).toBe(0);
    expect(rate.take('a', 1001)).toBe(0);
  });
});
