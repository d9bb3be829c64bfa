// Languages (issue 13, docs/i18n.md): what screens and the shell use. Texts themselves are written with
// Lingui's macros (`@lingui/react/macro`, `@lingui/core/macro`) where they are shown.
export { activateLocale, ensureAreas } from './catalogs';
export { APP_LOCALES, LOCALE_NAMES, directionOf, isAppLocale, pickLocale, type AppLocale } from './locales';
export { storeLocaleChoice, storedLocaleChoice } from './preference';
export { formatCount, formatDuration } from './format';
