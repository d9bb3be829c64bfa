import { describe, expect, it } from 'vitest';
import { invitationText, normalizePhone, smsHref, whatsAppHref } from './share';

describe('sharing a call link', () => {
  const text = invitationText({
    customerName: 'Chris',
    agentName: 'Ada Agent',
    url: 'https://x.test/join#1.abc',
    expiresAt: new Date('2030-01-01T12:00:00Z'),
    locale: 'en-GB',
  });

  it('writes a short invitation with the link and the expiry', () => {
    expect(text).toMatch(
      /^Hello Chris, Ada Agent invites you to a video call\. Join from your browser: https:\/\/x\.test\/join#1\.abc \(valid until \d\d:\d\d\)$/,
    );
  });

  it('says audio call for an audio-only link, and greets without a name', () => {
    const audio = invitationText({
      customerName: '',
      agentName: 'Ada Agent',
      url: 'https://x.test/join#2.abc',
      expiresAt: new Date('2030-01-01T12:00:00Z'),
      media: 'audio',
      locale: 'en-GB',
    });
    expect(audio).toMatch(
      /^Hello, Ada Agent invites you to an audio call\. Join from your browser: https:\/\/x\.test\/join#2\.abc /,
    );
  });

  it('builds sms: and wa.me links with the text encoded', () => {
    expect(normalizePhone(' +49 (151) 234-5678 ')).toBe('+491512345678');
    expect(smsHref('+49 151 2345678', 'a b&c#d')).toBe('sms:+491512345678?&body=a%20b%26c%23d');
    expect(whatsAppHref('+49 151 2345678', text)).toMatch(
      /^https:\/\/wa\.me\/491512345678\?text=Hello%20Chris%2C/,
    );
    expect(whatsAppHref('0049 151', 'x')).toBe('https://wa.me/49151?text=x');
    expect(decodeURIComponent(whatsAppHref('+1', text).split('text=')[1]!)).toBe(text);
  });
});
