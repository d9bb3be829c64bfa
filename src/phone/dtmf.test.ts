// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildDtmfInfoBody, chooseDtmfMethod, classifyInfo, normalizeTones } from './dtmf';

describe('normalizeTones', () => {
  it('accepts 0-9 * # A-D (any case) and , for a pause', () => {
    expect(normalizeTones('0123456789*#ABCD')).toBe('0123456789*#ABCD');
    expect(normalizeTones('abcd')).toBe('ABCD');
    expect(normalizeTones('1,2')).toBe('1,2');
  });

  it.each([
    ['x', "Invalid DTMF tone 'x'"],
    ['12e', "Invalid DTMF tone 'e'"],
    ['1 2', "Invalid DTMF tone ' '"],
    ['+', "Invalid DTMF tone '+'"],
    ['', 'No DTMF tones to send'],
  ])('rejects %j', (tones, messageText) => {
    expect(() => normalizeTones(tones)).toThrowError(messageText);
  });
});

describe('chooseDtmfMethod', () => {
  const capable = { dtmf: { canInsertDTMF: true, toneBuffer: '', insertDTMF: () => {} } };
  const notYet = { dtmf: { canInsertDTMF: false, toneBuffer: '', insertDTMF: () => {} } };
  it.each([
    ['auto', capable, 'rfc4733'],
    ['auto', notYet, 'info'],
    ['auto', { dtmf: null }, 'info'],
    ['auto', {}, 'info'],
    ['auto', null, 'info'],
    ['info', capable, 'info'],
    ['rfc4733', null, 'rfc4733'],
    ['rfc4733', capable, 'rfc4733'],
  ] as const)('%s with %j → %s', (method, sender, expected) => {
    expect(chooseDtmfMethod(method, sender)).toBe(expected);
  });
});

describe('SIP INFO bodies', () => {
  it('builds application/dtmf-relay', () => {
    expect(buildDtmfInfoBody('5')).toBe('Signal=5\r\nDuration=160\r\n');
    expect(buildDtmfInfoBody('#', 250)).toBe('Signal=#\r\nDuration=250\r\n');
  });

  it.each([
    ['application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n', { kind: 'dtmf', tone: '5' }],
    ['application/dtmf-relay; charset=utf-8', 'signal= *\nduration=100', { kind: 'dtmf', tone: '*' }],
    ['Application/DTMF-Relay', 'Signal=11\r\nDuration=100', { kind: 'dtmf', tone: '#' }],
    ['application/dtmf-relay', 'Signal=b\r\n', { kind: 'dtmf', tone: 'B' }],
    ['application/dtmf', '7', { kind: 'dtmf', tone: '7' }],
    ['application/dtmf', ' # \r\n', { kind: 'dtmf', tone: '#' }],
    ['application/dtmf-relay', 'Duration=160', { kind: 'bad-dtmf' }],
    ['application/dtmf-relay', 'Signal=x', { kind: 'bad-dtmf' }],
    ['application/dtmf', '', { kind: 'bad-dtmf' }],
    [undefined, '', { kind: 'ignore' }],
    ['application/media_control+xml', '<media_control/>', { kind: 'ignore' }],
    ['text/plain', 'hello', { kind: 'unsupported', contentType: 'text/plain' }],
  ])('%s %j', (contentType, body, expected) => {
    expect(classifyInfo(contentType, body)).toEqual(expected);
  });
});
