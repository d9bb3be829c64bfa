import { describe, expect, it } from 'vitest';
import type { PushApi } from '../api/push';
import type { NotificationSupport } from '../lib/notifications';
import type { BrowserPush, BrowserSubscription } from '../lib/web-push';
import { createCallPushStore } from './call-push';

const SUB: BrowserSubscription = { endpoint: 'https://push.example/1', keys: { p256dh: 'P', auth: 'A' } };

function world(permission: NotificationSupport = 'granted') {
  const log: string[] = [];
  let current: BrowserSubscription | null = null;
  const api: PushApi = {
    key: async () => ({ publicKey: 'KEY' }),
    subscribe: async (input) => {
      log.push(`post ${input.endpoint} ${input.device}`);
      return { id: 1, device: input.device ?? '', endpointHost: 'push.example', createdAt: 1 };
    },
    unsubscribe: async (endpoint) => void log.push(`delete ${endpoint}`),
  };
  const browser: BrowserPush = {
    supported: () => true,
    current: async () => current,
    subscribe: async (key) => {
      log.push(`subscribe ${key}`);
      current = SUB;
      return SUB;
    },
    unsubscribe: async () => {
      const had = current?.endpoint ?? null;
      current = null;
      return had;
    },
  };
  const store = createCallPushStore({
    api,
    browser,
    requestPermission: async () => {
      log.push('permission');
      return permission;
    },
    deviceLabel: () => 'Test device',
  });
  return { store, log, api };
}

describe('ring when closed', () => {
  it('enabling asks permission, subscribes with the server key and registers the device', async () => {
    const { store, log } = world();
    await store.getState().refresh();
    expect(store.getState().status).toBe('off');
    await store.getState().enable();
    expect(log).toEqual(['permission', 'subscribe KEY', 'post https://push.example/1 Test device']);
    expect(store.getState()).toMatchObject({ status: 'on', error: null });

    await store.getState().disable();
    expect(log.at(-1)).toBe('delete https://push.example/1');
    expect(store.getState().status).toBe('off');
  });

  it('stays off with a clear sentence when notifications are blocked, without subscribing', async () => {
    const { store, log } = world('denied');
    await store.getState().enable();
    expect(log).toEqual(['permission']);
    expect(store.getState().status).toBe('off');
    expect(store.getState().error).toMatch(/blocked/);
  });

  it('reports a server refusal', async () => {
    const { store, api } = world();
    api.subscribe = async () => {
      throw new Error('At most 10 devices can ring for one account: remove one first.');
    };
    await store.getState().enable();
    expect(store.getState().status).toBe('off');
    expect(store.getState().error).toBe(
      'Could not turn on ringing while closed: At most 10 devices can ring for one account: remove one first.',
    );
  });
});
