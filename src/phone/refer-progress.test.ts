import { describe, expect, it } from 'vitest';
import { MAX_SIPFRAG_BYTES, parseSipfrag, referOutcome, transferFailureMessage } from './refer-progress';

describe('parseSipfrag', () => {
  it.each([
    ['SIP/2.0 100 Trying', 100, 'Trying'],
    ['SIP/2.0 180 Ringing\r\n', 180, 'Ringing'],
    ['SIP/2.0 200 OK\r\nContact: <sip:1003@x>\r\n', 200, 'OK'],
    ['\r\nSIP/2.0 486 Busy Here', 486, 'Busy Here'],
    ['SIP/2.0 503', 503, ''],
  ])('reads %j', (body, statusCode, reasonPhrase) => {
    expect(parseSipfrag(body)).toEqual({ ok: true, statusCode, reasonPhrase });
  });

  it.each([
    [undefined, 'The sipfrag body is empty'],
    ['  \r\n', 'The sipfrag body is empty'],
    ['INVITE sip:1003@x SIP/2.0', 'does not start with a SIP/2.0 status line'],
    ['SIP/2.0 99 Odd', 'does not start with a SIP/2.0 status line'],
    ['SIP/2.0 700 Beyond', 'does not start with a SIP/2.0 status line'],
    ['SIP/3.0 200 OK', 'does not start with a SIP/2.0 status line'],
    ['SIP/2.0 2000 OK', 'does not start with a SIP/2.0 status line'],
    ['SIP/2.0 200 OK' + ' '.repeat(MAX_SIPFRAG_BYTES), `longer than ${MAX_SIPFRAG_BYTES} bytes`],
  ])('refuses %j with a specific error', (body, error) => {
    const result = parseSipfrag(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });
});

describe('referOutcome and failure messages', () => {
  it('1xx is progress, 2xx success, 3xx–6xx failure', () => {
    expect(referOutcome(180)).toEqual({ done: false });
    expect(referOutcome(202)).toEqual({ done: true, succeeded: true });
    expect(referOutcome(302)).toEqual({ done: true, succeeded: false });
    expect(referOutcome(603)).toEqual({ done: true, succeeded: false });
  });

  it('says why in words where it can, with the status otherwise', () => {
    expect(transferFailureMessage(486)).toBe('Transfer failed: busy');
    expect(transferFailureMessage(480)).toBe('Transfer failed: not available');
    expect(transferFailureMessage(404)).toBe('Transfer failed: no such number');
    expect(transferFailureMessage(603)).toBe('Transfer failed: declined');
    expect(transferFailureMessage(500, 'Server Internal Error')).toBe(
      'Transfer failed: 500 Server Internal Error',
    );
  });
});
