/** Display helpers of the Voicemail tab. */

/** `0:03`, `2:05`, `1:02:03`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Spoken-friendly length for screen readers: "3 seconds", "2 minutes 5 seconds". */
export function durationLabel(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const parts = [];
  if (m > 0) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  if (s > 0 || m === 0) parts.push(`${s} second${s === 1 ? '' : 's'}`);
  return parts.join(' ');
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatReceived(epochMs: number): string {
  return dateTime.format(new Date(epochMs));
}

/** Playback passes this many seconds → the message counts as heard. */
export const HEARD_AFTER_S = 3;

export const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 2] as const;
