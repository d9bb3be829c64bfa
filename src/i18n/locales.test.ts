import { describe, expect, it } from 'vitest';
import { directionOf, matchLocale, pickLocale } from './locales';

describe('choosing the app language', () => {
  it('prefers the choice made in Settings over the browser', () => {
    expect(pickLocale(['es-ES', 'en'], 'ar')).toBe('ar');
  });

  it('takes the first browser language it has, matched by language', () => {
    expect(pickLocale(['de-DE', 'es-MX', 'en-GB'])).toBe('es');
    expect(pickLocale(['ar-EG'])).toBe('ar');
  });

  it('falls back to English for unknown languages, an unknown choice and bad tags', () => {
    expect(pickLocale(['de', 'fr-FR'])).toBe('en');
    expect(pickLocale([], 'xx')).toBe('en');
    expect(pickLocale(['', '  ', '-'])).toBe('en');
    expect(matchLocale('EN_us')).toBe('en');
  });

  it('writes Arabic right to left and the others left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('es')).toBe('ltr');
  });
});
