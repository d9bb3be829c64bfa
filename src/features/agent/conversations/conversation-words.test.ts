import { setupI18n } from '@lingui/core';
import { describe, expect, it } from 'vitest';
import type { ChannelMessageView } from '../../../api/channels-schemas';
import { formatDuration } from '../../../lib/duration';
import { messages as ar } from '../../../locales/ar/agent.po';
import {
  callEventText,
  channelKindText,
  conversationProblemText,
  deliveryText,
  messageKindLabel,
  routedByText,
} from './conversation-words';
import { windowText } from './window-text';

const arabic = setupI18n();
arabic.loadAndActivate({ locale: 'ar', messages: ar });

const message = (patch: Partial<ChannelMessageView>): ChannelMessageView => ({
  id: 1,
  direction: 'out',
  kind: 'text',
  body: 'hi',
  status: 'pending',
  attempts: 0,
  reason: null,
  reasonCode: null,
  author: '1001',
  createdAt: 0,
  media: null,
  ...patch,
});

/** The server's codes for refused conversation actions (server/channels/service.ts, routes.ts). */
const CODES = [
  'taken',
  'window_closed',
  'closed',
  'unassigned',
  'no_channel',
  'forbidden',
  'not_found',
  'expired',
  'invalid_request',
  'too_many_streams',
  'unreachable',
  'call_link_failed',
  'media_unsupported',
  'file_empty',
  'file_too_big',
  'too_large',
  'file_not_allowed',
  'unsupported_media_type',
  'rate_limited',
];

/** File format names stay as they are in every language. */
const withoutFormats = (text: string) => text.replace(/JPEG|PNG|WebP|GIF|PDF/g, '');

const noEnglish = (text: string | null) => {
  expect(text).toMatch(/[\u0600-\u06FF]/);
  expect(text).not.toMatch(/[A-Za-z]/);
};

describe('conversationProblemText', () => {
  it('words the server’s codes, and shows an unknown refusal as written', () => {
    expect(conversationProblemText({ code: 'taken', message: 'server words' }, 'demo')).toBe(
      'Another agent took this conversation first.',
    );
    expect(conversationProblemText({ code: 'no_channel', message: 'x' }, 'demo-whatsapp')).toBe(
      'The channel demo-whatsapp is no longer configured.',
    );
    expect(conversationProblemText({ code: null, message: 'text: write a message' }, null)).toBe(
      'text: write a message',
    );
  });

  it('has Arabic for every code (the panel in Arabic shows no English)', () => {
    for (const code of CODES) {
      noEnglish(withoutFormats(conversationProblemText({ code, message: 'English' }, null, arabic)));
    }
  });
});

describe('deliveryText', () => {
  it('names the state, keeping the provider’s status number', () => {
    expect(deliveryText(message({ direction: 'in', status: 'received' }))).toBe('Received');
    expect(deliveryText(message({ status: 'sent' }))).toBe('Sent');
    expect(deliveryText(message({}))).toBe('Sending…');
    expect(deliveryText(message({ attempts: 2 }))).toBe('Sending… (attempt 3)');
    const failed = (reason: string | null) => deliveryText(message({ status: 'failed', reason }));
    expect(failed('The provider answered 503.')).toBe('Failed: The provider answered 503.');
    expect(failed('The provider is unreachable: fetch failed')).toBe('Failed: The provider is unreachable.');
    expect(failed(null)).toBe('Failed: not delivered');
    expect(failed('something new')).toBe('Failed: not delivered');
    expect(deliveryText(message({ status: 'failed', reason: 'The provider answered 503.' }), arabic)).toMatch(
      /503/,
    );
  });

  it('words the dead-letter code, not the server’s English (which may say anything)', () => {
    const failed = (reasonCode: string) =>
      deliveryText(message({ status: 'failed', reason: 'Server words that change', reasonCode }));
    expect(failed('status:429')).toBe('Failed: The provider answered 429.');
    expect(failed('unreachable')).toBe('Failed: The provider is unreachable.');
    expect(failed('timeout')).toBe('Failed: The provider did not answer in time.');
    expect(failed('something-new')).toBe('Failed: not delivered');
    for (const code of ['status:502', 'unreachable', 'timeout']) {
      const text = deliveryText(message({ status: 'failed', reason: 'English', reasonCode: code }), arabic);
      noEnglish(text.replace(/\d+/g, ''));
    }
  });
});

describe('deliveryText in Arabic', () => {
  it('has Arabic for every state, kind, route and window', () => {
    const states: Array<Partial<ChannelMessageView>> = [
      { direction: 'in', status: 'received' },
      { status: 'sent' },
      { status: 'pending' },
      { status: 'pending', attempts: 1 },
      { status: 'failed', reason: 'The provider answered 500.' },
      { status: 'failed', reason: 'The provider is unreachable: x' },
      { status: 'failed', reason: null },
    ];
    for (const s of states) noEnglish(deliveryText(message(s), arabic).replace(/\d+/g, ''));
    for (const kind of ['template', 'call', 'notice'] as const) noEnglish(messageKindLabel(kind, arabic));
    expect(messageKindLabel('text', arabic)).toBeNull();
    for (const r of ['named', 'returning', 'available', 'queue', 'claimed'])
      noEnglish(routedByText(r, arabic));
    expect(routedByText('future-rule', arabic)).toBe('future-rule');
    noEnglish(channelKindText('generic', arabic));
    expect(channelKindText('whatsapp', arabic)).toBe('WhatsApp');
    const now = 1_800_000_000_000;
    for (const left of [1, 90_000, 3_600_000, 5 * 3_600_000, 23 * 3_600_000]) {
      noEnglish(windowText({ state: 'open', closesAt: now + left }, now, arabic));
    }
    noEnglish(windowText({ state: 'closed' }, now, arabic));
  });
});

describe('callEventText', () => {
  const event = (e: 'opened' | 'answered' | 'ended' | 'expired', durationMs: number | null = null) => ({
    id: 1,
    roomId: 'r',
    event: e,
    durationMs,
    at: 0,
  });

  it('says what happened to the call, with the duration in the language’s digits', () => {
    expect(callEventText(event('opened'))).toBe('The customer opened the call link');
    expect(callEventText(event('answered'))).toBe('The customer joined the call and it was answered');
    expect(callEventText(event('ended', 65_000))).toBe('Call ended after 01:05');
    expect(callEventText(event('expired'))).toBe('The call link expired unused');
    const ended = callEventText(event('ended', 65_000), arabic);
    expect(ended).toContain(formatDuration(65_000, 'ar')); // the app's Arabic digits, as History shows them
    for (const e of ['opened', 'answered', 'ended', 'expired'] as const)
      noEnglish(callEventText(event(e, 5_000), arabic));
  });

  it('says an end nobody reported has no known length, not 00:00 (ADR 0034)', () => {
    expect(callEventText(event('ended', null))).toBe('Call ended; its length is not known');
    expect(callEventText(event('ended', 0))).toBe('Call ended after 00:00');
    const unknown = callEventText(event('ended', null), arabic);
    noEnglish(unknown);
    expect(unknown).not.toContain(formatDuration(0, 'ar'));
  });
});
