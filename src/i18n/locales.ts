/**
 * The languages Openline speaks and how one is chosen (issue 13): the user's choice in Settings, else
 * the first of the browser's languages we have (matched by language, so `es-MX` gets Spanish), else
 * English. Pure, so it is unit-tested without a browser.
 */
export const APP_LOCALES = ['en', 'es', 'ar'] as const;
export type AppLocale = (typeof APP_LOCALES)[number];

/** Each language's own name, never translated: a user lost in a foreign UI still finds theirs. */
export const LOCALE_NAMES: Record<AppLocale, string> = { en: 'English', es: 'Español', ar: 'العربية' };

const RIGHT_TO_LEFT = new Set<AppLocale>(['ar']);

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (APP_LOCALES as readonly string[]).includes(value);
}

/** The app language for a BCP 47 tag (`ar-EG` → `ar`), or undefined when we have none for it. */
export function matchLocale(tag: string): AppLocale | undefined {
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isAppLocale(language) ? language : undefined;
}

export function pickLocale(browserLanguages: readonly string[], choice?: string | null): AppLocale {
  if (isAppLocale(choice)) return choice;
  for (const tag of browserLanguages) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return 'en';
}

export function directionOf(locale: AppLocale): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}
