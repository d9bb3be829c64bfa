import { Grammar } from 'sip.js';
import { describe, expect, it } from 'vitest';
import type { MessageLike, MessagerLike, RequestDelegateLike } from '../ports';
import { buildImdn } from './imdn';
import { buildIsComposing, COMPOSING_IDLE_MS, COMPOSING_RESEND_MS } from './is-composing';
import { Messaging } from './messaging';
import type { ChatEvents, IncomingChatMessage } from './types';

interface Answer {
  status: number;
  reason?: string;
  headers?: string[];
}

function incoming(body: string, headers: Record<string, string>, callId = 'c1') {
  const answers: Answer[] = [];
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const message: MessageLike = {
    request: {
      body,
      callId,
      from: { uri: { user: '1001', host: 'example.test' }, displayName: 'Ada' },
      getHeader: (name) => lower[name.toLowerCase()],
    },
    accept: () => (answers.push({ status: 200 }), Promise.resolve()),
    reject: (o) => (
      answers.push({ status: o?.statusCode ?? 0, reason: o?.reasonPhrase, headers: o?.extraHeaders }),
      Promise.resolve()
    ),
  };
  return { message, answers };
}

function rig() {
  let now = 1_000;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextTimer = 1;
  const sent: {
    target: string;
    body: string;
    type: string;
    headers: string[];
    delegate?: RequestDelegateLike;
  }[] = [];
  const events: string[] = [];
  let connected = true;
  const messaging = new Messaging({
    setTimeout: (fn, ms) => (timers.set(nextTimer, { at: now + ms, fn }), nextTimer++),
    clearTimeout: (h) => void timers.delete(h as number),
    now: () => now,
    logger: { warn: () => undefined, error: () => undefined },
    toUri: (peer) => Grammar.URIParse(peer)!,
    emit: <E extends keyof ChatEvents>(event: E, ...args: Parameters<ChatEvents[E]>) =>
      void events.push(`${event} ${args.join(' ')}`),
    createMessager: (target, body, type, headers): MessagerLike | null => {
      if (!connected) return null;
      return {
        message: (o) => {
          sent.push({ target: target.toString(), body, type, headers, delegate: o?.requestDelegate });
          return Promise.resolve();
        },
      };
    },
  });
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) {
      if (t.at > now) continue;
      timers.delete(id);
      t.fn();
    }
  };
  return { messaging, sent, events, advance, disconnect: () => (connected = false) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const TEXT = { 'Content-Type': 'text/plain;charset=utf-8' };

describe('incoming MESSAGE', () => {
  it('answers 200 only after the sink stored it, and sends a delivered receipt when asked', async () => {
    const r = rig();
    let release!: () => void;
    const stored: IncomingChatMessage[] = [];
    r.messaging.setSink((m) => new Promise((resolve) => (release = () => (stored.push(m), resolve()))));
    const m = incoming('hello', {
      ...TEXT,
      'Message-ID': 'abc.1',
      'Disposition-Notification': 'positive-delivery, display',
    });
    r.messaging.onMessage(m.message);
    await flush();
    expect(m.answers).toEqual([]);
    release();
    await flush();
    expect(m.answers).toEqual([{ status: 200 }]);
    expect(stored[0]).toMatchObject({
      id: 'abc.1',
      peer: 'sip:1001@example.test',
      peerName: 'Ada',
      body: 'hello',
      wantsDisplayed: true,
    });
    expect(r.sent).toHaveLength(1);
    expect(r.sent[0]).toMatchObject({ target: 'sip:1001@example.test', type: 'message/imdn+xml' });
    expect(r.sent[0]!.body).toContain('<message-id>abc.1</message-id>');
    expect(r.sent[0]!.body).toContain('<delivered/>');
  });

  it('answers 500 (not 200) when storing fails, and a resend can then succeed', async () => {
    const r = rig();
    let fail = true;
    r.messaging.setSink(() => (fail ? Promise.reject(new Error('quota')) : Promise.resolve()));
    const first = incoming('hi', TEXT);
    r.messaging.onMessage(first.message);
    await flush();
    expect(first.answers[0]?.status).toBe(500);
    fail = false;
    const again = incoming('hi', TEXT);
    r.messaging.onMessage(again.message);
    await flush();
    expect(again.answers).toEqual([{ status: 200 }]);
  });

  it('stores a resend with the same id once and answers both 200', async () => {
    const r = rig();
    const stored: string[] = [];
    r.messaging.setSink((m) => (stored.push(m.id), Promise.resolve()));
    const a = incoming('once', { ...TEXT, 'Message-ID': 'same' }, 'call-a');
    const b = incoming('once', { ...TEXT, 'Message-ID': 'same' }, 'call-b');
    const c = incoming('by call-id', TEXT, 'call-c');
    const d = incoming('by call-id', TEXT, 'call-c');
    for (const x of [a, b, c, d]) r.messaging.onMessage(x.message);
    await flush();
    expect(stored).toEqual(['same', 'call-c']);
    for (const x of [a, b, c, d]) expect(x.answers).toEqual([{ status: 200 }]);
  });

  it.each([
    ['no sink', null, TEXT, 'x', 480, /not being received/],
    ['an image', 'sink', { 'Content-Type': 'image/png' }, 'x', 415, /Unsupported/],
    ['latin-1 text', 'sink', { 'Content-Type': 'text/plain; charset=iso-8859-1' }, 'x', 415, /UTF-8/],
    ['an empty body', 'sink', TEXT, '  ', 400, /empty/],
    ['an oversize body', 'sink', TEXT, 'x'.repeat(4001), 413, /4000/],
    ['a malformed Message-ID', 'sink', { ...TEXT, 'Message-ID': 'a b' }, 'x', 400, /Message-ID/],
    [
      'a bad isComposing body',
      'sink',
      { 'Content-Type': 'application/im-iscomposing+xml' },
      '<x',
      400,
      /isComposing/,
    ],
    ['a bad IMDN body', 'sink', { 'Content-Type': 'message/imdn+xml' }, '<imdn/>', 400, /IMDN/],
    [
      'a receipt with no sink',
      null,
      { 'Content-Type': 'message/imdn+xml' },
      buildImdn({ messageId: 'm1', status: 'delivered' }, new Date(0)),
      480,
      /not being received/,
    ],
  ])('refuses %s with a reason and stores nothing', async (_n, sink, headers, body, status, reason) => {
    const r = rig();
    const stored: string[] = [];
    if (sink) r.messaging.setSink((m) => (stored.push(m.id), Promise.resolve()));
    const m = incoming(body, headers);
    r.messaging.onMessage(m.message);
    await flush();
    expect(m.answers).toHaveLength(1);
    expect(m.answers[0]!.status).toBe(status);
    expect(m.answers[0]!.reason).toMatch(reason);
    expect(stored).toEqual([]);
    if (status === 415) expect(m.answers[0]!.headers?.join()).toMatch(/^Accept: text\/plain/);
  });

  it('hands typing and receipts on as events', async () => {
    const r = rig();
    r.messaging.setSink(() => Promise.resolve());
    const typing = incoming(buildIsComposing(true), { 'Content-Type': 'application/im-iscomposing+xml' });
    const receipt = incoming(buildImdn({ messageId: 'm1', status: 'displayed' }, new Date(0)), {
      'Content-Type': 'message/imdn+xml',
    });
    r.messaging.onMessage(typing.message);
    r.messaging.onMessage(receipt.message);
    await flush();
    expect(typing.answers).toEqual([{ status: 200 }]);
    expect(r.events).toEqual([
      'chatComposing sip:1001@example.test true 60000',
      'chatReceipt sip:1001@example.test m1 displayed',
    ]);
  });
});

describe('outgoing', () => {
  it('sends text with its id and a receipt request, and reports the SIP outcome', async () => {
    const r = rig();
    const done = r.messaging.sendMessage('sip:1002@example.test', 'id.1', 'hi');
    expect(r.sent[0]).toMatchObject({ type: 'text/plain;charset=utf-8', body: 'hi' });
    expect(r.sent[0]!.headers).toEqual([
      'Message-ID: id.1',
      'Disposition-Notification: positive-delivery, display',
    ]);
    r.sent[0]!.delegate!.onReject!({
      message: { statusCode: 404, reasonPhrase: 'Not Found', body: '', getHeader: () => undefined },
    });
    await expect(done).resolves.toEqual({ ok: false, status: 404, reason: 'Not Found' });
  });

  it('fails at once when not connected, empty or too long', async () => {
    const r = rig();
    await expect(r.messaging.sendMessage('sip:1@x', 'a', '')).resolves.toMatchObject({
      ok: false,
      reason: /empty/,
    });
    await expect(r.messaging.sendMessage('sip:1@x', 'a', 'x'.repeat(4001))).resolves.toMatchObject({
      ok: false,
    });
    r.disconnect();
    await expect(r.messaging.sendMessage('sip:1@x', 'a', 'hi')).resolves.toMatchObject({
      ok: false,
      reason: /Not connected/,
    });
  });

  it('throttles typing indications and goes idle after 15 s', () => {
    const r = rig();
    const peer = 'sip:1002@example.test';
    const states = () => r.sent.map((s) => (s.body.includes('<state>active') ? 'active' : 'idle'));
    r.messaging.composing(peer);
    r.advance(1000);
    r.messaging.composing(peer);
    expect(states()).toEqual(['active']);
    r.advance(COMPOSING_RESEND_MS);
    r.messaging.composing(peer);
    expect(states()).toEqual(['active', 'active']);
    r.advance(COMPOSING_IDLE_MS);
    expect(states()).toEqual(['active', 'active', 'idle']);
    r.messaging.composing(peer);
    r.messaging.sendMessage(peer, 'x', 'sent');
    r.advance(COMPOSING_IDLE_MS);
    expect(states()).toEqual(['active', 'active', 'idle', 'active', 'idle']);
    expect(r.sent.at(-1)!.type).toBe('text/plain;charset=utf-8');
  });
});
