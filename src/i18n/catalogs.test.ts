import { i18n } from '@lingui/core';
import { describe, expect, it, vi } from 'vitest';
import { messages as arabicSettings } from '../locales/ar/settings.po';
import { activateLocale, ensureAreas } from './catalogs';

describe('a tab whose texts are asked for while the language changes', () => {
  it('gets them in the language being switched to, not only the one it replaces', async () => {
    await activateLocale('en');
    const switching = activateLocale('ar');
    await ensureAreas('settings');
    await switching;
    expect(i18n.locale).toBe('ar');
    // A compiled text without placeholders is one string (alone or in a one-item list).
    const plainText = (compiled: unknown) =>
      typeof compiled === 'string'
        ? compiled
        : Array.isArray(compiled) && compiled.length === 1
          ? compiled[0]
          : null;
    const plain = Object.entries(arabicSettings).find(
      ([, compiled]) => typeof plainText(compiled) === 'string',
    );
    expect(plain, 'an Arabic Settings text without placeholders').toBeDefined();
    const [id, compiled] = plain!;
    expect(i18n._(id)).toBe(plainText(compiled));
  });
});

describe('switching to the language already shown', () => {
  it('does not make every text render again', async () => {
    await activateLocale('es');
    const change = vi.fn();
    const stop = i18n.on('change', change);
    await activateLocale('es');
    stop();
    expect(change).not.toHaveBeenCalled();
    expect(i18n.locale).toBe('es');
    expect(document.documentElement.lang).toBe('es');
  });
});
