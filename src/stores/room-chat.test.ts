import { describe, expect, it } from 'vitest';
import { ChatApiError, type RoomChatApi } from '../api/webcall-chat';
import type { ChatGuest, ChatMessage } from '../api/webcall-chat-schemas';
import { chatRetryDelayMs, createRoomChat, type RoomChatDeps } from './room-chat';

const msg = (id: number, sender: 'guest' | 'agent', clientId = `c${id}`, text = `m${id}`): ChatMessage => ({
  id,
  sender,
  author: sender === 'guest' ? 'g0123456789abcdef' : '1001',
  clientId,
  text,
  at: id * 1000,
});

/** A fake server side: streams are opened by the store and driven by the test. */
function fakeApi() {
  const streams: Array<{
    after: number;
    open(): void;
    push(m: ChatMessage): void;
    guest(g: ChatGuest): void;
    end(): void;
    fail(e: unknown): void;
  }> = [];
  const sent: Array<{ clientId: string; text: string }> = [];
  let sendAnswer: (req: { clientId: string; text: string }) => Promise<ChatMessage> = (req) =>
    Promise.resolve(msg(100 + sent.length, 'guest', req.clientId, req.text));
  const api: RoomChatApi = {
    history: () => Promise.resolve({ messages: [], expiresAt: 0 }),
    send(req) {
      sent.push(req);
      return sendAnswer(req);
    },
    stream(after, on) {
      return new Promise<void>((resolve, reject) => {
        streams.push({
          after,
          open: on.onOpen,
          push: on.onMessage,
          guest: on.onGuest,
          end: resolve,
          fail: reject,
        });
      });
    },
  };
  return {
    api,
    streams,
    sent,
    answerSendsWith(f: typeof sendAnswer) {
      sendAnswer = f;
    },
  };
}

function harness(extra: Partial<RoomChatDeps> = {}) {
  const server = fakeApi();
  const timers: Array<{ ms: number; run: () => void }> = [];
  let connects = 0;
  let ids = 0;
  const chat = createRoomChat({
    me: 'guest',
    connect: () => {
      connects++;
      return Promise.resolve(server.api);
    },
    after: (ms, run) => {
      const t = { ms, run };
      timers.push(t);
      return () => timers.splice(timers.indexOf(t), 1);
    },
    newClientId: () => `client-${++ids}`,
    ...extra,
  });
  return { chat, server, timers, connects: () => connects };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('room chat', () => {
  it('goes live, merges messages once in id order and counts unread from the other side while closed', async () => {
    const { chat, server } = harness();
    chat.start();
    await flush();
    expect(chat.useStore.getState().connection).toBe('connecting');
    const s = server.streams[0]!;
    expect(s.after).toBe(0);
    s.open();
    expect(chat.useStore.getState().connection).toBe('live');
    s.push(msg(2, 'agent'));
    s.push(msg(1, 'guest'));
    s.push(msg(2, 'agent'));
    expect(chat.useStore.getState().messages.map((m) => m.id)).toEqual([1, 2]);
    expect(chat.useStore.getState().unread).toBe(1);
    chat.setOpen(true);
    expect(chat.useStore.getState().unread).toBe(0);
    s.push(msg(3, 'agent'));
    expect(chat.useStore.getState().unread).toBe(0);
  });

  it('keeps the latest details per guest, newest first', async () => {
    const { chat, server } = harness({ me: 'agent' });
    chat.start();
    await flush();
    const s = server.streams[0]!;
    s.open();
    s.guest({ guestId: 'g0000000000000001', info: { locale: 'de-DE' }, at: 1 });
    s.guest({ guestId: 'g0000000000000002', info: { locale: 'fr' }, at: 2 });
    s.guest({ guestId: 'g0000000000000001', info: { locale: 'de-AT' }, at: 3 });
    expect(chat.useStore.getState().guests.map((g) => g.info.locale)).toEqual(['de-AT', 'fr']);
  });

  it('resumes after the last message seen when the stream ends, with no duplicates', async () => {
    const { chat, server, timers } = harness();
    chat.start();
    await flush();
    server.streams[0]!.open();
    server.streams[0]!.push(msg(5, 'agent'));
    server.streams[0]!.end();
    await flush();
    expect(chat.useStore.getState().connection).toBe('reconnecting');
    expect(timers.map((t) => t.ms)).toEqual([chatRetryDelayMs(0)]);
    timers.shift()!.run();
    await flush();
    const second = server.streams[1]!;
    expect(second.after).toBe(5);
    second.open();
    second.push(msg(5, 'agent'));
    second.push(msg(6, 'agent'));
    expect(chat.useStore.getState().messages.map((m) => m.id)).toEqual([5, 6]);
  });

  it('never waits longer than the configured reconnect time between tries', async () => {
    expect([0, 1, 2, 3, 4, 9].map((a) => chatRetryDelayMs(a))).toEqual([
      1000, 2000, 4000, 8000, 15000, 15000,
    ]);
    expect([0, 1, 2, 4].map((a) => chatRetryDelayMs(a, 3000))).toEqual([1000, 2000, 3000, 3000]);
    expect(chatRetryDelayMs(9, 60_000)).toBe(16_000);
    const { chat, server, timers } = harness({ maxRetryDelayMs: 3000 });
    chat.start();
    for (let i = 0; i < 4; i++) {
      await flush();
      server.streams.at(-1)!.fail(new ChatApiError(0, 'unreachable', 'Cannot reach the server'));
      await flush();
      timers.shift()!.run();
    }
    await flush();
    server.streams.at(-1)!.fail(new ChatApiError(0, 'unreachable', 'Cannot reach the server'));
    await flush();
    expect(timers.map((t) => t.ms)).toEqual([3000]);
  });

  it('backs off while the server cannot be reached, and closes for good when the link is over', async () => {
    const { chat, server, timers } = harness();
    chat.start();
    await flush();
    server.streams[0]!.fail(new ChatApiError(0, 'unreachable', 'Cannot reach the server'));
    await flush();
    server.streams.length = 0;
    timers.shift()!.run();
    await flush();
    server.streams[0]!.fail(new ChatApiError(0, 'unreachable', 'Cannot reach the server'));
    await flush();
    expect(timers.map((t) => t.ms)).toEqual([chatRetryDelayMs(2)]);
    timers.shift()!.run();
    await flush();
    server.streams[1]!.fail(new ChatApiError(410, 'expired', 'This call link has expired.'));
    await flush();
    expect(chat.useStore.getState()).toMatchObject({
      connection: 'closed',
      closedReason: { code: 'expired' },
    });
    expect(timers).toEqual([]);
    expect(chat.send('hello')).toEqual({ code: 'expired' });
  });

  it('waits for the network instead of spending tries while offline', async () => {
    let online = false;
    let wake: (() => void) | null = null;
    const { chat, server } = harness({
      network: { online: () => online, whenOnline: (run) => ((wake = run), () => (wake = null)) },
    });
    chat.start();
    await flush();
    expect(server.streams).toHaveLength(0);
    expect(chat.useStore.getState().connection).toBe('reconnecting');
    online = true;
    wake!();
    await flush();
    expect(server.streams).toHaveLength(1);
  });

  it('shows a sent message as pending until the server has it, and retries a failed send with the same client id', async () => {
    const { chat, server } = harness();
    chat.start();
    await flush();
    server.streams[0]!.open();
    server.answerSendsWith(() =>
      Promise.reject(new ChatApiError(0, 'unreachable', 'Cannot reach the server')),
    );
    expect(chat.send('  ')).toEqual({ code: 'empty' });
    expect(chat.send('x'.repeat(2001))).toEqual({ code: 'too_long', max: 2000 });
    expect(chat.send('Hello')).toBeNull();
    expect(chat.useStore.getState().pending).toEqual([{ clientId: 'client-1', text: 'Hello', error: null }]);
    await flush();
    expect(chat.useStore.getState().pending[0]!.error).toEqual({ code: 'unreachable' });
    // The message may have arrived after all: the stream brings it, and the retry stores nothing new.
    server.streams[0]!.push(msg(7, 'guest', 'client-1', 'Hello'));
    expect(chat.useStore.getState().pending).toEqual([]);
    expect(chat.useStore.getState().messages.map((m) => m.text)).toEqual(['Hello']);

    server.answerSendsWith((req) => Promise.resolve(msg(8, 'guest', req.clientId, req.text)));
    chat.send('Again');
    await flush();
    expect(server.sent.map((s) => s.clientId)).toEqual(['client-1', 'client-2']);
    expect(chat.useStore.getState().pending).toEqual([]);
    expect(chat.useStore.getState().messages.map((m) => m.id)).toEqual([7, 8]);

    server.answerSendsWith(() => Promise.reject(new ChatApiError(429, 'too_many_messages', 'Wait 3 s', 3)));
    chat.send('Third');
    await flush();
    // A code and the wait, never the server's English sentence: the screen words it.
    expect(chat.useStore.getState().pending[0]!.error).toEqual({ code: 'too_many_messages', waitS: 3 });
    server.answerSendsWith((req) => Promise.resolve(msg(9, 'guest', req.clientId, req.text)));
    chat.retry('client-3');
    await flush();
    expect(server.sent.at(-1)).toEqual({ clientId: 'client-3', text: 'Third' });
    expect(chat.useStore.getState().pending).toEqual([]);
  });

  it('asks for a guest session again when connecting failed, and stops on stop()', async () => {
    let fail = true;
    const server = fakeApi();
    const timers: Array<() => void> = [];
    let connects = 0;
    const chat = createRoomChat({
      me: 'guest',
      connect: () => {
        connects++;
        return fail
          ? Promise.reject(new ChatApiError(0, 'unreachable', 'offline'))
          : Promise.resolve(server.api);
      },
      after: (_ms, run) => (timers.push(run), () => undefined),
    });
    chat.start();
    await flush();
    fail = false;
    timers.shift()!();
    await flush();
    expect(connects).toBe(2);
    expect(server.streams).toHaveLength(1);
    chat.stop();
    server.streams[0]!.end();
    await flush();
    expect(timers).toEqual([]);
  });
});
