import { describe, expect, it } from 'vitest';
import { EMPTY_CONTACT_FORM, validateContactForm } from './form';

describe('contact form validation', () => {
  it('turns typed numbers into E.164 and channel ids into digits', () => {
    const result = validateContactForm(
      {
        ...EMPTY_CONTACT_FORM,
        name: '  Ada  ',
        phones: [
          { label: 'work', number: '020 7946 0123' },
          { label: 'mobile', number: '' },
        ],
        sip: 'sip:1001@openline.local',
        channels: [{ channel: 'whatsapp', id: '+44 7911 123456' }],
      },
      'GB',
    );
    expect(result).toMatchObject({
      ok: true,
      draft: {
        name: 'Ada',
        phones: [{ label: 'work', number: '+442079460123' }],
        sip: '1001@openline.local',
        channels: [{ channel: 'whatsapp', id: '447911123456' }],
      },
    });
  });

  it('names each bad field with a specific message', () => {
    const result = validateContactForm(
      {
        ...EMPTY_CONTACT_FORM,
        name: ' ',
        phones: [
          { label: 'work', number: 'call me' },
          { label: 'home', number: '+442079460123' },
          { label: 'home', number: '020 7946 0123' },
        ],
        email: 'ada@',
        channels: [{ channel: 'viber', id: '' }],
      },
      'GB',
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Enter a name.',
        'phones.0': '“call me” is not a phone number, extension or SIP address.',
        'phones.2': 'This number is already listed.',
        email: 'Use an e-mail address like ada@example.com.',
        'channels.0': 'Enter the viber id, or remove this row.',
      },
    });
  });
});
