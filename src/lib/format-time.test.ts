import { i18n } from '@lingui/core';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTime } from './format-time';

const DATE = new Date(Date.UTC(2026, 11, 1, 19, 40));
const expected = (locale: string, date = DATE) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);

describe('formatTime', () => {
  afterEach(() => i18n.activate('en'));

  it('writes the date in the active language, and follows a change of language', () => {
    i18n.loadAndActivate({ locale: 'en', messages: {} });
    expect(formatTime(DATE)).toBe(expected('en'));
    i18n.loadAndActivate({ locale: 'es', messages: {} });
    expect(formatTime(DATE)).toBe(expected('es'));
    expect(formatTime(DATE)).not.toBe(expected('en'));
    i18n.loadAndActivate({ locale: 'en', messages: {} });
    expect(formatTime(DATE)).toBe(expected('en'));
  });

  it('formats each date it is given, not the first one it saw', () => {
    i18n.loadAndActivate({ locale: 'en', messages: {} });
    const later = new Date(DATE.getTime() + 86_400_000);
    expect(formatTime(DATE)).toBe(expected('en'));
    expect(formatTime(later)).toBe(expected('en', later));
    expect(formatTime(later)).not.toBe(formatTime(DATE));
  });
});
