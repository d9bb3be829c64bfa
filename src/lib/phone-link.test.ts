import { describe, expect, it } from 'vitest';
import { MAX_LINK_LENGTH, parsePhoneLink } from './phone-link';

describe('parsePhoneLink', () => {
  const accepted: [string, string, 'tel' | 'sip' | 'text'][] = [
    ['tel:+44-20-7946-0958', '+442079460958', 'tel'],
    ['tel:+1.415.555.2671', '+14155552671', 'tel'],
    ['tel:+1(415)555-2671;ext=12', '+14155552671', 'tel'],
    ['TEL:+33%201%2042%2068%2053%2000', '+33142685300', 'tel'],
    ['tel:7042;phone-context=example.com', '7042', 'tel'],
    ['tel:*97', '*97', 'tel'],
    ['sip:1002@openline.local', 'sip:1002@openline.local', 'sip'],
    ['sip:alice@Example.COM:5060;transport=ws;lr', 'sip:alice@example.com:5060', 'sip'],
    ['sips:bob@example.com?subject=hi&priority=urgent', 'sips:bob@example.com', 'sip'],
    ['sip:+442079460958@gw.example.com;user=phone', 'sip:+442079460958@gw.example.com', 'sip'],
    ['sip:alice@[2001:db8::1]:5061', 'sip:alice@[2001:db8::1]:5061', 'sip'],
    ['  1002  ', '1002', 'text'],
    ['alice@example.com', 'alice@example.com', 'text'],
  ];
  it.each(accepted)('fills %j as %j', (input, target, kind) => {
    expect(parsePhoneLink(input)).toEqual({ ok: true, target, kind });
  });

  const rejected: [string, RegExp][] = [
    ['', /no number or address/],
    ['tel:', /has no valid number/],
    ['tel:call-me-maybe', /has no valid number/],
    ['tel:%E0%A4%A', /has no valid number/],
    ['sip:example.com', /names no one to call/],
    ['sip:alice:secret@example.com', /password/],
    ['sip:al ice@example.com', /not a valid SIP address/],
    ['sip:alice@exa_mple.com', /not a valid SIP address/],
    ['mailto:alice@example.com', /not mailto: links/],
    ['javascript:alert(1)', /not javascript: links/],
    [`tel:+${'1'.repeat(MAX_LINK_LENGTH)}`, /too long/],
  ];
  it.each(rejected)('refuses %j with a clear message', (input, message) => {
    const result = parsePhoneLink(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
