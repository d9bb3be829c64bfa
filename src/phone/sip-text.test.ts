import { describe, expect, it } from 'vitest';
import { callIdOf, cseqMethod, headerValues, headOf, splitMessage } from './sip-text';

const ok = (...headers: string[]) => ['SIP/2.0 200 OK', ...headers, '', ''].join('\r\n');

describe('splitMessage and headOf', () => {
  it('part the head from the blank line and body, and take a message without its blank line as all head', () => {
    expect(splitMessage('SIP/2.0 200 OK\r\nCSeq: 1 REGISTER\r\n\r\nbody')).toEqual({
      head: 'SIP/2.0 200 OK\r\nCSeq: 1 REGISTER',
      rest: '\r\n\r\nbody',
    });
    expect(splitMessage('SIP/2.0 200 OK\r\nCSeq: 1 REGISTER\r\n')).toBeNull();
    expect(headOf('SIP/2.0 200 OK\r\ni: a\r\n\r\ni: b')).toBe('SIP/2.0 200 OK\r\ni: a');
    expect(headOf('SIP/2.0 200 OK\r\ni: a\r\n')).toBe('SIP/2.0 200 OK\r\ni: a\r\n');
  });
});

describe('headerValues', () => {
  it('reads every line of any of the names, in order, case-insensitively and without surrounding spaces', () => {
    const head = headOf(
      ok('Via: SIP/2.0/WSS a;branch=1 ', 'v:SIP/2.0/WSS b;branch=2', 'VIA \t: c\t', 'To: <sip:x>'),
    );
    expect(headerValues(head, 'Via', 'v')).toEqual(['SIP/2.0/WSS a;branch=1', 'SIP/2.0/WSS b;branch=2', 'c']);
    expect(headerValues(head, 'Via')).toEqual(['SIP/2.0/WSS a;branch=1', 'c']);
    expect(headerValues(head, 'To')).toEqual(['<sip:x>']);
  });

  it('finds nothing for a missing header, a longer name that starts the same, or a name in a value', () => {
    const head = headOf(ok('Tofu: 1', 'Subject: To: nobody', 'Tox:'));
    expect(headerValues(head, 'To')).toEqual([]);
    expect(headerValues(head, 'Contact', 'm')).toEqual([]);
    expect(headerValues('', 'To')).toEqual([]);
  });

  it('takes names as text, not as patterns', () => {
    expect(headerValues(headOf(ok('X.Y: 1', 'XzY: 2')), 'X.Y')).toEqual(['1']);
  });
});

describe('callIdOf', () => {
  it('reads the long and the compact form, and nothing from the body', () => {
    expect(callIdOf('SIP/2.0 200 OK\r\nCall-ID: abc@x \r\n\r\n')).toBe('abc@x');
    expect(callIdOf('SIP/2.0 200 OK\r\ni: short\r\n\r\n')).toBe('short');
    expect(callIdOf('SIP/2.0 200 OK\r\ncall-id:\tlower\r\n\r\n')).toBe('lower');
    expect(callIdOf('MESSAGE sip:a SIP/2.0\r\nTo: <sip:a>\r\n\r\nCall-ID: body')).toBeNull();
  });

  it('is null without a Call-ID, and reads a head that lacks its blank line', () => {
    expect(callIdOf(ok('CSeq: 1 REGISTER'))).toBeNull();
    expect(callIdOf('')).toBeNull();
    expect(callIdOf('SIP/2.0 200 OK\r\nCall-ID: cut-short')).toBe('cut-short');
  });
});

describe('cseqMethod', () => {
  it("names the CSeq's method in upper case, and nothing for a missing or unreadable one", () => {
    expect(cseqMethod(headOf(ok('CSeq: 3 REGISTER')))).toBe('REGISTER');
    expect(cseqMethod(headOf(ok('cseq:12  invite ')))).toBe('INVITE');
    expect(cseqMethod(headOf(ok('Call-ID: x')))).toBeUndefined();
    expect(cseqMethod(headOf(ok('CSeq: REGISTER')))).toBeUndefined();
    expect(cseqMethod(headOf(ok('CSeq: 1 REGISTER x')))).toBeUndefined();
  });
});
