import { afterEach, describe, expect, it } from 'vitest';
import { takeBootConfig } from './boot-config';

const config = { sipDomain: 'openline.local', wsUrl: '/sip', iceServers: [], demoAccounts: ['1001'] };

afterEach(() => {
  delete window.openlinePrerendered;
});

describe('takeBootConfig', () => {
  it('is null on a start the boot script did not hold, or held without a request', () => {
    expect(takeBootConfig()).toBeNull();
    window.openlinePrerendered = { events: [], holding: true };
    expect(takeBootConfig()).toBeNull();
  });

  it('takes the boot script’s answer once, checked against the schema', async () => {
    window.openlinePrerendered = { events: [], holding: true, config: Promise.resolve(config) };
    await expect(takeBootConfig()).resolves.toEqual(config);
    expect(takeBootConfig()).toBeNull();
  });

  it('rejects an answer that is not a config, or none (the server refused), so the app asks itself', async () => {
    window.openlinePrerendered = { events: [], holding: true, config: Promise.resolve({ sipDomain: 7 }) };
    await expect(takeBootConfig()).rejects.toThrow(/not a config/);
    window.openlinePrerendered = { events: [], holding: true, config: Promise.resolve(null) };
    await expect(takeBootConfig()).rejects.toThrow(/not a config/);
  });
});
