import { describe, expect, it } from 'vitest';
import { serverSuggestions, withSavedSettings } from './settings-fill';
import { EMPTY_SETTINGS } from './settings';

const saved = {
  ...EMPTY_SETTINGS,
  username: '1001',
  domain: 'pbx.example.com',
  wsUrl: 'wss://pbx.example.com/ws',
};
const config = {
  sipDomain: 'openline.local',
  wsUrl: '/sip',
  iceServers: [{ urls: 'stun:stun.example.com:3478' }],
  demoAccounts: [],
};

describe('withSavedSettings', () => {
  it('takes every saved field the user has not typed in', () => {
    const suggested = { ...EMPTY_SETTINGS, domain: 'openline.local', wsUrl: 'wss://here/sip' };
    expect(withSavedSettings(suggested, suggested, saved)).toEqual(saved);
  });

  it('keeps what the user typed, even an emptied field', () => {
    const automatic = { ...EMPTY_SETTINGS, domain: 'openline.local' };
    const current = { ...automatic, username: '1003', password: 'pw', domain: '' };
    expect(withSavedSettings(current, automatic, saved)).toEqual({
      ...saved,
      username: '1003',
      password: 'pw',
      domain: '',
    });
  });

  it('keeps a typed non-text preference', () => {
    const current = { ...EMPTY_SETTINGS, autoAnswer: true };
    expect(withSavedSettings(current, EMPTY_SETTINGS, saved).autoAnswer).toBe(true);
  });
});

describe('serverSuggestions', () => {
  it('fills the empty domain, WebSocket URL (resolved against the page) and ICE servers', () => {
    expect(serverSuggestions(EMPTY_SETTINGS, config, { href: 'https://phone.example.com/settings' })).toEqual(
      {
        domain: 'openline.local',
        wsUrl: 'wss://phone.example.com/sip',
        iceServersText: expect.stringContaining('stun:stun.example.com:3478'),
      },
    );
  });

  it('suggests nothing for a field that has a value, nor ICE servers the server does not have', () => {
    const filled = { ...EMPTY_SETTINGS, domain: 'a', wsUrl: 'wss://b/ws' };
    expect(serverSuggestions(filled, { ...config, iceServers: [] }, { href: 'https://x/' })).toEqual({});
  });
});
