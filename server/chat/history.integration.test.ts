/**
 * Chat history on the embedded server (ADR 0024), with raw SIP over WebSocket and the HTTP API: a text
 * MESSAGE routed to a registered phone and one stored for a signed-out user are each recorded once for
 * both sides; typing and receipts are not; `GET /api/messages` pages newest first and only shows the
 * signed-in user's own rows.
 */
import { describe, expect, it } from 'vitest';
import { HistoryPage } from '../../src/api/message-history-schemas';
import { isRequest, type TestPhone } from '../sip/testing';
import { useSipTestServer } from '../sip/testing/server';
import { sessionCookie } from '../testing/signed-in-server';

const sip = useSipTestServer();
const address = (user: string) => `sip:${user}@openline.local`;

function send(from: TestPhone, to: string, body: string, id: string, type = 'text/plain;charset=utf-8') {
  const m = from.outOfDialog('MESSAGE', address(to), {
    body,
    extra: [
      ['Content-Type', type],
      ['Message-ID', id],
    ],
  });
  from.send(m.text.replace(/\r\nContent-Type: text\/plain\r\n/, '\r\n'));
  return m;
}

async function history(user: string, query = '') {
  const cookie = await sessionCookie(sip.server.url, user, 'openline');
  const res = await fetch(`${sip.server.url}/api/messages${query}`, { headers: { Cookie: cookie } });
  return { status: res.status, json: (await res.json()) as unknown };
}

describe('chat history (embedded server)', () => {
  it('records routed and stored text MESSAGEs once per side, not typing; pages newest first', async () => {
    const ada = await sip.phone('1001');
    const ben = await sip.phone('1002');
    const answer = async () => {
      const req = await ben.next((m) => isRequest(m, 'MESSAGE'));
      if (isRequest(req)) ben.reply(req, 200);
    };
    for (const n of [1, 2, 3]) {
      send(ada, '1002', `hello ${n}`, `hist-${n}`);
      await answer();
      expect((await ada.final('MESSAGE')).statusCode, `message ${n}`).toBe(200);
    }
    // Retry of the same message (a new transaction, the same Message-ID): shown once.
    send(ada, '1002', 'hello 3', 'hist-3');
    await answer();
    await ada.final('MESSAGE');
    send(ada, '1002', '<isComposing/>', 'typing-1', 'application/im-iscomposing+xml');
    await answer();
    await ada.final('MESSAGE');
    send(ada, '1003', 'for later', 'hist-offline');
    expect((await ada.final('MESSAGE')).statusCode).toBe(202);

    const all = HistoryPage.parse((await history('1001')).json);
    expect(all.messages.map((m) => [m.peer, m.direction, m.id, m.body])).toEqual([
      [address('1003'), 'out', 'hist-offline', 'for later'],
      [address('1002'), 'out', 'hist-3', 'hello 3'],
      [address('1002'), 'out', 'hist-2', 'hello 2'],
      [address('1002'), 'out', 'hist-1', 'hello 1'],
    ]);
    const first = HistoryPage.parse(
      (await history('1002', `?peer=${encodeURIComponent(address('1001'))}&limit=2`)).json,
    );
    expect(first.messages.map((m) => [m.direction, m.body])).toEqual([
      ['in', 'hello 3'],
      ['in', 'hello 2'],
    ]);
    expect(first.before).not.toBeNull();
    const second = HistoryPage.parse(
      (await history('1002', `?peer=1001&limit=2&before=${first.before}`)).json,
    );
    expect(second).toEqual({ messages: [expect.objectContaining({ body: 'hello 1' })], before: null });
    // Waiting for 1003: in their history only once a phone of theirs took it (so it arrives as new).
    expect(HistoryPage.parse((await history('1003')).json).messages).toEqual([]);
    const cy = await sip.phone('1003');
    const got = await cy.next((m) => isRequest(m, 'MESSAGE'));
    if (isRequest(got)) cy.reply(got, 200);
    await expect
      .poll(async () =>
        HistoryPage.parse((await history('1003')).json).messages.map((m) => [m.peer, m.direction, m.id]),
      )
      .toEqual([[address('1001'), 'in', 'hist-offline']]);
  });

  it('a note to yourself is delivered (200) and kept once, as sent', async () => {
    const cleo = await sip.phone('1003');
    send(cleo, '1003', 'buy milk', 'note-1');
    expect((await cleo.final('MESSAGE')).statusCode).toBe(200);
    const page = HistoryPage.parse((await history('1003', `?peer=${address('1003')}`)).json);
    expect(page.messages.map((m) => [m.peer, m.direction, m.id, m.body])).toEqual([
      [address('1003'), 'out', 'note-1', 'buy milk'],
    ]);
  });

  it('refuses bad queries with a specific message and needs a session', async () => {
    expect((await fetch(`${sip.server.url}/api/messages`)).status).toBe(401);
    for (const [query, message] of [
      ['?peer=sip:1002@elsewhere.example', 'peer: a user of openline.local'],
      ['?limit=0', 'limit: a whole number from 1 to 200'],
      ['?limit=201', 'limit: a whole number from 1 to 200'],
      ['?before=yesterday', 'before: the cursor a previous page returned'],
    ]) {
      const res = await history('1001', query!);
      expect(res.status, query).toBe(400);
      expect((res.json as { message: string }).message, query).toContain(message);
    }
  });
});
