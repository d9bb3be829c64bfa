/**
 * The room conversation through a real server: the customer's key from the signed link, guest tokens
 * bound to one room, the owning agent only, idempotent sends, limits, bad input, and the SSE stream
 * resuming after `Last-Event-ID`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatGuestSession, ChatHistory, ChatMessage } from '../../src/api/webcall-chat-schemas';
import { WebcallRoom } from '../../src/api/schemas';
import { WebphoneConfigResponse } from '../../src/api/webphone-schemas';
import { JoinPayload } from '../../src/webcall/payload';
import { startSignedInServer, type SignedInServer } from '../testing/signed-in-server';

let s: SignedInServer;
beforeAll(async () => {
  s = await startSignedInServer(['1001', '1002'], { ephemeralSecret: 'chat-test-secret' });
});
afterAll(() => s.close());

interface Answer {
  status: number;
  json: unknown;
  headers: Headers;
}

async function call(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  const res = await fetch(`${s.server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, json: (await res.json()) as unknown, headers: res.headers };
}

async function room(agent: string): Promise<{ roomId: string; key: string }> {
  const res = await call('/api/webcall/rooms', {
    headers: { Cookie: s.cookies[agent]! },
    body: { expiresInS: 3600 },
  });
  expect(res.status).toBe(200);
  const created = WebcallRoom.parse(res.json);
  const payload = JoinPayload.parse(
    JSON.parse(Buffer.from(created.link.payload, 'base64url').toString('utf8')),
  );
  expect(payload.chatKey).toBeTruthy();
  return { roomId: created.roomId, key: payload.chatKey! };
}

async function guest(roomId: string, key: string, guestId?: string): Promise<ChatGuestSession> {
  const res = await call(`/api/webcall/rooms/${roomId}/chat/guest`, {
    body: { key, ...(guestId ? { guestId } : {}) },
  });
  expect(res.status).toBe(200);
  return ChatGuestSession.parse(res.json);
}

const as = (g: ChatGuestSession) => ({ Authorization: `Guest ${g.token}` });

describe('webcall room conversation', () => {
  it('carries messages both ways, in order, and a resumed guest is the same guest', async () => {
    const { roomId, key } = await room('1001');
    const g = await guest(roomId, key);
    const sent = await call(`/api/webcall/rooms/${roomId}/chat/messages`, {
      headers: as(g),
      body: { clientId: 'client-0001', text: 'Hello, I am waiting' },
    });
    expect(sent.status).toBe(200);
    expect(ChatMessage.parse(sent.json)).toMatchObject({
      sender: 'guest',
      author: g.guestId,
      text: 'Hello, I am waiting',
    });
    const reply = await call(`/api/webcall/rooms/${roomId}/chat/messages`, {
      headers: { Cookie: s.cookies['1001']! },
      body: { clientId: 'agent-0001', text: '<b>Hi</b> there' },
    });
    expect(ChatMessage.parse(reply.json)).toMatchObject({
      sender: 'agent',
      author: '1001',
      text: '<b>Hi</b> there',
    });

    const again = await guest(roomId, key, g.guestId);
    expect(again.guestId).toBe(g.guestId);
    const history = ChatHistory.parse(
      (await call(`/api/webcall/rooms/${roomId}/chat/messages`, { headers: as(again) })).json,
    );
    expect(history.messages.map((m) => m.text)).toEqual(['Hello, I am waiting', '<b>Hi</b> there']);
    const after = ChatHistory.parse(
      (
        await call(`/api/webcall/rooms/${roomId}/chat/messages?after=${history.messages[0]!.id}`, {
          headers: as(g),
        })
      ).json,
    );
    expect(after.messages.map((m) => m.sender)).toEqual(['agent']);
  });

  it('stores a retried send once and answers the same message', async () => {
    const { roomId, key } = await room('1001');
    const g = await guest(roomId, key);
    const body = { clientId: 'retry-0001', text: 'once' };
    const first = ChatMessage.parse(
      (await call(`/api/webcall/rooms/${roomId}/chat/messages`, { headers: as(g), body })).json,
    );
    const second = ChatMessage.parse(
      (await call(`/api/webcall/rooms/${roomId}/chat/messages`, { headers: as(g), body })).json,
    );
    expect(second.id).toBe(first.id);
    const history = ChatHistory.parse(
      (await call(`/api/webcall/rooms/${roomId}/chat/messages`, { headers: as(g) })).json,
    );
    expect(history.messages).toHaveLength(1);
  });

  it('keeps every room to itself: wrong keys, other rooms’ guests, other agents, no credentials', async () => {
    const a = await room('1001');
    const b = await room('1001');
    const other = await room('1002');
    const bad = await call(`/api/webcall/rooms/${a.roomId}/chat/guest`, { body: { key: b.key } });
    expect(bad.status).toBe(403);
    const guestOfB = await guest(b.roomId, b.key);
    const msg = { clientId: 'probe-0001', text: 'let me in' };
    expect(
      (await call(`/api/webcall/rooms/${a.roomId}/chat/messages`, { headers: as(guestOfB) })).status,
    ).toBe(403);
    expect(
      (await call(`/api/webcall/rooms/${a.roomId}/chat/messages`, { headers: as(guestOfB), body: msg }))
        .status,
    ).toBe(403);
    expect((await call(`/api/webcall/rooms/${a.roomId}/chat/stream`, { headers: as(guestOfB) })).status).toBe(
      403,
    );
    expect(
      (
        await call(`/api/webcall/rooms/${a.roomId}/chat/messages`, {
          headers: { Authorization: 'Guest gdeadbeefdeadbeef.xyz' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(`/api/webcall/rooms/${other.roomId}/chat/messages`, {
          headers: { Cookie: s.cookies['1001']! },
        })
      ).status,
    ).toBe(404);
    expect((await call(`/api/webcall/rooms/${a.roomId}/chat/messages`)).status).toBe(401);
    expect(
      (await call('/api/webcall/rooms/0000000000000000/chat/guest', { body: { key: a.key } })).status,
    ).toBe(404);
    // Nothing leaked into room a.
    const history = ChatHistory.parse(
      (
        await call(`/api/webcall/rooms/${a.roomId}/chat/messages`, {
          headers: { Cookie: s.cookies['1001']! },
        })
      ).json,
    );
    expect(history.messages).toEqual([]);
  });

  it('refuses bad input with a specific error', async () => {
    const { roomId, key } = await room('1001');
    const g = await guest(roomId, key);
    const post = (body: unknown) =>
      call(`/api/webcall/rooms/${roomId}/chat/messages`, { headers: as(g), body });
    const cases: Array<[unknown, RegExp]> = [
      [{ clientId: 'client-0002', text: '   ' }, /text: must not be empty/],
      [{ clientId: 'client-0003', text: 'x'.repeat(2001) }, /text: must be at most 2000 characters/],
      [{ clientId: 'no', text: 'hi' }, /clientId: must be 8–64/],
      [{ clientId: 'client-0004' }, /text/],
      ['just a string', /expected object|invalid/i],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(message) });
    }
    expect((await post({ clientId: 'client-0005', text: 'x'.repeat(2000) })).status).toBe(200);
    const badAfter = await call(`/api/webcall/rooms/${roomId}/chat/messages?after=-1`, { headers: as(g) });
    expect(badAfter.status).toBe(400);
    const badGuest = await call(`/api/webcall/rooms/${roomId}/chat/guest`, {
      body: { key, guestId: 'g../etc' },
    });
    expect(badGuest.status).toBe(400);
  });

  it('limits how fast one author sends', async () => {
    const { roomId, key } = await room('1001');
    const g = await guest(roomId, key);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await call(`/api/webcall/rooms/${roomId}/chat/messages`, {
        headers: as(g),
        body: { clientId: `flood-${1000 + i}`, text: `m${i}` },
      });
      statuses.push(res.status);
      if (res.status === 429) {
        // The join page words the code and the wait itself (never the English message).
        expect(res.json).toMatchObject({ error: 'too_many_messages' });
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 20).every((st) => st === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    // The agent is another author: not limited by the guest's flood.
    const agent = await call(`/api/webcall/rooms/${roomId}/chat/messages`, {
      headers: { Cookie: s.cookies['1001']! },
      body: { clientId: 'agent-0009', text: 'calm down' },
    });
    expect(agent.status).toBe(200);
  });

  it('refuses the guest’s messages once the agent stops the room, still shows the history', async () => {
    const { roomId, key } = await room('1001');
    const g = await guest(roomId, key);
    await call(`/api/webcall/rooms/${roomId}/chat/messages`, {
      headers: as(g),
      body: { clientId: 'before-0001', text: 'before' },
    });
    expect(
      (
        await call(`/api/webcall/rooms/${roomId}/close`, {
          headers: { Cookie: s.cookies['1001']! },
          body: {},
        })
      ).status,
    ).toBe(200);
    const late = await call(`/api/webcall/rooms/${roomId}/chat/messages`, {
      headers: as(g),
      body: { clientId: 'after-0001', text: 'after' },
    });
    expect(late.status).toBe(410);
    expect(late.json).toMatchObject({ error: 'closed' });
    const history = ChatHistory.parse(
      (await call(`/api/webcall/rooms/${roomId}/chat/messages`, { headers: as(g) })).json,
    );
    expect(history.messages.map((m) => m.text)).toEqual(['before']);
  });

  it('tells the agent’s stream, not the guest’s, what the customer’s page said about itself', async () => {
    const { roomId, key } = await room('1001');
    const info = {
      locale: 'de-DE',
      platform: 'Android',
      browser: 'Chrome 131',
      screen: { width: 390, height: 844 },
    };
    const opened = await call(`/api/webcall/rooms/${roomId}/chat/guest`, { body: { key, info } });
    expect(opened.status).toBe(200);
    const g = ChatGuestSession.parse(opened.json);
    const bad = await call(`/api/webcall/rooms/${roomId}/chat/guest`, {
      body: { key, info: { locale: '<script>' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ message: expect.stringMatching(/^info\.locale: /) });
    await call(`/api/webcall/rooms/${roomId}/chat/messages`, {
      headers: as(g),
      body: { clientId: 'guest-0001', text: 'hi' },
    });

    const read = async (headers: Record<string, string>) => {
      const controller = new AbortController();
      const res = await fetch(`${s.server.url}/api/webcall/rooms/${roomId}/chat/stream`, {
        headers,
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      let text = '';
      while (!text.includes('"hi"')) text += new TextDecoder().decode((await reader.read()).value);
      controller.abort();
      return text;
    };
    const agentText = await read({ Cookie: s.cookies['1001']! });
    expect(agentText).toContain('event: guest');
    expect(agentText).toContain(JSON.stringify({ guestId: g.guestId, info }).slice(1, -1));
    const guestText = await read(as(g));
    expect(guestText).not.toContain('event: guest');
  });

  it('checks the pre-chat answers against the operator’s form and shows them to the agent only', async () => {
    const admin = { Cookie: s.cookies['1001']!, 'Content-Type': 'application/json' };
    const config = WebphoneConfigResponse.parse(
      await (await fetch(`${s.server.url}/api/webphone/config`, { headers: admin })).json(),
    ).config;
    const { roomId, key } = await room('1001');
    const answers = { name: 'Chris Customer', email: 'chris@example.com', reason: 'Router blinks red' };
    // No form configured: answers are refused, not silently dropped.
    const off = await call(`/api/webcall/rooms/${roomId}/chat/guest`, { body: { key, preChat: answers } });
    expect(off.status).toBe(400);
    expect(off.json).toMatchObject({ message: 'preChat: this site has no pre-chat form.' });

    const preChat = { ...config.joinWidget.preChat, enabled: true };
    const put = await fetch(`${s.server.url}/api/webphone/config`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ ...config, joinWidget: { ...config.joinWidget, preChat } }),
    });
    expect(put.status).toBe(200);
    try {
      const refused: Array<[unknown, string]> = [
        [{ ...answers, email: 'chris@' }, 'preChat.email: not an e-mail address.'],
        [{ ...answers, name: '  ' }, 'preChat.name: Name is required.'],
        [{ ...answers, ticket: 'x' }, 'preChat.ticket: not a field of the pre-chat form.'],
        [{ ...answers, reason: 'x'.repeat(1001) }, 'preChat.reason: at most 1000 characters.'],
        [{ ...answers, name: true }, 'preChat.name: text expected.'],
      ];
      for (const [bad, message] of refused) {
        const res = await call(`/api/webcall/rooms/${roomId}/chat/guest`, { body: { key, preChat: bad } });
        expect(res.status).toBe(400);
        expect(res.json).toMatchObject({ error: 'invalid_request', message });
      }
      const opened = await call(`/api/webcall/rooms/${roomId}/chat/guest`, {
        body: { key, preChat: answers },
      });
      expect(opened.status).toBe(200);
      const g = ChatGuestSession.parse(opened.json);
      // Reopening (a reload) without answers keeps them.
      expect(
        (await call(`/api/webcall/rooms/${roomId}/chat/guest`, { body: { key, guestId: g.guestId } })).status,
      ).toBe(200);
      await call(`/api/webcall/rooms/${roomId}/chat/messages`, {
        headers: as(g),
        body: { clientId: 'guest-0001', text: 'hi' },
      });
      const read = async (headers: Record<string, string>) => {
        const controller = new AbortController();
        const res = await fetch(`${s.server.url}/api/webcall/rooms/${roomId}/chat/stream`, {
          headers,
          signal: controller.signal,
        });
        const reader = res.body!.getReader();
        let text = '';
        while (!text.includes('"hi"')) text += new TextDecoder().decode((await reader.read()).value);
        controller.abort();
        return text;
      };
      const agentText = await read({ Cookie: s.cookies['1001']! });
      expect(agentText).toContain(
        JSON.stringify([
          { label: 'Name', value: 'Chris Customer' },
          { label: 'E-mail', value: 'chris@example.com' },
          { label: 'Reason for the call', value: 'Router blinks red' },
        ]),
      );
      expect(await read(as(g))).not.toContain('chris@example.com');
    } finally {
      await fetch(`${s.server.url}/api/webphone/config`, {
        method: 'PUT',
        headers: admin,
        body: JSON.stringify(config),
      });
    }
  });

  it('streams new messages and resumes after Last-Event-ID with no duplicates', async () => {
    const { roomId, key } = await room('1001');
    const g = await guest(roomId, key);
    const post = (clientId: string, text: string) =>
      call(`/api/webcall/rooms/${roomId}/chat/messages`, {
        headers: { Cookie: s.cookies['1001']! },
        body: { clientId, text },
      });
    const first = ChatMessage.parse((await post('stream-0001', 'one')).json);
    await post('stream-0002', 'two');

    const controller = new AbortController();
    const res = await fetch(`${s.server.url}/api/webcall/rooms/${roomId}/chat/stream`, {
      headers: { ...as(g), 'Last-Event-ID': String(first.id) },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil('"two"');
    await post('stream-0003', 'three');
    await readUntil('"three"');
    controller.abort();
    // Message events only (the stream opens with a `room` event, ADR 0030).
    const datas = text
      .split('\n\n')
      .filter((frame) => frame.includes('event: message'))
      .map((frame) => frame.split('\n').find((l) => l.startsWith('data: '))!)
      .map((l) => ChatMessage.parse(JSON.parse(l.slice(6))).text);
    expect(datas).toEqual(['two', 'three']);
  });
});
