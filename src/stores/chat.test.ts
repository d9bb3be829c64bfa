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

interface RigOptions {
  visible?: boolean;
  uploadFails?: string;
  /** The server's history (any order); pages are newest first, the cursor is an offset. */
  history?: ServerMessage[];
  /** Fail history requests that carry a cursor (an "earlier messages" request). */
  earlierFails?: string;
}

async function rig(options: RigOptions = {}) {
  const uploads: string[] = [];
  const historyRequests: string[] = [];
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
    fetchHistory: async (peer, limit, before) => {
      historyRequests.push(`${peer ?? 'all'} ${limit} ${before ?? '-'}`);
      if (before !== undefined && options.earlierFails) throw new Error(options.earlierFails);
      const rows = (options.history ?? [])
        .filter((m) => peer === null || m.peer === peer)
        .sort((a, b) => b.at - a.at);
      const from = before === undefined ? 0 : Number(before);
      const next = from + limit < rows.length ? String(from + limit) : null;
      return { messages: rows.slice(from, from + limit), before: next };
    },
  });
  const settle = () => new Promise((r) => setTimeout(r, 20));
  return {
    service,
    chat,
    repo,
    notified,
    settle,
    uploads,
    historyRequests,
    setVisible: (v: boolean) => (visible = v),
  };
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

  describe('earlier messages from the server', () => {
    /** `count` messages with Ada, one a second, alternating directions; ids h-0 (oldest) … */
    const thread = (count: number): ServerMessage[] =>
      Array.from({ length: count }, (_, i) => ({
        peer: ADA,
        direction: i % 2 ? 'out' : 'in',
        id: `h-${i}`,
        body: `message ${i}`,
        at: 10_000 + i * 1000,
      }));
    const ids = (r: Awaited<ReturnType<typeof rig>>) => {
      const { earlier, messages } = r.service.useStore.getState();
      return [...earlier, ...messages].map((m) => m.id);
    };

    it('offers no earlier page when the conversation fits in one', async () => {
      const r = await rig({ history: thread(40) });
      await r.service.open(ADA);
      expect(r.service.useStore.getState().earlierCursor).toBeNull();
      await r.service.loadEarlier(ADA);
      expect(r.historyRequests).toEqual([`${ADA} 100 -`]);
      expect(ids(r)).toHaveLength(40);
    });

    it('loads older pages above the stored ones, oldest first, until the history ends', async () => {
      const r = await rig({ history: thread(230) });
      await r.service.open(ADA);
      expect(ids(r)).toEqual(
        thread(230)
          .slice(130)
          .map((m) => m.id),
      ); // the newest 100, stored
      expect(r.service.useStore.getState().earlierCursor).toBe('100');

      await r.service.loadEarlier(ADA);
      expect(ids(r)).toEqual(
        thread(230)
          .slice(30)
          .map((m) => m.id),
      );
      const first = r.service.useStore.getState().earlier[0]!;
      expect(first).toMatchObject({ id: 'h-30', body: 'message 30', state: 'read', direction: 'in' });
      expect(r.service.useStore.getState().earlierCursor).toBe('200');

      await r.service.loadEarlier(ADA);
      expect(ids(r)).toEqual(thread(230).map((m) => m.id));
      expect(r.service.useStore.getState()).toMatchObject({ earlierCursor: null, loadingEarlier: false });
      // Not stored: the device keeps the newest messages, and a reopen starts from them again.
      expect(await r.repo.messages(ACCOUNT, ADA)).toHaveLength(100);
      r.service.close();
      expect(r.service.useStore.getState().earlier).toEqual([]);
    });

    it('skips pages the device already shows (sent from here, so stored beyond the newest 100)', async () => {
      const history = thread(150);
      const r = await rig({ history });
      // The device holds all 150 already (they were received here before): nothing new on page 2.
      for (const m of history) await r.repo.add({ ...m, account: ACCOUNT, state: 'read' }, 'Ada');
      await r.service.open(ADA);
      expect(ids(r)).toHaveLength(150);
      await r.service.loadEarlier(ADA);
      expect(ids(r)).toHaveLength(150); // no duplicates
      expect(r.service.useStore.getState().earlierCursor).toBeNull();
    });

    it('keeps what is shown and says why when the request fails; a second request is not sent twice', async () => {
      const r = await rig({ history: thread(150), earlierFails: 'Network error: the server did not answer' });
      await r.service.open(ADA);
      const loading = r.service.loadEarlier(ADA);
      await r.service.loadEarlier(ADA); // a second click while the first is in flight
      await loading;
      expect(r.historyRequests.filter((q) => !q.endsWith(' -'))).toHaveLength(1);
      expect(r.service.useStore.getState()).toMatchObject({
        earlierError: 'Network error: the server did not answer',
        earlierCursor: '100',
        loadingEarlier: false,
      });
      expect(ids(r)).toHaveLength(100);
    });

    it('shows a message once when a later merge stores one already shown as earlier', async () => {
      const history = thread(230);
      const r = await rig({ history });
      await r.service.open(ADA);
      await r.service.loadEarlier(ADA);
      // The sign-in merge, still running, now stores one of the earlier page's rows.
      await r.repo.add({ ...history[150 - 1]!, account: ACCOUNT, state: 'read' }, 'Ada');
      await r.service.load();
      expect(new Set(ids(r)).size).toBe(ids(r).length);
      expect(ids(r)).toHaveLength(200);
    });

    it('drops a page that arrives after the conversation was closed', async () => {
      const r = await rig({ history: thread(150) });
      await r.service.open(ADA);
      const loading = r.service.loadEarlier(ADA);
      r.service.close();
      await loading;
      expect(r.service.useStore.getState()).toMatchObject({ earlier: [], openPeer: null });
    });
  });
});
