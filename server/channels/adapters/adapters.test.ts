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
