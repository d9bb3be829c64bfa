import type { CountryCode } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { normalizeDialTarget, regionFromLocales, stripFormatting } from './phone-number';

describe('normalizeDialTarget', () => {
  const accepted: [string, CountryCode | undefined, string, string][] = [
    ['+1 (415) 555-2671', undefined, '+14155552671', 'e164'],
    ['+44 20 7946 0958', 'US', '+442079460958', 'e164'],
    ['(415) 555-2671', 'US', '+14155552671', 'e164'],
    ['020 7946 0958', 'GB', '+442079460958', 'e164'],
    ['030 901820', 'DE', '+4930901820', 'e164'],
    ['tel:+1-415-555-2671', undefined, '+14155552671', 'e164'],
    ['  +33 1 42 68 53 00  ', undefined, '+33142685300', 'e164'],
    ['1001', undefined, '1001', 'extension'],
    ['12', 'US', '12', 'extension'],
    ['123456', 'US', '123456', 'extension'],
    ['*97', undefined, '*97', 'extension'],
    ['sip:1002@openline.local', undefined, 'sip:1002@openline.local', 'sip'],
    ['sips:alice@example.com:5061', undefined, 'sips:alice@example.com:5061', 'sip'],
    ['alice@example.com', undefined, 'alice@example.com', 'sip'],
    ['1002@10.0.0.5', undefined, '1002@10.0.0.5', 'sip'],
  ];
  it.each(accepted)('accepts %j (region %s) as %s', (input, region, value, kind) => {
    expect(normalizeDialTarget(input, region)).toEqual({ ok: true, value, kind });
  });

  const rejected: [string, CountryCode | undefined, RegExp][] = [
    ['', 'US', /Enter a number/],
    ['   ', 'US', /Enter a number/],
    ['hello', 'US', /not a phone number/],
    ['1', 'US', /too short|not a phone number/],
    ['+1 555', undefined, /not a valid phone number/],
    ['1234567890123456789', 'US', /too long/],
    ['555-01x9', 'US', /not a phone number/],
    ['sip:', undefined, /not a valid SIP address/],
    ['sip:@host', undefined, /not a valid SIP address/],
    ['alice@', undefined, /not a valid SIP address/],
    ['alice@exa mple.com', undefined, /not a valid SIP address/],
    ['0207 946 0958', undefined, /country code/],
    ['+999 123 456 789', undefined, /not a valid phone number/],
  ];
  it.each(rejected)('rejects %j (region %s)', (input, region, message) => {
    const result = normalizeDialTarget(input, region);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('stripFormatting', () => {
  it.each([
    ['+1 (415) 555-2671', '+14155552671'],
    ['415.555.2671', '4155552671'],
    ['tel:+44-20-7946-0958', '+442079460958'],
    [' sip:bob@example.com ', 'sip:bob@example.com'],
    ['bob@example.com', 'bob@example.com'],
    ['Ext. 1001', '1001'],
    ['*97#', '*97#'],
  ])('%j → %j', (input, output) => {
    expect(stripFormatting(input)).toBe(output);
  });
});

describe('regionFromLocales', () => {
  it('picks the first locale with a known region', () => {
    expect(regionFromLocales(['en', 'en-GB', 'de-DE'])).toBe('GB');
    expect(regionFromLocales(['zh-Hant-TW'])).toBe('TW');
    expect(regionFromLocales(['fr'])).toBeUndefined();
    expect(regionFromLocales(undefined)).toBeUndefined();
  });
});
