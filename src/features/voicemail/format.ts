/** Display helpers of the Voicemail tab, in the active language (the length itself: src/i18n's `formatDuration`). */
import { i18n } from '@lingui/core';
import { plural, t } from '@lingui/core/macro';

/** Spoken-friendly length for screen readers: "3 seconds", "2 minutes 5 seconds" (plurals per language). */
export function durationLabel(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const seconds = plural(s, { one: '# second', other: '# seconds' });
  if (m === 0) return seconds;
  const minutes = plural(m, { one: '# minute', other: '# minutes' });
  if (s === 0) return minutes;
  return t({
    message: `${minutes} ${seconds}`,
    comment: 'a voicemail length read aloud: minutes, then seconds',
  });
}

const RECEIVED: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** When a message came in, as the active language writes a date and time. */
export function formatReceived(epochMs: number): string {
  return i18n.date(new Date(epochMs), RECEIVED);
}

/** Playback passes this many seconds → the message counts as heard. */
export const HEARD_AFTER_S = 3;

export const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 2] as const;
