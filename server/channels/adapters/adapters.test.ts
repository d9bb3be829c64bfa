import { describe, expect, it } from 'vitest';
import { whatsappInbound } from '../testing/sign';
import { genericAdapter } from './generic';
import { viberAdapter } from './viber';
import { whatsappAdapter } from './whatsapp';

const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('WhatsApp adapter', () => {
  it('reads entry[].changes[].value.messages[] with the contact name and referral', () => {
    const { body } = whatsappInbound('s', {
      id: 'wamid.1',
      from: '447700900123',
      name: 'Wendy',
      text: 'Hello',
      timestampMs: 1_800_000_000_000,
      ref: 'agent:1002',
    });
    expect(whatsappAdapter.parse(buf(body))).toEqual({
      ok: true,
      ignored: 0,
      messages: [
        {
          id: 'wamid.1',
          from: '447700900123',
          name: 'Wendy',
          text: 'Hello',
          timestampMs: 1_800_000_000_000,
          ref: 'agent:1002',
        },
      ],
    });
  });

  it('acknowledges status-only callbacks without messages and marks media', () => {
    const statuses = {
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ value: { statuses: [{ id: 'x', status: 'read' }] } }] }],
    };
    expect(whatsappAdapter.parse(buf(statuses))).toEqual({ ok: true, messages: [], ignored: 1 });
    const image = {
      object: 'whatsapp_business_account',
      entry: [
        { changes: [{ value: { messages: [{ from: '447700', id: 'm', timestamp: '1', type: 'image' }] } }] },
      ],
    };
    const parsed = whatsappAdapter.parse(buf(image));
    expect(parsed.ok && parsed.messages[0]?.text).toBe('[image]');
  });

  it('refuses malformed payloads with a specific problem', () => {
    expect(whatsappAdapter.parse(buf('{not json'))).toEqual({
      ok: false,
      problem: 'The body is not valid JSON.',
    });
    expect(whatsappAdapter.parse(buf({ object: 'page', entry: [] }))).toMatchObject({
      ok: false,
      problem: /object/,
    });
    const badFrom = {
      object: 'whatsapp_business_account',
      entry: [
        { changes: [{ value: { messages: [{ from: 'abc', id: 'm', timestamp: '1', type: 'text' }] } }] },
      ],
    };
    expect(whatsappAdapter.parse(buf(badFrom))).toMatchObject({ ok: false, problem: /from: a WhatsApp id/ });
    const noText = {
      object: 'whatsapp_business_account',
      entry: [
        { changes: [{ value: { messages: [{ from: '4477001', id: 'm', timestamp: '1', type: 'text' }] } }] },
      ],
    };
    expect(whatsappAdapter.parse(buf(noText))).toMatchObject({ ok: false, problem: /has no text/ });
  });

  it('shapes replies as Cloud API text or template messages', () => {
    const base = { to: '4477', conversationId: 1 };
    expect(whatsappAdapter.outboundBody({ ...base, kind: 'text', text: 'Hi' })).toMatchObject({
      messaging_product: 'whatsapp',
      to: '4477',
      type: 'text',
      text: { body: 'Hi' },
    });
    expect(
      whatsappAdapter.outboundBody({ ...base, kind: 'template', text: 'T', template: 'follow_up' }),
    ).toMatchObject({
      type: 'template',
      template: { name: 'follow_up', language: { code: 'en' } },
    });
  });
});

describe('Viber adapter', () => {
  it('keeps the 64-bit message_token exactly (beyond JSON number precision)', () => {
    const raw =
      '{"event":"message","timestamp":1800000000000,"message_token":4912661846655238145,"sender":{"id":"01234567890A=","name":"Vic"},"message":{"type":"text","text":"Hi"}}';
    const parsed = viberAdapter.parse(buf(raw));
    expect(parsed).toMatchObject({
      ok: true,
      messages: [{ id: '4912661846655238145', from: '01234567890A=', text: 'Hi' }],
    });
  });

  it('acknowledges other events and refuses a message without sender', () => {
    expect(viberAdapter.parse(buf({ event: 'seen', timestamp: 1 }))).toEqual({
      ok: true,
      messages: [],
      ignored: 1,
    });
    expect(
      viberAdapter.parse(
        buf({ event: 'message', timestamp: 1, message_token: 5, message: { type: 'text', text: 'x' } }),
      ),
    ).toEqual({ ok: false, problem: 'sender: missing' });
  });
});

describe('generic adapter', () => {
  it('uses the signed timestamp when the payload has none, and carries ref and fields', () => {
    const parsed = genericAdapter.parse(
      buf({ id: 'g1', from: '+4477', text: 'Hi', ref: 'agent:1002', fields: ['a', 'b', 'c'] }),
      42,
    );
    expect(parsed).toMatchObject({
      ok: true,
      messages: [{ id: 'g1', timestampMs: 42, ref: 'agent:1002', fields: ['a', 'b', 'c'] }],
    });
  });

  it('names the field that is wrong', () => {
    expect(genericAdapter.parse(buf({ id: 'g1', from: 'a b', text: 'x' }))).toMatchObject({
      ok: false,
      problem: /^from:/,
    });
    expect(genericAdapter.parse(buf({ id: 'g1', from: 'ab', text: '  ' }))).toMatchObject({
      ok: false,
      problem: /text: empty message/,
    });
  });
});

describe('media (ADR 0029)', () => {
  const wa = (message: object) =>
    buf({
      object: 'whatsapp_business_account',
      entry: [
        { changes: [{ value: { messages: [{ from: '447700', id: 'm1', timestamp: '1', ...message }] } }] },
      ],
    });

  it('reads WhatsApp image and document messages with the provider URL, type, name and caption', () => {
    const image = whatsappAdapter.parse(
      wa({
        type: 'image',
        image: { id: 'x', mime_type: 'image/jpeg', link: 'https://cdn.test/a', caption: ' Look ' },
      }),
    );
    expect(image.ok && image.messages[0]).toMatchObject({
      text: 'Look',
      media: { url: 'https://cdn.test/a', type: 'image/jpeg', name: 'image' },
    });
    const doc = whatsappAdapter.parse(
      wa({
        type: 'document',
        document: { mime_type: 'application/pdf', link: 'https://cdn.test/d', filename: 'bill.pdf' },
      }),
    );
    expect(doc.ok && doc.messages[0]).toMatchObject({
      text: '',
      media: { url: 'https://cdn.test/d', type: 'application/pdf', name: 'bill.pdf' },
    });
  });

  it('refuses a media URL that is not http(s), or carries credentials', () => {
    for (const link of ['javascript:alert(1)', 'file:///etc/passwd', 'https://u:p@cdn.test/a', 'not a url']) {
      expect(whatsappAdapter.parse(wa({ type: 'image', image: { link } }))).toMatchObject({
        ok: false,
        problem: /media URL/,
      });
    }
    expect(
      genericAdapter.parse(buf({ id: 'g', from: 'ab', media: { url: 'data:image/png;base64,AAAA' } })),
    ).toMatchObject({ ok: false, problem: /media URL/ });
  });

  it('reads Viber picture and file messages; a generic message may be a file without text', () => {
    const picture = viberAdapter.parse(
      buf({
        event: 'message',
        timestamp: 5,
        message_token: 77,
        sender: { id: 'v1' },
        message: { type: 'picture', media: 'https://viber.test/p.jpg', text: 'Here' },
      }),
    );
    expect(picture.ok && picture.messages[0]).toMatchObject({
      text: 'Here',
      media: { url: 'https://viber.test/p.jpg', type: '', name: 'picture' },
    });
    const file = viberAdapter.parse(
      buf({
        event: 'message',
        timestamp: 5,
        message_token: 78,
        sender: { id: 'v1' },
        message: { type: 'file', media: 'https://viber.test/f', file_name: 'f.pdf' },
      }),
    );
    expect(file.ok && file.messages[0]).toMatchObject({ text: '', media: { name: 'f.pdf' } });
    expect(
      genericAdapter.parse(
        buf({ id: 'g', from: 'ab', media: { url: 'https://x.test/f', type: 'image/png' } }),
      ),
    ).toMatchObject({ ok: true, messages: [{ text: '', media: { url: 'https://x.test/f', name: 'file' } }] });
    expect(genericAdapter.parse(buf({ id: 'g', from: 'ab' }))).toMatchObject({
      ok: false,
      problem: /text: empty message/,
    });
  });

  const file = (type: string, name: string) => ({
    url: 'https://ol.test/api/channels/media/ID',
    type,
    name,
    size: 9,
  });
  const base = { to: '4477', conversationId: 1, kind: 'text' as const };

  it('shapes outbound files per channel, and says which types each channel takes', () => {
    expect(whatsappAdapter.outboundBody({ ...base, text: 'Map', media: file('image/png', 'm.png') })).toEqual(
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '4477',
        type: 'image',
        image: { link: 'https://ol.test/api/channels/media/ID', caption: 'Map' },
      },
    );
    expect(
      whatsappAdapter.outboundBody({ ...base, text: '', media: file('application/pdf', 'f.pdf') }),
    ).toMatchObject({ type: 'document', document: { link: expect.any(String), filename: 'f.pdf' } });
    expect(
      viberAdapter.outboundBody({ ...base, text: 'Hi', media: file('image/jpeg', 'a.jpg') }),
    ).toMatchObject({
      receiver: '4477',
      type: 'picture',
      media: 'https://ol.test/api/channels/media/ID',
      text: 'Hi',
    });
    expect(
      viberAdapter.outboundBody({ ...base, text: '', media: file('application/pdf', 'f.pdf') }),
    ).toMatchObject({
      type: 'file',
      file_name: 'f.pdf',
      size: 9,
    });
    expect(
      genericAdapter.outboundBody({ ...base, text: '', media: file('image/webp', 'w.webp') }),
    ).toMatchObject({
      type: 'text',
      text: 'https://ol.test/api/channels/media/ID',
    });
    expect(
      ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'].map(
        whatsappAdapter.mediaRoute,
      ),
    ).toEqual(['image', 'image', null, null, 'document']);
    expect(['image/gif', 'image/webp'].map(viberAdapter.mediaRoute)).toEqual(['image', null]);
    expect(genericAdapter.mediaRoute('image/webp')).toBe('link');
  });
});

describe('audio, video and stickers (ADR 0036)', () => {
  const wa = (message: object) =>
    buf({
      object: 'whatsapp_business_account',
      entry: [
        { changes: [{ value: { messages: [{ from: '447700', id: 'm1', timestamp: '1', ...message }] } }] },
      ],
    });
  const viber = (message: object) =>
    buf({ event: 'message', timestamp: 5, message_token: 79, sender: { id: 'v1', name: 'Vic' }, message });
  const first = (parsed: ReturnType<typeof whatsappAdapter.parse>) =>
    parsed.ok ? parsed.messages[0] : parsed;

  it('reads WhatsApp voice notes, audio, video (with caption) and stickers', () => {
    const link = 'https://cdn.test/m';
    expect(
      first(
        whatsappAdapter.parse(
          wa({ type: 'audio', audio: { id: 'a', mime_type: 'audio/ogg; codecs=opus', voice: true, link } }),
        ),
      ),
    ).toMatchObject({
      text: '',
      media: { url: link, type: 'audio/ogg; codecs=opus', name: 'audio', kind: 'voice' },
    });
    // No `voice` flag (older gateways): an OGG is what WhatsApp records, an MP3 is a shared audio file.
    expect(
      first(whatsappAdapter.parse(wa({ type: 'audio', audio: { mime_type: 'audio/ogg', link } }))),
    ).toMatchObject({ media: { kind: 'voice' } });
    expect(
      first(
        whatsappAdapter.parse(wa({ type: 'audio', audio: { mime_type: 'audio/mpeg', voice: false, link } })),
      ),
    ).toMatchObject({ media: { kind: 'audio', name: 'audio' } });
    expect(
      first(
        whatsappAdapter.parse(
          wa({ type: 'video', video: { mime_type: 'video/mp4', caption: ' Look ', link } }),
        ),
      ),
    ).toMatchObject({ text: 'Look', media: { kind: 'video', name: 'video' } });
    expect(
      first(
        whatsappAdapter.parse(
          wa({ type: 'sticker', sticker: { mime_type: 'image/webp', animated: false, link } }),
        ),
      ),
    ).toMatchObject({ text: '', media: { kind: 'sticker', type: 'image/webp', name: 'sticker' } });
  });

  it('keeps a WhatsApp audio/video/sticker without a link as a marker, and refuses bad fields', () => {
    expect(first(whatsappAdapter.parse(wa({ type: 'audio', audio: { id: 'only-an-id' } })))).toMatchObject({
      text: '[audio]',
    });
    expect(first(whatsappAdapter.parse(wa({ type: 'sticker' })))).toMatchObject({ text: '[sticker]' });
    expect(
      whatsappAdapter.parse(wa({ type: 'audio', audio: { link: 'ftp://cdn.test/a.ogg' } })),
    ).toMatchObject({
      ok: false,
      problem: /media URL/,
    });
    expect(
      whatsappAdapter.parse(wa({ type: 'audio', audio: { voice: 'yes', link: 'https://c.test/a' } })),
    ).toMatchObject({ ok: false, problem: /voice/ });
    expect(whatsappAdapter.parse(wa({ type: 'video', video: 'https://c.test/v.mp4' }))).toMatchObject({
      ok: false,
      problem: /video/,
    });
  });

  it('reads Viber video and sticker messages; a sticker without media is a marker; bad fields are named', () => {
    expect(
      first(
        viberAdapter.parse(
          viber({ type: 'video', media: 'https://viber.test/v.mp4', size: 1200, duration: 12, text: 'Clip' }),
        ),
      ),
    ).toMatchObject({
      text: 'Clip',
      media: { url: 'https://viber.test/v.mp4', name: 'video', kind: 'video' },
    });
    expect(
      first(
        viberAdapter.parse(viber({ type: 'sticker', sticker_id: 40138, media: 'https://viber.test/s.png' })),
      ),
    ).toMatchObject({ text: '', media: { kind: 'sticker', name: 'sticker' } });
    expect(first(viberAdapter.parse(viber({ type: 'sticker', sticker_id: 40138 })))).toMatchObject({
      text: '[sticker]',
    });
    expect(
      viberAdapter.parse(viber({ type: 'video', media: 'https://viber.test/v', size: -1 })),
    ).toMatchObject({
      ok: false,
      problem: /size/,
    });
    expect(viberAdapter.parse(viber({ type: 'sticker', sticker_id: 'smile' }))).toMatchObject({
      ok: false,
      problem: /sticker_id/,
    });
  });

  it('leaves the generic webhook’s kind to the bytes (null), and refuses audio/video replies on every channel', () => {
    expect(
      genericAdapter.parse(
        buf({ id: 'g', from: 'ab', media: { url: 'https://x.test/v.ogg', type: 'audio/ogg' } }),
      ),
    ).toMatchObject({ ok: true, messages: [{ media: { kind: null } }] });
    for (const type of ['audio/ogg', 'video/mp4'])
      expect([whatsappAdapter.mediaRoute(type), viberAdapter.mediaRoute(type)]).toEqual([null, null]);
  });
});
