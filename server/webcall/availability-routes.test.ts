/**
 * The join page's availability question (ADR 0026): free, busy (in another call) or closed (outside
 * opening hours, with the next opening), and nothing for a wrong key, an unknown, expired or closed room.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpeningHours } from '../../src/api/opening-hours';
import type { RequestContext, Router } from '../api/router';
import { HttpError } from '../api/router';
import { openDatabase } from '../db';
import { availabilityRoutes } from './availability-routes';
import { WebcallAudit } from './audit';
import { chatKeyFor } from './chat-auth';

const dir = mkdtempSync(join(tmpdir(), 'openline-availability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = openDatabase(dir);
const SECRET = 'availability-test-secret';
const NOW = Date.parse('2026-12-02T10:00:00Z'); // a Wednesday
const audit = new WebcallAudit(db);
const room = (roomId: string, extra: { expiresAt?: number } = {}) =>
  audit.record({
    roomId,
    provider: 'sip',
    agent: '1001',
    customerName: 'Chris',
    ticket: null,
    guestUser: `webcall.${roomId}.1001`,
    createdAt: NOW - 60_000,
    expiresAt: extra.expiresAt ?? NOW + 3_600_000,
  });
room('aaaaaaaaaaaaaaaa');
room('bbbbbbbbbbbbbbbb', { expiresAt: NOW - 1 });
room('cccccccccccccccc');
audit.markClosed('cccccccccccccccc', NOW - 1000);

function ask(
  setup: { hours?: OpeningHours; peers?: string[]; asked?: string[] },
  roomId: string,
  body: unknown,
): { status: number; body: unknown } {
  let handler: ((ctx: RequestContext) => unknown) | undefined;
  const router = {
    post: (path: string, h: (ctx: RequestContext) => unknown) => {
      if (path === '/api/webcall/rooms/:roomId/availability') handler = h;
    },
  } as unknown as Router;
  availabilityRoutes({
    db,
    secret: SECRET,
    openingHours: () => setup.hours ?? { timeZone: 'UTC', periods: [] },
    callPeers: (user) => (user === '1001' ? (setup.peers ?? []) : ['someone']),
    onAsked: (roomId) => setup.asked?.push(roomId),
    now: () => NOW,
  })(router);
  const reply = { header: () => reply };
  try {
    const answer = handler!({ request: { body }, reply, params: { roomId } } as unknown as RequestContext);
    return { status: 200, body: answer };
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, body: error.code };
    throw error;
  }
}

const key = (roomId: string) => ({ key: chatKeyFor(SECRET, roomId) });

describe('webcall availability', () => {
  it('says free, or busy while the agent is in another call (not in this room’s own call)', () => {
    const id = 'aaaaaaaaaaaaaaaa';
    expect(ask({}, id, key(id))).toEqual({ status: 200, body: { state: 'free' } });
    expect(ask({ peers: ['1002'] }, id, key(id))).toEqual({ status: 200, body: { state: 'busy' } });
    expect(ask({ peers: [`webcall.${id}.1001`] }, id, key(id))).toEqual({
      status: 200,
      body: { state: 'free' },
    });
  });

  it('says closed outside opening hours with the next opening, whatever the agent does', () => {
    const id = 'aaaaaaaaaaaaaaaa';
    const hours: OpeningHours = {
      timeZone: 'America/New_York',
      periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
    };
    // 10:00 UTC is 05:00 in New York: closed until 14:00 UTC.
    expect(ask({ hours, peers: ['1002'] }, id, key(id))).toEqual({
      status: 200,
      body: { state: 'closed', opensAt: Date.parse('2026-12-02T14:00:00Z') },
    });
    // 10:00 in London: open.
    expect(ask({ hours: { ...hours, timeZone: 'Europe/London' } }, id, key(id)).body).toEqual({
      state: 'free',
    });
  });

  it('answers nothing more for a wrong key or an unknown room (same 404), nor for a dead link', () => {
    const id = 'aaaaaaaaaaaaaaaa';
    expect(ask({}, id, key('dddddddddddddddd'))).toEqual({ status: 404, body: 'not_found' });
    expect(ask({}, 'dddddddddddddddd', key('dddddddddddddddd'))).toEqual({ status: 404, body: 'not_found' });
    expect(ask({}, id, {})).toEqual({ status: 400, body: 'invalid_request' });
    expect(ask({}, id, null)).toEqual({ status: 400, body: 'invalid_request' });
    expect(ask({}, 'bbbbbbbbbbbbbbbb', key('bbbbbbbbbbbbbbbb'))).toEqual({ status: 410, body: 'expired' });
    expect(ask({}, 'cccccccccccccccc', key('cccccccccccccccc'))).toEqual({ status: 410, body: 'expired' });
  });

  it('tells the channel timeline a valid link was opened, and nothing for a refused question', () => {
    const asked: string[] = [];
    ask({ asked }, 'aaaaaaaaaaaaaaaa', key('aaaaaaaaaaaaaaaa'));
    ask({ asked }, 'aaaaaaaaaaaaaaaa', key('dddddddddddddddd'));
    ask({ asked }, 'bbbbbbbbbbbbbbbb', key('bbbbbbbbbbbbbbbb'));
    ask({ asked }, 'cccccccccccccccc', key('cccccccccccccccc'));
    expect(asked).toEqual(['aaaaaaaaaaaaaaaa']);
  });
});
