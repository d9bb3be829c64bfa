import { i18n } from '@lingui/core';

/** A date and time as the active language writes them ("1 Dec 2026, 19:40"; docs/i18n.md). */
export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat(i18n.locale || undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}
