/**
 * Opening hours of the webcall service (issue 14, ADR 0026): weekly periods in one IANA time zone, set
 * by the operator with the join page's settings. No periods means always open. The server evaluates them
 * (`openingStateAt`) and tells the join page only "closed, opens at <instant>"; the page formats that
 * instant in the customer's own language and time zone. zod/mini, no Lingui: shared with server/.
 */
import { z } from 'zod/mini';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const MAX_OPENING_PERIODS = 28;

/** Minutes after midnight of an `HH:MM` (00:00 to 24:00). */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** True for a time zone this runtime knows (`Europe/Madrid`, `UTC`…). */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const Time = z
  .string()
  .check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'A time as HH:MM, from 00:00 to 24:00.'));

export const OpeningPeriod = z
  .object({
    days: z
      .array(z.enum(WEEKDAYS, { error: () => `Days as ${WEEKDAYS.join(', ')}.` }))
      .check(z.minLength(1, 'Name at least one day.'), z.maxLength(7, 'At most 7 days.')),
    from: Time,
    to: Time,
  })
  .check(
    z.refine(
      (p) => minutesOf(p.from) < minutesOf(p.to),
      'A period ends after it starts (split one that crosses midnight in two: 22:00–24:00 and 00:00–02:00).',
    ),
  );
export type OpeningPeriod = z.infer<typeof OpeningPeriod>;

export const OpeningHours = z.object({
  /** IANA time zone the periods are written in. */
  timeZone: z.string().check(z.refine(isTimeZone, 'An IANA time zone, e.g. Europe/Madrid or UTC.')),
  /** Weekly periods; none means always open. */
  periods: z
    .array(OpeningPeriod)
    .check(z.maxLength(MAX_OPENING_PERIODS, `At most ${MAX_OPENING_PERIODS} periods.`)),
});
export type OpeningHours = z.infer<typeof OpeningHours>;

/** Always open: what a configuration saved before opening hours existed gets. */
export const ALWAYS_OPEN: OpeningHours = { timeZone: 'UTC', periods: [] };

export type OpeningState =
  { open: true } | { open: false; /** Epoch ms; null: no period at all. */ opensAt: number | null };

interface Wall {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minutes: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function wallClock(instant: number, timeZone: string): Wall {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const year = parts.year!;
  const month = parts.month!;
  const day = parts.day!;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, weekday, minutes: parts.hour! * 60 + parts.minute! };
}

/** Offset (ms) of `timeZone` from UTC at `instant`: local wall time minus UTC. */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const local = Date.UTC(w.year, w.month - 1, w.day, 0, w.minutes);
  return local - Math.floor(instant / 60_000) * 60_000;
}

/** The instant when the wall clock in `timeZone` shows `minutes` after midnight of that calendar day. */
function instantOf(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  let instant = guess - offsetAt(guess, timeZone);
  // Across a DST change the offset at the answer can differ from the offset at the guess.
  const again = guess - offsetAt(instant, timeZone);
  if (again !== instant) instant = again;
  return instant;
}

/**
 * Open or closed at `now` (epoch ms), and when closed, when it opens next (within the coming week).
 * Input that is not valid opening hours (a hand-edited database) counts as always open: a mistake in
 * the settings must not lock customers out.
 */
export function openingStateAt(hours: unknown, now: number): OpeningState {
  const parsed = OpeningHours.safeParse(hours);
  if (!parsed.success || parsed.data.periods.length === 0) return { open: true };
  const { timeZone, periods } = parsed.data;
  const today = wallClock(now, timeZone);
  const on = (weekday: number) => periods.filter((p) => p.days.includes(WEEKDAYS[weekday]!));
  if (on(today.weekday).some((p) => minutesOf(p.from) <= today.minutes && today.minutes < minutesOf(p.to)))
    return { open: true };
  let opensAt: number | null = null;
  for (let ahead = 0; ahead <= 7 && opensAt === null; ahead++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + ahead));
    const starts = on(date.getUTCDay())
      .map((p) =>
        instantOf(
          date.getUTCFullYear(),
          date.getUTCMonth() + 1,
          date.getUTCDate(),
          minutesOf(p.from),
          timeZone,
        ),
      )
      .filter((t) => t > now);
    if (starts.length > 0) opensAt = Math.min(...starts);
  }
  return { open: false, opensAt };
}
