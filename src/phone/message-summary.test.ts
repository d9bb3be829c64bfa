import { describe, expect, it } from 'vitest';
import {
  MAX_SUMMARY_BYTES,
  parseMessageSummary,
  unheardVoicemail,
  type MessageSummary,
} from './message-summary';

const ok = (body: string) => {
  const r = parseMessageSummary(body);
  if ('error' in r) throw new Error(r.error);
  return r as MessageSummary;
};

describe('parseMessageSummary (RFC 3842)', () => {
  it('reads the counts, urgent counts optional, names case-insensitive', () => {
    const s = ok(
      'Messages-Waiting: yes\r\nMessage-Account: sip:1001@openline.local\r\nVoice-Message: 2/8 (0/2)\r\n',
    );
    expect(s).toEqual({
      waiting: true,
      account: 'sip:1001@openline.local',
      classes: { 'voice-message': { new: 2, old: 8, urgentNew: 0, urgentOld: 2 } },
    });
    expect(unheardVoicemail(s)).toBe(2);
    const t = ok('messages-waiting: NO\nvoice-message: 0/3\nFax-Message: 1/0\n');
    expect(t.classes['voice-message']).toEqual({ new: 0, old: 3, urgentNew: 0, urgentOld: 0 });
    expect(t.classes['fax-message']?.new).toBe(1);
    expect(unheardVoicemail(t)).toBe(0);
  });

  it('falls back to "waiting" when no voice counts are given, and ignores unknown lines', () => {
    expect(unheardVoicemail(ok('Messages-Waiting: yes\r\nX-Vendor: 7\r\n'))).toBe(1);
    expect(unheardVoicemail(ok('Messages-Waiting: no'))).toBe(0);
  });

  it('refuses bad input with a specific error', () => {
    const error = (body: string) => {
      const r = parseMessageSummary(body);
      return 'error' in r ? r.error : 'parsed';
    };
    expect(error('')).toBe('Messages-Waiting is missing');
    expect(error('Voice-Message: 1/0')).toBe('Messages-Waiting is missing');
    expect(error('Messages-Waiting: maybe')).toMatch(/yes or no/);
    expect(error('Messages-Waiting: yes\r\nVoice-Message: two/3')).toMatch(
      /voice-message: counts must look like/,
    );
    expect(error('Messages-Waiting: yes\r\nVoice-Message: -1/3')).toMatch(/counts must look like/);
    expect(error('Messages-Waiting: yes\r\nVoice-Message: 99999999/3')).toMatch(/counts must look like/);
    expect(error('Messages-Waiting: yes\r\ngarbage')).toMatch(/not a "Name: value" line/);
    expect(error('Messages-Waiting: yes\r\n' + 'X: y\r\n'.repeat(MAX_SUMMARY_BYTES))).toMatch(
      /over 4096 bytes/,
    );
  });
});
