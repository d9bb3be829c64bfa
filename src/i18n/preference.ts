import { isAppLocale, type AppLocale } from './locales';

/**
 * The language chosen in Settings, per browser (not per account: it is about the person at the screen
 * and is needed before sign-in). Read synchronously at start so the first paint is already in it.
 */
export const LOCALE_KEY = 'openline.locale';

export function storedLocaleChoice(): AppLocale | null {
  try {
    const value = localStorage.getItem(LOCALE_KEY);
    return isAppLocale(value) ? value : null;
  } catch {
    return null; // storage blocked (a strict embedding browser): follow the browser's languages
  }
}

/** `null` = follow the browser. */
export function storeLocaleChoice(choice: AppLocale | null): void {
  try {
    if (choice) localStorage.setItem(LOCALE_KEY, choice);
    else localStorage.removeItem(LOCALE_KEY);
  } catch {
    // Not kept across reloads in this browser; the language still changes now.
  }
}
