/**
 * `POST /api/channels/calls/:roomId` (ADR 0034): behind Kamailio the server sees no dialog, so the agent's
 * app reports its room's call. Only the room's own agent may; only rooms whose link went out on a
 * conversation get rows; the first answered and one ended count. With the embedded proxy a SIP room's
 * calls come from its dialogs, and reports are ignored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationList } from '../../src/api/channels-schemas';
import { WebcallRoom } from '../../src/api/schemas';
import { TestPhone } from '../sip/testing';
import { establishCall } from '../sip/testing/calls';
import { startSignedInServer, TEST_PASSWORD, type SignedInServer } from '../testing/signed-in-server';
import { DEMO_CHANNEL } from './options';
import { whatsappInbound } from './testing/sign';

let kam: SignedInServer;
let embedded: SignedInServer;
let seq = 0;

beforeAll(async () => {
  [kam, embedded] = await Promise.all([
    startSignedInServer(['1001', '1002', '1003'], {
      channelsDemo: true,
      channelRetryDelaysMs: [5],
      sipServer: 'external',
      sipWsUrl: 'ws://127.0.0.1:9/sip',
      ephemeralSecret: 'call-report-test-secret',
      voicemailSipListen: '127.0.0.1:0',
    }),
    startSignedInServer(['1002'], { channelsDemo: true, channelRetryDelaysMs: [5] }),
  ]);
});
afterAll(async () => {
  await Promise.all([kam?.close(), embedded?.close()]);
});

function client(s: SignedInServer, user = '1002') {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${s.server.url}${path}`, {
      method,
      headers: {
        cookie: s.cookies[user]!,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (await res.json().catch(() => null)) as unknown };
  };
}

/** A customer's conversation taken by 1002, and a room of 1002's. */
async function conversationAndRoom(s: SignedInServer) {
  const api = client(s);
  const from = `4477009330${++seq}`;
  const req = whatsappInbound(DEMO_CHANNEL.secret, {
    id: `wamid.report.${seq}`,
    from,
    name: 'Rae',
    text: 'Call me?',
    timestampMs: Date.now(),
    ref: 'agent:1002',
  });
  const inbound = await fetch(`${s.server.url}/api/channels/demo-whatsapp/inbound`, {
    method: 'POST',
    headers: req.headers,
    body: req.body,
  });
  expect(inbound.status).toBe(200);
  const list = (await api('GET', '/api/channels/conversations')).json as ConversationList;
  const conversation = list.conversations.find((x) => x.channelId === from)!;
  // Nobody's panel is open, so it waits in the queue: 1002 takes it.
  if (conversation.agent === null)
    expect((await api('POST', `/api/channels/conversations/${conversation.id}/claim`)).status).toBe(200);
  const room = WebcallRoom.parse(
    (await api('POST', '/api/webcall/rooms', { customerName: 'Rae', expiresInS: 3600 })).json,
  );
  return { api, conversation, room };
}

async function sendLink(s: SignedInServer) {
  const { api, conversation, room } = await conversationAndRoom(s);
  const url = `${s.server.url}/join#2.${room.link.payload}.${room.link.signature}`;
  const sent = await api('POST', `/api/channels/conversations/${conversation.id}/call-link`, {
    roomId: room.roomId,
    url,
  });
  expect(sent).toEqual({ status: 200, json: expect.anything() });
  const calls = async () =>
    ((await api('GET', `/api/channels/conversations/${conversation.id}`)).json as ConversationDetail).calls;
  return {
    api,
    room,
    calls,
    report: (event: unknown) => api('POST', `/api/channels/calls/${room.roomId}`, event),
  };
}

describe('call reports behind Kamailio', () => {
  it('records the first answered and one ended with the server’s duration; repeats change nothing', async () => {
    const { report, calls } = await sendLink(kam);
    expect(await report({ event: 'answered' })).toEqual({ status: 200, json: { recorded: true } });
    expect(await report({ event: 'answered' })).toEqual({ status: 200, json: { recorded: false } });
    await new Promise((r) => setTimeout(r, 30));
    expect(await report({ event: 'ended' })).toEqual({ status: 200, json: { recorded: true } });
    expect(await report({ event: 'ended' })).toEqual({ status: 200, json: { recorded: false } });
    const rows = await calls();
    expect(rows.map((r) => r.event)).toEqual(['answered', 'ended']);
    expect(rows[1]!.durationMs).toBe(rows[1]!.at - rows[0]!.at);
    expect(rows[1]!.durationMs).toBeGreaterThanOrEqual(30);
  });

  it('refuses an end before any answer (409), and bad input (400), storing nothing', async () => {
    const { report, calls, api, room } = await sendLink(kam);
    const ended = await report({ event: 'ended' });
    expect(ended.status).toBe(409);
    expect(ended.json).toMatchObject({ error: 'not_answered' });
    for (const bad of [{ event: 'rang' }, {}, { event: 'answered', at: 1 }, 'not json']) {
      const res = await report(bad);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: expect.any(String), message: expect.stringMatching(/./) });
    }
    const noBody = await api('POST', `/api/channels/calls/${room.roomId}`);
    expect(noBody.status).toBe(415); // no JSON body at all
    expect(await calls()).toEqual([]);
  });

  it('answers 404 for another agent’s room and an unknown one, 403 for a non-agent; nothing stored', async () => {
    const { room, calls } = await sendLink(kam);
    const admin = client(kam, '1001'); // an agent too, but not this room's
    expect((await admin('POST', `/api/channels/calls/${room.roomId}`, { event: 'answered' })).status).toBe(
      404,
    );
    expect((await admin('POST', '/api/channels/calls/no-such-room', { event: 'answered' })).status).toBe(404);
    const user = client(kam, '1003');
    expect((await user('POST', `/api/channels/calls/${room.roomId}`, { event: 'answered' })).status).toBe(
      403,
    );
    const anonymous = await fetch(`${kam.server.url}/api/channels/calls/${room.roomId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ event: 'answered' }),
    });
    expect(anonymous.status).toBe(401);
    expect(await calls()).toEqual([]);
  });

  it('records nothing for a room whose link was not sent on a conversation', async () => {
    const { api, room, conversation } = await conversationAndRoom(kam);
    const res = await api('POST', `/api/channels/calls/${room.roomId}`, { event: 'answered' });
    expect(res).toEqual({ status: 200, json: { recorded: false } });
    const detail = (await api('GET', `/api/channels/conversations/${conversation.id}`))
      .json as ConversationDetail;
    expect(detail.calls).toEqual([]);
  });

  it('limits an agent’s reports per minute (429 with Retry-After)', async () => {
    const { api } = await sendLink(kam);
    let last = 0;
    for (let i = 0; i < 40 && last !== 429; i++)
      last = (await api('POST', '/api/channels/calls/no-such-room', { event: 'answered' })).status;
    expect(last).toBe(429);
  });
});

describe('call reports with the embedded proxy', () => {
  it('ignores reports for a SIP room: its dialogs are the source', async () => {
    const { report, calls } = await sendLink(embedded);
    expect(await report({ event: 'answered' })).toEqual({ status: 200, json: { recorded: false } });
    expect(await report({ event: 'ended' })).toEqual({ status: 200, json: { recorded: false } });
    expect(await calls()).toEqual([]);
  });

  it('records a call shorter than the once-a-second check, timed from its 200 OK to its BYE', async () => {
    const { room, calls } = await sendLink(embedded);
    if (room.provider !== 'sip') throw new Error('a SIP room expected');
    const guestUser = room.sip.username.slice(room.sip.username.indexOf(':') + 1);
    const guest = await TestPhone.connect(embedded.server.url, guestUser, { password: room.sip.password });
    const agent = await TestPhone.connect(embedded.server.url, '1002', { password: TEST_PASSWORD });
    try {
      expect((await guest.register({ username: room.sip.username })).statusCode).toBe(200);
      expect((await agent.register()).statusCode).toBe(200);
      const before = Date.now();
      const call = await establishCall(guest, agent);
      guest.inDialog('BYE', call.caller);
      agent.reply(await agent.request('BYE'), 200);
      expect((await guest.final('BYE')).statusCode).toBe(200);
      const after = Date.now();
      // A once-a-second sample would have missed this call, or timed it in whole seconds.
      const rows = await calls();
      expect(rows.map((r) => r.event)).toEqual(['answered', 'ended']);
      expect(rows[0]!.at).toBeGreaterThanOrEqual(before);
      expect(rows[1]!.at).toBeLessThanOrEqual(after);
      expect(rows[1]!.durationMs).toBe(rows[1]!.at - rows[0]!.at);
    } finally {
      await Promise.all([guest.close(), agent.close()]);
    }
  });
});
