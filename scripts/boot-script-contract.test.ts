/**
 * index.html's boot script runs before any module and cannot import one: it names the app's storage keys
 * and window globals as string literals. These must be the app's own, or a saved sign-in would get the
 * build's empty form (ADR 0041), the early SIP socket would never be adopted, or a chosen language ignored.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALE_KEY } from '../src/i18n/preference';
import { EARLY_SOCKET_GLOBAL } from '../src/phone/early-socket';
import { SAVED_SETTINGS_KEY } from '../src/storage/settings-repository';
import { EARLY_SOCKET_KEY } from '../src/stores/saved-sign-in';

const html = readFileSync(new URL('../index.html', import.meta.url), 'utf8');

describe("index.html's boot script", () => {
  it.each([
    ['the saved-settings marker', SAVED_SETTINGS_KEY],
    ['the early SIP socket URL', EARLY_SOCKET_KEY],
    ['the chosen language', LOCALE_KEY],
  ])('reads %s from the key the app writes', (_what, key) => {
    expect(html).toContain(`localStorage.getItem('${key}')`);
  });

  it('leaves the early socket where the engine takes it', () => {
    expect(html).toContain(`window.${EARLY_SOCKET_GLOBAL} = slot`);
  });

  it('leaves the held start where the app looks for it', () => {
    // src/lib/held-start.ts declares it on Window; the name is checked by the compiler there.
    expect(html).toMatch(/window\.openlinePrerendered = held/);
  });
});
