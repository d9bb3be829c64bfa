import { describe, expect, it } from 'vitest';
import { isWebSocketUrl, resolveWebSocketUrl } from './ws-url';

describe('resolveWebSocketUrl', () => {
  it('maps http(s) origins to ws(s)', () => {
    expect(resolveWebSocketUrl('/sip', { href: 'https://phone.example.com/settings' })).toBe(
      'wss://phone.example.com/sip',
    );
    expect(resolveWebSocketUrl('/sip', { href: 'http://127.0.0.1:8080/' })).toBe('ws://127.0.0.1:8080/sip');
  });
  it('keeps absolute WebSocket URLs', () => {
    expect(resolveWebSocketUrl('wss://sip.example.com:7443/ws', { href: 'http://x/' })).toBe(
      'wss://sip.example.com:7443/ws',
    );
  });
});

describe('isWebSocketUrl', () => {
  it.each([
    ['ws://127.0.0.1:8080/sip', true],
    ['wss://sip.example.com', true],
    ['https://sip.example.com', false],
    ['sip.example.com', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isWebSocketUrl(value)).toBe(expected);
  });
});
