import { describe, expect, it } from 'vitest';
import { ChatApiError, type RoomChatApi } from '../api/webcall-chat';
import type { ChatGuest, ChatMessage, ChatTypingEvent, ChatTypingState } from '../api/webcall-chat-schemas';
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
    typing(t: ChatTypingEvent): void;
    room(r: { fileTransfer: boolean }): void;
    end(): void;
    fail(e: unknown): void;
  }> = [];
  const sent: Array<{ clientId: string; text: string }> = [];
  const typed: ChatTypingState[] = [];
  const files: Array<{ clientId: string; name: string }> = [];
  let sendAnswer: (req: { clientId: string; text: string }) => Promise<ChatMessage> = (req) =>
    Promise.resolve(msg(100 + sent.length, 'guest', req.clientId, req.text));
  const api: RoomChatApi = {
    history: () => Promise.resolve({ messages: [], expiresAt: 0 }),
    typing(state) {
      typed.push(state);
      return Promise.resolve();
    },
    sendFile(clientId, _file, name) {
      files.push({ clientId, name });
      return Promise.resolve({
        ...msg(200 + files.length, 'guest', clientId, ''),
        file: { id: 'F'.repeat(32), type: 'image/png' as const, name, size: 72 },
      });
    },
    file: () => Promise.resolve(new Blob(['x'])),
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
          typing: (t) => on.onTyping?.(t),
          room: (r) => on.onRoom?.(r),
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
    typed,
    files,
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

describe('room chat typing (ADR 0030)', () => {
  it('tells the other side at most one active per 3 s while the draft has text, and idle when emptied', async () => {
    let clock = 10_000;
    const { chat, server } = harness({ now: () => clock });
    chat.start();
    await flush();
    server.streams[0]!.open();
    chat.draftChanged('H');
    chat.draftChanged('He');
    clock += 2_999;
    chat.draftChanged('Hel');
    await flush();
    expect(server.typed).toEqual(['active']);
    clock += 1;
    chat.draftChanged('Hell');
    await flush();
    expect(server.typed).toEqual(['active', 'active']);
    chat.draftChanged('   ');
    chat.draftChanged('');
    await flush();
    expect(server.typed).toEqual(['active', 'active', 'idle']);
    // Typing again right after is news: sent at once.
    chat.draftChanged('x');
    await flush();
    expect(server.typed).toEqual(['active', 'active', 'idle', 'active']);
    // Sending the message ends it without an idle (the other side drops it when the message arrives),
    // and the next keystroke is news again.
    chat.send('x');
    chat.draftChanged('y');
    await flush();
    expect(server.typed).toEqual(['active', 'active', 'idle', 'active', 'active']);
  });

  it('does not tell anything once the conversation closed', async () => {
    const { chat, server } = harness();
    chat.start();
    await flush();
    server.streams[0]!.fail(new ChatApiError(410, 'expired', 'gone'));
    await flush();
    chat.draftChanged('hello');
    await flush();
    expect(server.typed).toEqual([]);
  });

  it('shows the other side typing until 6 s pass without news, idle comes, or their message arrives', async () => {
    const { chat, server, timers } = harness();
    chat.start();
    await flush();
    const s = server.streams[0]!;
    s.open();
    const typing = () => chat.useStore.getState().peerTyping;
    // Our own typing echoed back (it is not) would not count.
    s.typing({ sender: 'guest', state: 'active' });
    expect(typing()).toBe(false);
    s.typing({ sender: 'agent', state: 'active' });
    expect(typing()).toBe(true);
    expect(timers.map((t) => t.ms)).toEqual([6000]);
    // A refresh restarts the 6 s (one timer, not two).
    s.typing({ sender: 'agent', state: 'active' });
    expect(timers.map((t) => t.ms)).toEqual([6000]);
    timers.shift()!.run();
    expect(typing()).toBe(false);
    s.typing({ sender: 'agent', state: 'active' });
    s.typing({ sender: 'agent', state: 'idle' });
    expect(typing()).toBe(false);
    expect(timers).toEqual([]);
    s.typing({ sender: 'agent', state: 'active' });
    s.push(msg(1, 'guest'));
    expect(typing()).toBe(true);
    s.push(msg(2, 'agent'));
    expect(typing()).toBe(false);
    expect(timers).toEqual([]);
  });
});

describe('room chat files (ADR 0030)', () => {
  const png = () =>
    new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])], 'photo.png');

  it('refuses files while the room does not allow them, and checks size and type before sending', async () => {
    const { chat, server } = harness();
    chat.start();
    await flush();
    const s = server.streams[0]!;
    s.open();
    expect(await chat.sendFile(png())).toEqual({ code: 'file_transfer_off' });
    s.room({ fileTransfer: true });
    expect(await chat.sendFile(new File([], 'empty.png'))).toEqual({ code: 'file_empty' });
    expect(await chat.sendFile(new File([new Uint8Array(5_000_001)], 'big.png'))).toEqual({
      code: 'too_large',
      max: 5_000_000,
    });
    expect(await chat.sendFile(new File(['<svg/>'], 'logo.png'))).toEqual({ code: 'unsupported_media_type' });
    expect(server.files).toEqual([]);
  });

  it('sends an allowed file as a pending message that settles into the stored one', async () => {
    const { chat, server } = harness({ objectUrl: () => 'blob:fake' });
    chat.start();
    await flush();
    server.streams[0]!.open();
    server.streams[0]!.room({ fileTransfer: true });
    expect(await chat.sendFile(png())).toBeNull();
    expect(chat.useStore.getState().pending).toMatchObject([
      { text: 'photo.png', file: { type: 'image/png', name: 'photo.png', size: 12 } },
    ]);
    await flush();
    expect(server.files).toEqual([{ clientId: 'client-1', name: 'photo.png' }]);
    expect(chat.useStore.getState().pending).toEqual([]);
    expect(chat.useStore.getState().messages[0]?.file?.name).toBe('photo.png');
    expect(await chat.fileUrl('F'.repeat(32))).toBe('blob:fake');
  });
});
