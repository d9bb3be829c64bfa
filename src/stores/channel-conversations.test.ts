import { describe, expect, it, vi } from 'vitest';
import type { ChannelsApi } from '../api/channels';
import type { ConversationDetail, ConversationSummary } from '../api/channels-schemas';
import { ApiClientError } from '../api/client';
import { conversationProblemOf, createChannelConversations } from './channel-conversations';

const summary = (id: number, patch: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id,
  channel: 'demo-whatsapp',
  kind: 'whatsapp',
  channelId: '447700900123',
  customerName: 'Wendy',
  agent: '1002',
  guestId: null,
  state: 'open',
  fields: ['', '', ''],
  routedBy: 'available',
  unread: 1,
  lastInboundAt: 1,
  updatedAt: 1,
  preview: 'Hello',
  window: { state: 'open', closesAt: 2 },
  ...patch,
});
const detail = (id: number): ConversationDetail => ({
  conversation: summary(id, { unread: 0 }),
  messages: [],
  calls: [],
  templates: [],
});

function fakeApi(overrides: Partial<ChannelsApi> = {}): ChannelsApi {
  return {
    list: vi.fn(async () => ({ conversations: [summary(1)] })),
    detail: vi.fn(async (id: number) => detail(id)),
    claim: vi.fn(async (id: number) => summary(id)),
    reply: vi.fn(async () => ({
      message: {
        id: 9,
        direction: 'out',
        kind: 'text',
        body: 'x',
        status: 'pending',
        attempts: 0,
        reason: null,
        reasonCode: null,
        author: '1002',
        createdAt: 1,
        media: null,
      },
    })) as unknown as ChannelsApi['reply'],
    sendCallLink: vi.fn() as ChannelsApi['sendCallLink'],
    close: vi.fn(async (id: number) => summary(id, { state: 'closed' })),
    reportCall: vi.fn(async () => ({ recorded: true })),
    ...overrides,
  };
}

describe('channel conversations store', () => {
  it('loads the list, opens a conversation and reloads it on a change event for it', async () => {
    const api = fakeApi();
    const store = createChannelConversations(api, { create: async () => null });
    await store.load();
    expect(store.useStore.getState()).toMatchObject({ status: 'ready', conversations: [{ id: 1 }] });
    await store.open(1);
    expect(store.useStore.getState().detail?.conversation.id).toBe(1);
    await store.changed(1);
    expect(api.detail).toHaveBeenCalledTimes(2);
    await store.changed(2); // not the open one: list only
    expect(api.detail).toHaveBeenCalledTimes(2);
  });

  it('shows the server’s refusal of a reply and keeps the text (returns false)', async () => {
    const api = fakeApi({
      reply: vi.fn(async () => {
        throw new ApiClientError('The 24-hour customer-service window is closed', 409, 'window_closed');
      }),
    });
    const store = createChannelConversations(api, { create: async () => null });
    await store.open(1);
    expect(await store.reply('hi')).toBe(false);
    expect(store.useStore.getState()).toMatchObject({
      actionError: { code: 'window_closed', message: 'The 24-hour customer-service window is closed' },
      busy: false,
    });
  });

  it('sends the call link the webcall store made, and says so when none could be made', async () => {
    const api = fakeApi();
    const create = vi.fn(async () => ({ roomId: 'r1', url: 'http://x/join#2.abc' }));
    const sent = vi.fn();
    const store = createChannelConversations(api, { create, sent });
    await store.open(1);
    await store.sendCallLink();
    expect(create).toHaveBeenCalledWith('Wendy', '447700900123');
    expect(api.sendCallLink).toHaveBeenCalledWith(1, { roomId: 'r1', url: 'http://x/join#2.abc' });
    expect(sent).toHaveBeenCalledWith('r1');

    // The server refused to send it: the room's call is not this conversation's.
    const refused = vi.fn();
    const refusing = createChannelConversations(
      fakeApi({
        sendCallLink: vi.fn(async () => {
          throw new ApiClientError('This conversation is closed.', 409, 'closed');
        }),
      }),
      { create, sent: refused },
    );
    await refusing.open(1);
    await refusing.sendCallLink();
    expect(refused).not.toHaveBeenCalled();

    const failing = createChannelConversations(fakeApi(), { create: async () => null });
    await failing.open(1);
    await failing.sendCallLink();
    expect(failing.useStore.getState().actionError).toMatchObject({ code: 'call_link_failed' });
  });

  it('does nothing without an open conversation, and forgets everything on reset', async () => {
    const api = fakeApi();
    const store = createChannelConversations(api, { create: async () => null });
    expect(await store.reply('hi')).toBe(false);
    expect(api.reply).not.toHaveBeenCalled();
    await store.load();
    store.streamChanged('live');
    expect(store.useStore.getState().stream).toBe('live');
    store.reset();
    expect(store.useStore.getState()).toMatchObject({
      conversations: [],
      openId: null,
      status: 'idle',
      stream: 'off',
    });
  });
});

describe('conversationProblemOf', () => {
  it('keeps the server’s code, marks an unreached server, and has no code otherwise', () => {
    expect(conversationProblemOf(new ApiClientError('Taken.', 409, 'taken'))).toEqual({
      code: 'taken',
      message: 'Taken.',
    });
    expect(conversationProblemOf(new ApiClientError('Cannot reach the server: offline', null))).toMatchObject(
      {
        code: 'unreachable',
      },
    );
    expect(conversationProblemOf(new ApiClientError('GET /x failed with 502', 502))).toEqual({
      code: null,
      message: 'GET /x failed with 502',
    });
  });

  it('uploads a checked file and sends it as an attachment with its caption; refuses a non-image first', async () => {
    const api = fakeApi();
    const upload = vi.fn(async () => ({ id: 'A'.repeat(32) }));
    const store = createChannelConversations(api, { create: async () => null }, { upload });
    await store.open(1);
    const pdf = new File([new TextEncoder().encode('%PDF-1.4 tiny')], 'form.pdf');
    expect(await store.sendFile(pdf, ' Here ')).toBe(true);
    expect(upload).toHaveBeenCalledWith(pdf, 'form.pdf');
    expect(api.reply).toHaveBeenCalledWith(1, { attachment: 'A'.repeat(32), text: 'Here' });

    const exe = new File([new TextEncoder().encode('MZ not an image')], 'photo.png');
    expect(await store.sendFile(exe, '')).toBe(false);
    expect(upload).toHaveBeenCalledTimes(1);
    expect(store.useStore.getState().actionError?.code).toBe('file_not_allowed');
  });
});
