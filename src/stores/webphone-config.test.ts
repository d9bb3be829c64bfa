// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WEBPHONE_CONFIG, type WebphoneConfigResponse } from '../api/webphone-schemas';
import { create } from 'zustand';
import { bindForcedAutoAnswer, createWebphoneConfigSync, useWebphoneConfig } from './webphone-config';
import { validConfig } from './webphone-validation';

const validate = (raw: unknown) => Promise.resolve(validConfig(raw));

const answer = (revision: number, name: string): WebphoneConfigResponse => ({
  revision,
  config: { ...DEFAULT_WEBPHONE_CONFIG, brand: { ...DEFAULT_WEBPHONE_CONFIG.brand, name } },
  viewer: { username: '1002', role: 'agent' },
});

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

beforeEach(() => useWebphoneConfig.setState(useWebphoneConfig.getInitialState(), true));

describe('webphone configuration sync', () => {
  it('fetches on start, refetches when the stream announces a newer revision, and caches the brand', async () => {
    let served = answer(3, 'Acme');
    let announce: (revision: number) => void = () => undefined;
    let fetches = 0;
    const cache = memoryStorage();
    const sync = createWebphoneConfigSync({
      fetchConfig: () => {
        fetches += 1;
        return Promise.resolve(served);
      },
      openEvents: (onRevision) => {
        announce = onRevision;
        return () => undefined;
      },
      cache,
      validate,
    });
    await sync.start();
    expect(useWebphoneConfig.getState()).toMatchObject({ revision: 3, role: 'agent', username: '1002' });
    announce(3); // what it already has: no request
    expect(fetches).toBe(1);
    served = answer(4, 'Acme Phone');
    announce(4);
    await Promise.resolve();
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(useWebphoneConfig.getState().config.brand.name).toBe('Acme Phone');

    // A new page starts with the cached brand before it has asked the server; the role is not cached.
    useWebphoneConfig.setState(useWebphoneConfig.getInitialState(), true);
    await createWebphoneConfigSync({
      fetchConfig: () => Promise.resolve(served),
      openEvents: () => () => undefined,
      cache,
      validate,
    }).cacheRead;
    expect(useWebphoneConfig.getState()).toMatchObject({
      role: null,
      config: { brand: { name: 'Acme Phone' } },
    });
  });

  it('drops a cached configuration the schema refuses', async () => {
    const cache = memoryStorage();
    cache.setItem('openline.webphone-config', JSON.stringify({ brand: { name: '' } }));
    await createWebphoneConfigSync({
      fetchConfig: () => Promise.resolve(answer(1, 'x')),
      openEvents: () => () => undefined,
      cache,
      validate,
    }).cacheRead;
    expect(useWebphoneConfig.getState().config).toEqual(DEFAULT_WEBPHONE_CONFIG);
    expect(cache.getItem('openline.webphone-config')).toBeNull();
  });

  it('ignores an older answer arriving late and forgets the role at sign-out', async () => {
    let closed = 0;
    const sync = createWebphoneConfigSync({
      fetchConfig: () => Promise.resolve(answer(5, 'New')),
      openEvents: () => () => void (closed += 1),
    });
    await sync.start();
    sync.apply(answer(4, 'Old'));
    expect(useWebphoneConfig.getState().config.brand.name).toBe('New');
    sync.stop();
    expect(closed).toBe(1);
    expect(useWebphoneConfig.getState()).toMatchObject({ role: null, username: null });
  });
});

describe('Auto Answer flag', () => {
  it('forces the auto-answer preference on while the flag is set', () => {
    const settings = create<{
      values: { autoAnswer: boolean };
      setField(key: 'autoAnswer', value: boolean): void;
    }>()((set) => ({
      values: { autoAnswer: false },
      setField: (_key, value) => set({ values: { autoAnswer: value } }),
    }));
    const unbind = bindForcedAutoAnswer(settings);
    expect(settings.getState().values.autoAnswer).toBe(false);
    useWebphoneConfig.setState({
      config: { ...DEFAULT_WEBPHONE_CONFIG, flags: { ...DEFAULT_WEBPHONE_CONFIG.flags, autoAnswer: true } },
    });
    expect(settings.getState().values.autoAnswer).toBe(true);
    settings.getState().setField('autoAnswer', false); // the user (or a stale tab) turns it off
    expect(settings.getState().values.autoAnswer).toBe(true);
    unbind();
  });
});
