import { i18n } from '@lingui/core';
import { formatDuration as formatDurationIn } from '../lib/duration';

/**
 * Numbers and durations in the active language (digits follow the locale's numbering system). Dates: `i18n.date(value, options)` from @lingui/core (Intl.DateTimeFormat in the active language).
 */
export function formatCount(value: number): string {
  return i18n.number(value);
}

/** A call's or a message's length, `mm:ss` (or `h:mm:ss`), in the active language's digits. */
export function formatDuration(ms: number): string {
  return formatDurationIn(ms, i18n.locale || 'en');
}
