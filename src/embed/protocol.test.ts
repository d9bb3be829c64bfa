import { describe, expect, it } from 'vitest';
import { DialNumber, parseHostMessage } from './protocol';

describe('parseHostMessage', () => {
  it('ignores messages that are not ours', () => {
    for (const data of [null, undefined, 'hello', 42, { type: 'hello' }, ['openline']]) {
      expect(parseHostMessage(data)).toEqual({ kind: 'not_ours' });
    }
  });

  it('accepts hello and each command', () => {
    const messages = [
      { openline: 1, type: 'hello', id: 'h1' },
      { openline: 1, type: 'command', id: 'c1', command: 'makeCall', number: '1002' },
      { openline: 1, type: 'command', id: 'c2', command: 'hangup' },
      { openline: 1, type: 'command', id: 'c3', command: 'sendWebcallLink', ticket: 'T-1', name: 'Ann' },
    ];
    for (const m of messages) expect(parseHostMessage(m)).toEqual({ kind: 'ok', message: m });
  });

  it('answers another protocol version with unsupported_version', () => {
    const parsed = parseHostMessage({ openline: 2, type: 'hello', id: 'h1' });
    expect(parsed).toMatchObject({ kind: 'bad', id: 'h1', error: { code: 'unsupported_version' } });
  });

  it.each([
    [{ openline: 1, type: 'command', id: 'c1', command: 'format' }, 'c1'],
    [{ openline: 1, type: 'command', id: 'c1', command: 'makeCall' }, 'c1'],
    [{ openline: 1, type: 'command', id: 'c1', command: 'makeCall', number: 1002 }, 'c1'],
    [
      {
        openline: 1,
        type: 'command',
        id: 'c1',
        command: 'sendWebcallLink',
        ticket: 'x'.repeat(81),
        name: 'A',
      },
      'c1',
    ],
    [{ openline: 1, type: 'eval', id: 'c1' }, 'c1'],
    [{ openline: 1, type: 'hello' }, null],
    [{ openline: 1, type: 'hello', id: 'x'.repeat(65) }, null],
  ])('refuses malformed %j with bad_request', (data, id) => {
    expect(parseHostMessage(data)).toMatchObject({ kind: 'bad', id, error: { code: 'bad_request' } });
  });
});

describe('DialNumber', () => {
  it.each([
    ['1002', '1002'],
    ['+44 20 7946-0018', '+442079460018'],
    ['(555) 010.9999', '5550109999'],
    ['*98#', '*98#'],
  ])('dials %s as %s', (input, out) => expect(DialNumber.parse(input)).toBe(out));

  it.each(['', 'abc', 'sip:1002@x', '12+34', '1'.repeat(33), '1002; drop'])('refuses %j', (input) =>
    expect(DialNumber.safeParse(input).success).toBe(false),
  );
});
