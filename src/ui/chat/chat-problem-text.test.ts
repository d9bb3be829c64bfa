import { setupI18n } from '@lingui/core';
import { describe, expect, it } from 'vitest';
import { messages as ar } from '../../locales/ar/ui.po';
import { messages as en } from '../../locales/en/ui.po';
import { chatProblemText } from './chat-problem-text';

/** Every code the chat server, the chat client and the composer give (server/webcall/chat-routes.ts). */
const CODES = [
  'empty',
  'too_long',
  'too_many_messages',
  'closed',
  'expired',
  'not_found',
  'forbidden',
  'unauthenticated',
  'unreachable',
  'too_many_streams',
  'no_stream',
  'invalid_request',
  'http_error',
] as const;

const inLanguage = (locale: 'en' | 'ar') => {
  const i18n = setupI18n();
  i18n.loadAndActivate({ locale, messages: locale === 'ar' ? ar : en });
  return i18n;
};

describe('chatProblemText', () => {
  it('words each code, with its numbers, never the server’s sentence', () => {
    const i18n = inLanguage('en');
    expect(chatProblemText({ code: 'too_long', max: 2000 }, i18n)).toBe(
      'A message can be at most 2000 characters.',
    );
    expect(chatProblemText({ code: 'too_many_messages', waitS: 1 }, i18n)).toBe(
      'Too many messages at once. Wait 1 second and send again.',
    );
    expect(chatProblemText({ code: 'too_many_messages', waitS: 3 }, i18n)).toBe(
      'Too many messages at once. Wait 3 seconds and send again.',
    );
    expect(chatProblemText({ code: 'too_many_messages' }, i18n)).toBe(
      'Too many messages at once. Wait a moment and send again.',
    );
    expect(chatProblemText({ code: 'closed' }, i18n)).toBe(
      'The agent has ended this call link; messages can no longer be sent.',
    );
    expect(chatProblemText({ code: 'something-new' }, i18n)).toBe(
      'Something went wrong with the conversation. Try again later.',
    );
  });

  it('has an Arabic sentence for every code (the join page in Arabic shows no English)', () => {
    const english = inLanguage('en');
    const arabic = inLanguage('ar');
    for (const code of CODES) {
      const problem = { code, waitS: 5, max: 2000 };
      const text = chatProblemText(problem, arabic);
      expect(text, code).toMatch(/[\u0600-\u06FF]/);
      expect(text, code).not.toMatch(/[A-Za-z]/);
      expect(text, code).not.toBe(chatProblemText(problem, english));
    }
    expect(chatProblemText({ code: 'too_many_messages', waitS: 5 }, arabic)).toMatch(/5|٥/);
  });
});
