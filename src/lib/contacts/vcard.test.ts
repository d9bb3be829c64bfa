import { describe, expect, it } from 'vitest';
import { parseVcards, serializeVcards, type ContactDraft } from './vcard';

const ada: ContactDraft = {
  name: 'Ada Lovelace',
  organization: 'Analytical Engines; Ltd, London',
  phones: [
    { label: 'work', number: '+442079460123' },
    { label: 'mobile', number: '+447911123456' },
    { label: 'other', number: '1002' },
  ],
  sip: '1001@openline.local',
  email: 'ada@example.com',
  notes: 'Line one\nline two, with a comma; and a semicolon',
  favorite: true,
  channels: [
    { channel: 'whatsapp', id: '447911123456' },
    { channel: 'messenger', id: 'ada.lovelace' },
  ],
};
const plain: ContactDraft = {
  ...ada,
  name: 'Ben',
  organization: '',
  phones: [],
  sip: '',
  email: '',
  notes: '',
  favorite: false,
  channels: [],
};

describe('vCard', () => {
  for (const version of ['3.0', '4.0'] as const) {
    it(`round-trips every field through vCard ${version}`, () => {
      const file = serializeVcards([ada, plain], version);
      expect(file).toMatch(new RegExp(`^BEGIN:VCARD\r\nVERSION:${version.replace('.', '\\.')}\r\n`));
      expect(parseVcards(file, 'GB')).toEqual({ ok: true, contacts: [ada, plain] });
    });
  }

  it('reads cards written by other apps: N without FN, national numbers, tel: URIs, X-SIP', () => {
    const file = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Cole;Cleo;;Dr.;',
      'TEL;TYPE=CELL,VOICE:07911 123457',
      'X-SIP:1003@pbx.example',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Dan',
      'TEL;VALUE=uri;TYPE="voice,work":tel:+44-20-7946-0999',
      'END:VCARD',
      '',
    ].join('\r\n');
    const read = parseVcards(file, 'GB');
    expect(read).toMatchObject({
      ok: true,
      contacts: [
        {
          name: 'Dr. Cleo Cole',
          phones: [{ label: 'mobile', number: '+447911123457' }],
          sip: '1003@pbx.example',
        },
        { name: 'Dan', phones: [{ label: 'work', number: '+442079460999' }] },
      ],
    });
  });

  it('refuses a bad file with a specific sentence and imports nothing', () => {
    expect(parseVcards('hello', 'GB')).toEqual({
      ok: false,
      error: 'This is not a vCard file (it does not start with BEGIN:VCARD).',
    });
    expect(parseVcards('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n', 'GB')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The vCard file is damaged: /),
    });
    const second =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ok\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed\r\nTEL:banana\r\nEND:VCARD\r\n';
    expect(parseVcards(second, 'GB')).toEqual({
      ok: false,
      error: 'Card 2 (Zed): “banana” is not a phone number, extension or SIP address. Nothing was imported.',
    });
    expect(parseVcards('BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:+442079460123\r\nEND:VCARD\r\n', 'GB')).toEqual({
      ok: false,
      error: 'Card 1 has no name (FN or N). Nothing was imported.',
    });
  });
});
