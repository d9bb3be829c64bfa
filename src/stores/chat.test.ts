import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createIdbChatRepository } from '../storage/chat-repository';
import { openAppDbAt } from '../storage/db';
import { createChatService, type ServerMessage } from './chat';
import { useTabBadges } from './tab-badges';
import { FakeChat } from './testing/fake-chat';

const ACCOUNT = '1002@openline.local';
const ADA = 'sip:1001@openline.local';
let n = 0;

async function rig(options: { visible?: boolean; uploadFails?: string; history?: ServerMessage[] } = {}) {
  const uploads: string[] = [];
  const db = await openAppDbAt(`chat-store-${++n}`);
  const repo = createIdbChatRepository(async () => db);
  const chat = new FakeChat();
  const notified: string[] = [];
  let visible = options.visible ?? true;
  let ids = 0;
  const service = createChatService({
    repo,
    engine: () => chat,
    account: () => ACCOUNT,
    pageVisible: () => visible,
    notify: (c, m) => notified.push(`${c.peerName}: ${m.body}`),
    newId: () => `out-${++ids}`,
    now: () => 5000,
    uploadAttachment: async (file, name) => {
      uploads.push(name);
      if (options.uploadFails) throw new Error(options.uploadFails);
      return { url: `/api/attachments/${'a'.repeat(32)}`, type: 'image/png', name, size: file.size };
    },
    origin: () => 'https://phone.example',
    fetchHistory: async (peer) => (options.history ?? []).filter((m) => peer === null || m.peer === peer),
  });
  const settle = () => new Promise((r) => setTimeout(r, 20));
  return { service, chat, repo, notified, settle, uploads, setVisible: (v: boolean) => (visible = v) };
}

const incoming = (id: string, body: string, wantsDisplayed = true) => ({
  id,
  peer: ADA,
  peerName: 'Ada',
  body,
  receivedAt: 1000,
  wantsDisplayed,
});

beforeEach(() => useTabBadges.setState({ counts: {} }));

describe('chat service', () => {
  it('stores an arrival before resolving, counts it unread on the Messages badge and tells notify', async () => {
    const r = await rig();
    await r.service.receive(incoming('a', 'hi'));
    expect((await r.repo.messages(ACCOUNT, ADA)).map((m) => m.body)).toEqual(['hi']);
    await r.settle();
    expect(useTabBadges.getState().counts.messages).toBe(1);
    expect(r.service.useStore.getState().conversations[0]).toMatchObject({ peerName: 'Ada', unread: 1 });
    expect(r.notified).toEqual(['Ada: hi']);
    await r.service.receive(incoming('a', 'hi'));
    await r.settle();
    expect(useTabBadges.getState().counts.messages).toBe(1);
  });

  it('opening the conversation marks it read and sends displayed receipts for what asked', async () => {
    const r = await rig();
    await r.service.receive(incoming('a', 'one'));
    await r.service.receive(incoming('b', 'two', false));
    await r.service.open(ADA);
    expect(r.chat.log).toContain(`displayed ${ADA} a`);
    expect(useTabBadges.getState().counts.messages).toBe(0);
    expect(r.service.useStore.getState().messages.map((m) => m.state)).toEqual(['read', 'read']);
    await r.service.receive(incoming('c', 'three'));
    await r.settle();
    expect(r.chat.log).toContain(`displayed ${ADA} c`);
    expect(r.notified).toEqual(['Ada: one', 'Ada: two']);
  });

  it('a hidden page keeps the open conversation unread until it is shown', async () => {
    const r = await rig({ visible: false });
    await r.service.open(ADA);
    await r.service.receive(incoming('a', 'one'));
    await r.settle();
    expect(useTabBadges.getState().counts.messages).toBe(1);
    r.setVisible(true);
    r.service.pageShown();
    await r.settle();
    expect(useTabBadges.getState().counts.messages).toBe(0);
    expect(r.chat.log).toContain(`displayed ${ADA} a`);
  });

  it('sends, shows the failure with its SIP reason, and retries with the same id', async () => {
    const r = await rig();
    await r.service.open(ADA);
    r.chat.nextOutcome = { ok: false, status: 480, reason: 'Temporarily Unavailable' };
    await r.service.send(ADA, '  hello  ');
    let [sent] = r.service.useStore.getState().messages;
    expect(sent).toMatchObject({
      id: 'out-1',
      body: 'hello',
      state: 'failed',
      failure: '480 Temporarily Unavailable',
    });
    r.chat.nextOutcome = { ok: true, status: 202 };
    await r.service.retry(ADA, 'out-1');
    [sent] = r.service.useStore.getState().messages;
    expect(sent).toMatchObject({ state: 'sent' });
    expect(sent).not.toHaveProperty('failure');
    expect(r.chat.sent.map((s) => s.id)).toEqual(['out-1', 'out-1']);
  });

  it('receipts move a message forward only, also when they race each other and the 200', async () => {
    const r = await rig();
    await r.service.open(ADA);
    let answer!: () => void;
    r.chat.sendMessage = (peer, id, body) => {
      r.chat.sent.push({ peer, id, body });
      return new Promise((resolve) => (answer = () => resolve({ ok: true, status: 200 })));
    };
    const sending = r.service.send(ADA, 'x');
    await r.settle();
    await Promise.all([
      r.service.receipt(ADA, 'out-1', 'displayed'),
      r.service.receipt(ADA, 'out-1', 'delivered'),
    ]);
    answer();
    await sending;
    expect(r.service.useStore.getState().messages[0]!.state).toBe('read');
    await r.service.receipt(ADA, 'nope', 'delivered');
  });

  it('shows typing until idle, a message, or the refresh runs out', async () => {
    const r = await rig();
    r.service.composing(ADA, true, 30);
    expect(r.service.useStore.getState().typing[ADA]).toBe(true);
    await r.settle();
    await new Promise((done) => setTimeout(done, 30));
    expect(r.service.useStore.getState().typing[ADA]).toBeUndefined();
    r.service.composing(ADA, true, 60_000);
    await r.service.receive(incoming('m', 'done typing'));
    expect(r.service.useStore.getState().typing[ADA]).toBeUndefined();
    r.service.typed(ADA, 'h');
    r.service.typed(ADA, '');
    expect(r.chat.log).toEqual(expect.arrayContaining([`composing ${ADA}`, `stopped ${ADA}`]));
  });

  it('sends a file as an upload plus a message with its link; refuses bad files with a sentence', async () => {
    const png = (size: number, name: string) => {
      const bytes = new Uint8Array(size);
      bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      return new File([bytes], name);
    };
    const r = await rig();
    await r.service.open(ADA);
    await r.service.sendFile(ADA, png(100, 'cat.png'));
    expect(r.uploads).toEqual(['cat.png']);
    expect(r.chat.sent.map((m) => m.body)).toEqual([
      `cat.png (100 bytes)\nhttps://phone.example/api/attachments/${'a'.repeat(32)}#type=image%2Fpng&size=100&name=cat.png`,
    ]);
    expect(r.service.useStore.getState()).toMatchObject({ attaching: false, attachError: null });

    await r.service.sendFile(ADA, new File(['MZ\x90\x00'], 'setup.exe'));
    expect(r.service.useStore.getState().attachError).toEqual({
      name: 'setup.exe',
      problem: { kind: 'not-allowed' },
    });
    await r.service.sendFile(ADA, png(10_000_001, 'huge.png'));
    expect(r.service.useStore.getState().attachError).toEqual({
      name: 'huge.png',
      problem: { kind: 'too-big', size: 10_000_001, max: 10_000_000 },
    });
    expect(r.uploads).toEqual(['cat.png']);
    expect(r.chat.sent).toHaveLength(1);

    const failing = await rig({ uploadFails: 'Your files take more than 200 MB' });
    await failing.service.sendFile(ADA, png(100, 'dog.png'));
    expect(failing.service.useStore.getState().attachError).toEqual({
      name: 'dog.png',
      problem: { kind: 'upload', reason: 'Your files take more than 200 MB' },
    });
    expect(failing.chat.sent).toHaveLength(0);
  });

  it('merges the server history into IndexedDB without duplicates, theirs read and ours sent', async () => {
    const CY = 'sip:1003@openline.local';
    const history: ServerMessage[] = [
      { peer: CY, direction: 'in', id: 'c-1', body: 'from Cy', at: 3000 },
      { peer: ADA, direction: 'out', id: 'out-1', body: 'already here', at: 2000 },
      { peer: ADA, direction: 'out', id: 'phone-2', body: 'sent from my phone', at: 1500 },
      { peer: ADA, direction: 'in', id: 'a-1', body: 'hi from Ada', at: 1000 },
    ];
    const r = await rig({ history });
    await r.service.send(ADA, 'already here'); // out-1, stored here (at 5000) before the merge
    await r.service.load();
    const ada = await r.repo.messages(ACCOUNT, ADA);
    expect(ada.map((m) => [m.id, m.body, m.state])).toEqual([
      ['a-1', 'hi from Ada', 'read'],
      ['phone-2', 'sent from my phone', 'sent'],
      ['out-1', 'already here', 'sent'],
    ]);
    expect(r.service.useStore.getState().conversations.map((c) => [c.peer, c.lastBody, c.unread])).toEqual([
      [ADA, 'already here', 0],
      [CY, 'from Cy', 0],
    ]);
    expect(useTabBadges.getState().counts.messages ?? 0).toBe(0);
    await r.service.open(ADA); // the conversation's own page: nothing new either
    await r.service.load();
    expect(await r.repo.messages(ACCOUNT, ADA)).toHaveLength(3);
    expect(r.service.useStore.getState().messages.map((m) => m.id)).toEqual(['a-1', 'phone-2', 'out-1']);
    expect(r.chat.sent.filter((m) => m.body.includes('displayed'))).toEqual([]);
  });
});
