import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIdbChatRepository, MAX_MESSAGES_PER_CONVERSATION, type ChatMessage } from './chat-repository';
import { openAppDbAt } from './db';

let dbCount = 0;
async function repo() {
  const db = await openAppDbAt(`chat-repo-${++dbCount}`);
  return createIdbChatRepository(async () => db);
}

const A = '1002@openline.local';
const PEER = 'sip:1001@openline.local';
const msg = (patch: Partial<ChatMessage>): ChatMessage => ({
  account: A,
  peer: PEER,
  id: 'm1',
  direction: 'in',
  body: 'hello',
  at: 1000,
  state: 'unread',
  ...patch,
});

describe('chat repository (IndexedDB v5)', () => {
  it('stores a message once, counts unread, and keeps accounts apart', async () => {
    const r = await repo();
    expect(await r.add(msg({}), 'Ada')).toBe(true);
    expect(await r.add(msg({ body: 'resent' }), 'Ada')).toBe(false);
    await r.add(msg({ id: 'm2', at: 2000, body: 'second' }), '');
    await r.add(msg({ account: 'other@x', id: 'z' }), 'Zed');
    expect(await r.conversations(A)).toEqual([
      {
        account: A,
        peer: PEER,
        peerName: 'Ada',
        lastBody: 'second',
        lastAt: 2000,
        lastDirection: 'in',
        unread: 2,
      },
    ]);
    expect((await r.messages(A, PEER)).map((m) => m.body)).toEqual(['hello', 'second']);
  });

  it('lists conversations newest first and a conversation oldest first, bounded', async () => {
    const r = await repo();
    await r.add(msg({ peer: 'sip:a@x', at: 5 }), '');
    await r.add(msg({ peer: 'sip:b@x', at: 9 }), '');
    await r.add(msg({ peer: 'sip:c@x', at: 7, direction: 'out', state: 'sending' }), '');
    expect((await r.conversations(A)).map((c) => [c.peer, c.unread])).toEqual([
      ['sip:b@x', 1],
      ['sip:c@x', 0],
      ['sip:a@x', 1],
    ]);
    for (let i = 0; i < 5; i++) await r.add(msg({ id: `n${i}`, at: 100 + i }), '');
    expect((await r.messages(A, PEER, 2)).map((m) => m.id)).toEqual(['n3', 'n4']);
  });

  it(`keeps the newest ${MAX_MESSAGES_PER_CONVERSATION} messages of a conversation`, async () => {
    const r = await repo();
    for (let i = 0; i < MAX_MESSAGES_PER_CONVERSATION + 3; i++) {
      await r.add(msg({ id: `k${i}`, at: i, state: 'read' }), '');
    }
    const kept = await r.messages(A, PEER);
    expect(kept).toHaveLength(MAX_MESSAGES_PER_CONVERSATION);
    expect(kept[0]!.id).toBe('k3');
    // 503 sequential writes through fake-indexeddb: about 1 s alone, 5 s on a loaded 2-core machine
  }, 20_000);

  it('marks read and returns the messages that asked for a displayed receipt', async () => {
    const r = await repo();
    await r.add(msg({ id: 'a', at: 1, wantsDisplayed: true }), '');
    await r.add(msg({ id: 'b', at: 2 }), '');
    await r.add(msg({ id: 'c', at: 3, direction: 'out', state: 'sent' }), '');
    expect((await r.markRead(A, PEER)).map((m) => m.id)).toEqual(['a']);
    expect((await r.conversations(A))[0]!.unread).toBe(0);
    expect((await r.messages(A, PEER)).map((m) => m.state)).toEqual(['read', 'read', 'sent']);
    expect(await r.markRead(A, PEER)).toEqual([]);
  });

  it('updates states with a failure reason, and refuses bad records', async () => {
    const r = await repo();
    await r.add(msg({ id: 'o', direction: 'out', state: 'sending' }), '');
    expect(await r.setState(A, PEER, 'o', 'failed', 'Not Found')).toMatchObject({
      state: 'failed',
      failure: 'Not Found',
    });
    expect(await r.setState(A, PEER, 'o', 'sent')).not.toHaveProperty('failure');
    expect(await r.setState(A, PEER, 'missing', 'sent')).toBeNull();
    expect(await r.setState(A, PEER, 'o', 'read')).toMatchObject({ state: 'read' });
    expect(await r.setState(A, PEER, 'o', 'delivered')).toMatchObject({ state: 'read' });
    expect(await r.setState(A, PEER, 'o', 'failed', 'late')).toMatchObject({ state: 'read' });
    await expect(r.add(msg({ body: 'x'.repeat(4001) }), '')).rejects.toThrow();
  });
});

describe('IndexedDB migration v4 → v5 (chat)', () => {
  it('adds the chat stores and keeps what v4 held', async () => {
    const v4 = await openAppDbAt('migration-v4-v5', 4);
    await v4.put('voicemailCache', { account: A, kept: true });
    v4.close();
    const v5 = await openAppDbAt('migration-v4-v5', 5);
    expect([...v5.objectStoreNames]).toEqual(expect.arrayContaining(['chatMessages', 'chatConversations']));
    expect(await v5.get('voicemailCache', A)).toEqual({ account: A, kept: true });
    const r = createIdbChatRepository(async () => v5);
    expect(await r.add(msg({}), '')).toBe(true);
    v5.close();
  });
});
