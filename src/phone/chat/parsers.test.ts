import { describe, expect, it } from 'vitest';
import { buildImdn, parseImdn, wantsReceipt } from './imdn';
import { buildIsComposing, parseIsComposing } from './is-composing';

const NS_IMDN = 'urn:ietf:params:xml:ns:imdn';
const NS_COMP = 'urn:ietf:params:xml:ns:im-iscomposing';

describe('isComposing (RFC 3994)', () => {
  it('round-trips active and idle', () => {
    expect(parseIsComposing(buildIsComposing(true))).toEqual({ active: true, holdMs: 60_000 });
    expect(parseIsComposing(buildIsComposing(false))).toEqual({ active: false, holdMs: 120_000 });
  });

  it('reads the RFC example with a refresh', () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?>
      <isComposing xmlns="${NS_COMP}"><state>active</state><contenttype>text/plain</contenttype><refresh>90</refresh></isComposing>`;
    expect(parseIsComposing(body)).toEqual({ active: true, holdMs: 90_000 });
  });

  it.each([
    ['not XML', 'typing...', /well-formed|isComposing/],
    ['unclosed', `<isComposing xmlns="${NS_COMP}"><state>active</state>`, /well-formed|isComposing/],
    ['wrong namespace', '<isComposing xmlns="urn:x"><state>active</state></isComposing>', /namespace/],
    ['wrong root', `<imdn xmlns="${NS_COMP}"><state>active</state></imdn>`, /root/],
    ['no state', `<isComposing xmlns="${NS_COMP}"></isComposing>`, /state must be/],
    ['odd state', `<isComposing xmlns="${NS_COMP}"><state>busy</state></isComposing>`, /state must be/],
    [
      'bad refresh',
      `<isComposing xmlns="${NS_COMP}"><state>active</state><refresh>-3</refresh></isComposing>`,
      /refresh/,
    ],
    [
      'zero refresh',
      `<isComposing xmlns="${NS_COMP}"><state>active</state><refresh>0</refresh></isComposing>`,
      /refresh/,
    ],
    ['huge', `<isComposing xmlns="${NS_COMP}">${' '.repeat(5000)}</isComposing>`, /longer than/],
  ])('refuses %s with a reason', (_name, body, reason) => {
    const result = parseIsComposing(body);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toMatch(reason);
  });
});

describe('IMDN subset (RFC 5438)', () => {
  it('round-trips delivered and displayed', () => {
    const at = new Date('2026-12-02T09:00:00Z');
    expect(parseImdn(buildImdn({ messageId: 'm.1-a', status: 'delivered' }, at))).toEqual({
      messageId: 'm.1-a',
      status: 'delivered',
    });
    const displayed = buildImdn({ messageId: 'x', status: 'displayed' }, at);
    expect(displayed).toContain('<display-notification><status><displayed/></status>');
    expect(parseImdn(displayed)).toEqual({ messageId: 'x', status: 'displayed' });
  });

  it.each([
    ['not XML', '<<<', /well-formed|imdn/],
    ['wrong namespace', '<imdn xmlns="urn:other"><message-id>a</message-id></imdn>', /namespace/],
    [
      'no message-id',
      `<imdn xmlns="${NS_IMDN}"><delivery-notification><status><delivered/></status></delivery-notification></imdn>`,
      /message-id/,
    ],
    [
      'malformed message-id',
      `<imdn xmlns="${NS_IMDN}"><message-id>a b&lt;c</message-id><delivery-notification><status><delivered/></status></delivery-notification></imdn>`,
      /message-id/,
    ],
    [
      'failed status',
      `<imdn xmlns="${NS_IMDN}"><message-id>a</message-id><delivery-notification><status><failed/></status></delivery-notification></imdn>`,
      /unsupported status failed/,
    ],
    ['no status', `<imdn xmlns="${NS_IMDN}"><message-id>a</message-id></imdn>`, /unsupported status/],
    ['huge', `<imdn xmlns="${NS_IMDN}">${'x'.repeat(5000)}</imdn>`, /longer than/],
  ])('refuses %s with a reason', (_name, body, reason) => {
    const result = parseImdn(body);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toMatch(reason);
  });

  it('reads what a Disposition-Notification header asks for', () => {
    expect(wantsReceipt('positive-delivery, display')).toEqual({ delivered: true, displayed: true });
    expect(wantsReceipt('Positive-Delivery')).toEqual({ delivered: true, displayed: false });
    expect(wantsReceipt(undefined)).toEqual({ delivered: false, displayed: false });
  });
});
