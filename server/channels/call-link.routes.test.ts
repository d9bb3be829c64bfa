/**
 * The call link sent on a channel conversation joins its room to the timeline (ADR 0029): when the
 * customer's join page asks for the agent's availability, the conversation gets an "opened" call row
 * (once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationList } from '../../src/api/channels-schemas';
import { WebcallRoom } from '../../src/api/schemas';
import { startSignedInServer, type SignedInServer } from '../testing/signed-in-server';
import { DEMO_CHANNEL } from './options';
import { whatsappInbound } from './testing/sign';

let s: SignedInServer;
const streams: AbortController[] = [];

beforeAll(async () => {
  s = await startSignedInServer(['1002'], { channelsDemo: true, channelRetryDelaysMs: [5] });
});
afterAll(async () => {
  for (const c of streams) c.abort();
  await s.close();
});

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${s.server.url}${path}`, {
    method,
    headers: {
      cookie: s.cookies['1002']!,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as unknown };
};

describe('the call link in the conversation timeline', () => {
  it('records "opened" once when the join page asks', async () => {
    // 1002's panel is open: the conversation is routed to them.
    const ctrl = new AbortController();
    streams.push(ctrl);
    const events = await fetch(`${s.server.url}/api/channels/events`, {
      headers: { cookie: s.cookies['1002']! },
      signal: ctrl.signal,
    });
    await events.body!.getReader().read();
    const req = whatsappInbound(DEMO_CHANNEL.secret, {
      id: 'wamid.calllink.1',
      from: '447700922001',
      name: 'Cal',
      text: 'Video please',
      timestampMs: Date.now(),
    });
    await fetch(`${s.server.url}/api/channels/demo-whatsapp/inbound`, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
    });
    const list = (await api('GET', '/api/channels/conversations')).json as ConversationList;
    const c = list.conversations.find((x) => x.channelId === '447700922001')!;

    const room = WebcallRoom.parse(
      (await api('POST', '/api/webcall/rooms', { customerName: 'Cal', expiresInS: 3600 })).json,
    );
    const url = `${s.server.url}/join#2.${room.link.payload}.${room.link.signature}`;
    expect(
      (await api('POST', `/api/channels/conversations/${c.id}/call-link`, { roomId: room.roomId, url }))
        .status,
    ).toBe(200);
    const payload = JSON.parse(Buffer.from(room.link.payload, 'base64url').toString('utf8')) as {
      chatKey?: string;
    };
    expect(payload.chatKey).toBeTruthy();
    const detail = async () =>
      ((await api('GET', `/api/channels/conversations/${c.id}`)).json as ConversationDetail).calls;
    expect(await detail()).toEqual([]);

    for (let i = 0; i < 2; i++) {
      const asked = await fetch(`${s.server.url}/api/webcall/rooms/${room.roomId}/availability`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ key: payload.chatKey }),
      });
      expect(asked.status).toBe(200);
    }
    expect(await detail()).toEqual([
      {
        id: expect.any(Number),
        roomId: room.roomId,
        event: 'opened',
        durationMs: null,
        at: expect.any(Number),
      },
    ]);
  });
});
