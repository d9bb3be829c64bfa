/**
 * Channels through the real server: signed inbound → routing → the agent's API; replies through the
 * fake provider; bad signatures, replays and malformed payloads refused with nothing stored.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationList } from '../../src/api/channels-schemas';
import { startSignedInServer, type SignedInServer } from '../testing/signed-in-server';
import { DEMO_CHANNEL } from './options';
import { genericInbound, whatsappInbound } from './testing/sign';

let s: SignedInServer;
let seq = 0;
const streams: AbortController[] = [];

beforeAll(async () => {
  s = await startSignedInServer(['1001', '1002', '1003'], {
    channelsDemo: true,
    channelRetryDelaysMs: [5, 5],
    channels: [
      {
        id: 'web',
        kind: 'generic',
        secret: 'generic-secret-123456',
        outboundUrl: '/api/dev/fake-provider/web',
        templates: [],
      },
    ],
  });
});
afterAll(async () => {
  for (const c of streams) c.abort();
  await s.close();
});

const api = async (user: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${s.server.url}${path}`, {
    method,
    headers: {
      cookie: s.cookies[user]!,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> };
};

/** An open Conversations stream makes the agent available. */
async function goOnline(user: string): Promise<AbortController> {
  const ctrl = new AbortController();
  const res = await fetch(`${s.server.url}/api/channels/events`, {
    headers: { cookie: s.cookies[user]! },
    signal: ctrl.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  await reader.read(); // the ready frame: the stream is registered
  streams.push(ctrl);
  return ctrl;
}

async function postWhatsapp(
  from: string,
  text: string,
  opts: { secret?: string; timestampMs?: number; id?: string } = {},
) {
  const req = whatsappInbound(opts.secret ?? DEMO_CHANNEL.secret, {
    id: opts.id ?? `wamid.${++seq}`,
    from,
    name: 'Wendy',
    text,
    timestampMs: opts.timestampMs ?? Date.now(),
  });
  const res = await fetch(`${s.server.url}/api/channels/demo-whatsapp/inbound`, {
    method: 'POST',
    headers: req.headers,
    body: req.body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const counts = () => {
  const db = new Database(join(s.dataDir, 'openline.db'), { readonly: true });
  try {
    const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    return [n('channel_customers'), n('channel_conversations'), n('channel_messages')];
  } finally {
    db.close();
  }
};

const mine = async (user: string) =>
  ((await api(user, 'GET', '/api/channels/conversations')).json as unknown as ConversationList).conversations;
const fakeOutbox = async (channel = 'demo-whatsapp') =>
  (
    (await (await fetch(`${s.server.url}/api/dev/fake-provider/${channel}`)).json()) as {
      messages: Array<{ body: Record<string, unknown> }>;
    }
  ).messages;

describe('channels', () => {
  it('queues a conversation while no agent is available; an agent claims it', async () => {
    const r = await postWhatsapp('447700900001', 'Anyone there?');
    expect(r).toEqual({ status: 200, json: { received: 1, duplicates: 0, ignored: 0 } });
    const queued = (await mine('1002')).find((c) => c.channelId === '447700900001')!;
    expect(queued).toMatchObject({ agent: null, routedBy: 'queue', state: 'open' });
    expect((await api('1003', 'GET', '/api/channels/conversations')).status).toBe(403); // a plain user
    expect((await api('1002', 'POST', `/api/channels/conversations/${queued.id}/claim`)).json).toMatchObject({
      agent: '1002',
      routedBy: 'claimed',
    });
    expect((await api('1001', 'POST', `/api/channels/conversations/${queued.id}/claim`)).status).toBe(404);
  });

  it('routes a signed inbound message to the available agent, and the reply reaches the provider', async () => {
    await goOnline('1002');
    expect((await postWhatsapp('447700900123', 'Hello, my order is late')).status).toBe(200);
    const conv = (await mine('1002')).find((c) => c.channelId === '447700900123')!;
    expect(conv).toMatchObject({
      agent: '1002',
      routedBy: 'available',
      customerName: 'Wendy',
      unread: 1,
      kind: 'whatsapp',
    });
    expect(conv.window.state).toBe('open');
    const detail = (await api('1002', 'GET', `/api/channels/conversations/${conv.id}`))
      .json as unknown as ConversationDetail;
    expect(detail.messages.map((m) => [m.direction, m.body])).toEqual([['in', 'Hello, my order is late']]);
    expect(detail.conversation.unread).toBe(0);

    const sent = await api('1002', 'POST', `/api/channels/conversations/${conv.id}/messages`, {
      text: 'Let me check.',
    });
    expect(sent.status).toBe(200);
    await expect
      .poll(async () => (await fakeOutbox()).map((m) => m.body))
      .toContainEqual(
        expect.objectContaining({
          to: '447700900123',
          type: 'text',
          text: expect.objectContaining({ body: 'Let me check.' }),
        }),
      );
    await expect
      .poll(
        async () =>
          (
            (await api('1002', 'GET', `/api/channels/conversations/${conv.id}`))
              .json as unknown as ConversationDetail
          ).messages[1]?.status,
      )
      .toBe('sent');
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const before = counts();
    const r = await postWhatsapp('447700900999', 'forged', { secret: 'not-the-secret-at-all' });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ error: 'bad_signature' });
    expect(counts()).toEqual(before);
  });

  it('refuses a message outside the replay window and acknowledges a repeated id once', async () => {
    const before = counts();
    const old = await postWhatsapp('447700900998', 'old', { timestampMs: Date.now() - 10 * 60_000 });
    expect(old).toMatchObject({ status: 401, json: { error: 'replayed' } });
    expect(counts()).toEqual(before);
    const first = await postWhatsapp('447700900997', 'once', { id: 'wamid.same' });
    const again = await postWhatsapp('447700900997', 'once', { id: 'wamid.same' });
    expect(first.json).toMatchObject({ received: 1 });
    expect(again).toEqual({ status: 200, json: { received: 0, duplicates: 1, ignored: 0 } });
    expect(counts()[2]).toBe(before[2]! + 1);
  });

  it('answers 400 with the problem for a malformed payload, 404 for an unknown channel', async () => {
    const req = genericInbound(
      'generic-secret-123456',
      { id: 'x', from: 'bad address', text: 'hi' },
      Date.now(),
    );
    const res = await fetch(`${s.server.url}/api/channels/web/inbound`, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'invalid_payload',
      message: expect.stringMatching(/^from:/),
    });
    const none = await fetch(`${s.server.url}/api/channels/nope/inbound`, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
    });
    expect(none.status).toBe(404);
  });

  it('gives a returning customer to the agent who last engaged, even when another is less loaded', async () => {
    const first = (await mine('1002')).find((c) => c.channelId === '447700900123')!;
    expect((await api('1002', 'POST', `/api/channels/conversations/${first.id}/close`)).json).toMatchObject({
      state: 'closed',
    });
    await expect
      .poll(async () => (await fakeOutbox()).map((m) => (m.body.text as { body?: string } | undefined)?.body))
      .toContain('This session has ended. Reply to this message to start again.');
    await goOnline('1001'); // 1001 has no open conversations; 1002 has some
    await postWhatsapp('447700900123', 'Me again');
    const again = (await mine('1002')).find((c) => c.channelId === '447700900123' && c.state === 'open')!;
    expect(again).toMatchObject({ agent: '1002', routedBy: 'returning' });
    expect(again.id).not.toBe(first.id);
    // A new customer goes to the less loaded agent.
    await postWhatsapp('447700900555', 'New here');
    expect((await mine('1001')).find((c) => c.channelId === '447700900555')).toMatchObject({
      agent: '1001',
      routedBy: 'available',
    });
    // agent:1002 names the agent.
    await postWhatsapp('447700900556', 'agent:1002 please');
    expect((await mine('1002')).find((c) => c.channelId === '447700900556')).toMatchObject({
      agent: '1002',
      routedBy: 'named',
    });
  });

  it('blocks free text outside the 24-hour window but sends a template', async () => {
    const conv = (await mine('1002')).find((c) => c.channelId === '447700900123' && c.state === 'open')!;
    const db = new Database(join(s.dataDir, 'openline.db'));
    db.prepare('UPDATE channel_conversations SET last_inbound_at = ? WHERE id = ?').run(
      Date.now() - 25 * 3600_000,
      conv.id,
    );
    db.close();
    expect((await mine('1002')).find((c) => c.id === conv.id)!.window).toEqual({ state: 'closed' });
    const text = await api('1002', 'POST', `/api/channels/conversations/${conv.id}/messages`, {
      text: 'Still there?',
    });
    expect(text).toMatchObject({ status: 409, json: { error: 'window_closed' } });
    const template = await api('1002', 'POST', `/api/channels/conversations/${conv.id}/messages`, {
      template: 'follow_up',
    });
    expect(template.status).toBe(200);
    await expect
      .poll(async () => (await fakeOutbox()).map((m) => m.body))
      .toContainEqual(
        expect.objectContaining({
          type: 'template',
          template: { name: 'follow_up', language: { code: 'en' } },
        }),
      );
    const unknown = await api('1002', 'POST', `/api/channels/conversations/${conv.id}/messages`, {
      template: 'nope',
    });
    expect(unknown.status).toBe(400);
  });

  it('dead-letters a reply the provider keeps refusing, with the reason', async () => {
    await fetch(`${s.server.url}/api/dev/fake-provider/demo-whatsapp/failing`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: 'true',
    });
    const conv = (await mine('1001')).find((c) => c.channelId === '447700900555')!;
    await api('1001', 'POST', `/api/channels/conversations/${conv.id}/messages`, { text: 'Will fail' });
    await expect
      .poll(async () =>
        (
          (await api('1001', 'GET', `/api/channels/conversations/${conv.id}`))
            .json as unknown as ConversationDetail
        ).messages.at(-1),
      )
      .toMatchObject({
        status: 'failed',
        attempts: 3,
        reason: 'The provider answered 503.',
        reasonCode: 'status:503',
      });
    await fetch(`${s.server.url}/api/dev/fake-provider/demo-whatsapp/failing`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: 'false',
    });
  });
});
