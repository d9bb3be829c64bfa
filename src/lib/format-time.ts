import { i18n } from '@lingui/core';

/** A date and time as the active language writes them ("1 Dec 2026, 19:40"; docs/i18n.md). */
export function formatTime(date: Date): string {
  return formatterFor(i18n.locale || '').format(date);
}

/**
 * One formatter per language: building an `Intl.DateTimeFormat` costs several milliseconds on a phone, and
 * the join page formatted the link's expiry on every render (27 ms of a 59 ms long task after its first
 * paint at 4× CPU; docs/performance.md, session 24). `''` is the browser's own language.
 */
const byLocale = new Map<string, Intl.DateTimeFormat>();
function formatterFor(locale: string): Intl.DateTimeFormat {
  let format = byLocale.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale || undefined, { dateStyle: 'medium', timeStyle: 'short' });
    byLocale.set(locale, format);
  }
  return format;
}
