// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { normalizeTarget } from './target';

const DOMAIN = 'openline.local';

describe('normalizeTarget', () => {
  it.each([
    ['1002', 'sip:1002@openline.local'],
    ['  1002  ', 'sip:1002@openline.local'],
    ['+441234567890', 'sip:+441234567890@openline.local'],
    ['+44 1234 567-890', 'sip:+441234567890@openline.local'],
    ['(020) 7946.0000', 'sip:02079460000@openline.local'],
    ['*97', 'sip:*97@openline.local'],
    ['bob', 'sip:bob@openline.local'],
    ['bob.smith', 'sip:bob.smith@openline.local'],
    ['bob@example.com', 'sip:bob@example.com'],
    ['sip:bob@example.com', 'sip:bob@example.com'],
    ['SIP:bob@example.com', 'sip:bob@example.com'],
    ['sips:bob@example.com', 'sips:bob@example.com'],
    ['sip:bob@example.com:5080;transport=ws', 'sip:bob@example.com:5080;transport=ws'],
    ['sip:1002', 'sip:1002@openline.local'],
    ['tel:+441234567890', 'sip:+441234567890@openline.local'],
    ['tel:+44-1234-567890;phone-context=x', 'sip:+441234567890@openline.local'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeTarget(input, DOMAIN).toString()).toBe(expected);
  });

  it('keeps the user part readable', () => {
    const uri = normalizeTarget('+44 1234 567890', DOMAIN);
    expect(uri.user).toBe('+441234567890');
    expect(uri.host).toBe(DOMAIN);
  });

  it.each([
    [''],
    ['   '],
    ['hello world'],
    ['!!!'],
    ['12ab cd'],
    ['++44'],
    ['1002@'],
    ['@example.com'],
    ['sip:'],
    ['sip:@example.com'],
    ['bob@exa mple.com'],
    ['tel:'],
    ['tel:abc'],
    ['javascript:alert(1)'],
    ['<sip:bob@example.com>'],
  ])('rejects %j with a clear message', (input) => {
    expect(() => normalizeTarget(input, DOMAIN)).toThrowError(/number or SIP address|Enter a number/);
  });

  it('needs a domain for plain numbers', () => {
    expect(() => normalizeTarget('1002', '')).toThrowError(/No SIP domain/);
    expect(normalizeTarget('bob@example.com', '').toString()).toBe('sip:bob@example.com');
  });
});
