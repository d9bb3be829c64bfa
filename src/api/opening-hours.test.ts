import { describe, expect, it } from 'vitest';
import { JoinWidget } from './join-widget-config';
import { DEFAULT_JOIN_WIDGET } from './join-widget-schemas';
import { ALWAYS_OPEN, OpeningHours, openingStateAt, type OpeningHours as Hours } from './opening-hours';

const weekdays9to17 = (timeZone: string): Hours => ({
  timeZone,
  periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
});
const at = (iso: string) => Date.parse(iso);

describe('opening hours', () => {
  it('is always open without periods', () => {
    expect(openingStateAt(ALWAYS_OPEN, at('2026-12-05T03:00:00Z'))).toEqual({ open: true });
  });

  it('reads the periods in their own time zone, not the server’s', () => {
    const madrid = weekdays9to17('Europe/Madrid'); // UTC+1 in December
    // Wednesday 08:30 UTC is 09:30 in Madrid: open; 16:30 UTC is 17:30 there: closed.
    expect(openingStateAt(madrid, at('2026-12-02T08:30:00Z'))).toEqual({ open: true });
    expect(openingStateAt(madrid, at('2026-12-02T16:30:00Z'))).toEqual({
      open: false,
      opensAt: at('2026-12-03T08:00:00Z'),
    });
    // 07:59 UTC is 08:59 in Madrid: closed, opens in a minute.
    expect(openingStateAt(madrid, at('2026-12-02T07:59:00Z'))).toEqual({
      open: false,
      opensAt: at('2026-12-02T08:00:00Z'),
    });
    // The same instant in New York (UTC-5) is 03:30: closed until 14:00 UTC.
    expect(openingStateAt(weekdays9to17('America/New_York'), at('2026-12-02T08:30:00Z'))).toEqual({
      open: false,
      opensAt: at('2026-12-02T14:00:00Z'),
    });
  });

  it('ends a period at its closing minute and skips the weekend to Monday', () => {
    const utc = weekdays9to17('UTC');
    expect(openingStateAt(utc, at('2026-12-04T16:59:59Z'))).toEqual({ open: true });
    // Friday 17:00 UTC closes; the next opening is Monday 09:00.
    expect(openingStateAt(utc, at('2026-12-04T17:00:00Z'))).toEqual({
      open: false,
      opensAt: at('2026-12-07T09:00:00Z'),
    });
  });

  it('uses the offset of the day it opens on across a DST change', () => {
    // Europe/Madrid goes from UTC+1 to UTC+2 on Sunday 2026-03-29: Saturday evening, the next opening
    // (Monday 09:00 local) is 07:00 UTC, not 08:00.
    expect(openingStateAt(weekdays9to17('Europe/Madrid'), at('2026-03-28T20:00:00Z'))).toEqual({
      open: false,
      opensAt: at('2026-03-30T07:00:00Z'),
    });
  });

  it('handles several periods a day and a period to midnight', () => {
    const hours: Hours = {
      timeZone: 'Asia/Kolkata', // UTC+05:30
      periods: [
        { days: ['sat'], from: '10:00', to: '13:00' },
        { days: ['sat'], from: '14:00', to: '24:00' },
      ],
    };
    // Saturday 13:30 in Kolkata (08:00 UTC): between the two periods.
    expect(openingStateAt(hours, at('2026-12-05T08:00:00Z'))).toEqual({
      open: false,
      opensAt: at('2026-12-05T08:30:00Z'),
    });
    // Saturday 23:59 there: still open.
    expect(openingStateAt(hours, at('2026-12-05T18:29:00Z'))).toEqual({ open: true });
  });

  it('refuses bad input in the schema and treats it as always open when evaluating', () => {
    const bad = [
      { timeZone: 'Mars/Olympus', periods: [] },
      { timeZone: 'UTC', periods: [{ days: ['mon'], from: '17:00', to: '09:00' }] },
      { timeZone: 'UTC', periods: [{ days: ['monday'], from: '09:00', to: '17:00' }] },
      { timeZone: 'UTC', periods: [{ days: [], from: '09:00', to: '17:00' }] },
      { timeZone: 'UTC', periods: [{ days: ['mon'], from: '9:00', to: '17:00' }] },
      { timeZone: 'UTC', periods: [{ days: ['mon'], from: '09:00', to: '24:30' }] },
      { periods: [] },
      null,
      'always',
    ];
    for (const hours of bad) {
      expect(OpeningHours.safeParse(hours).success).toBe(false);
      expect(openingStateAt(hours, at('2026-12-05T03:00:00Z'))).toEqual({ open: true });
    }
    expect(OpeningHours.safeParse(weekdays9to17('Europe/Madrid')).success).toBe(true);
  });

  it('opens on the same weekday a week later when today’s only period is over', () => {
    const hours: Hours = { timeZone: 'UTC', periods: [{ days: ['wed'], from: '09:00', to: '10:00' }] };
    expect(openingStateAt(hours, at('2026-12-02T10:00:00Z'))).toEqual({
      open: false,
      opensAt: at('2026-12-09T09:00:00Z'),
    });
  });

  it('is part of the join page settings: saved before it existed means always open, bad hours are refused', () => {
    const { openingHours: _, ...before } = DEFAULT_JOIN_WIDGET;
    expect(JoinWidget.parse(before).openingHours).toEqual(ALWAYS_OPEN);
    const bad = JoinWidget.safeParse({
      ...DEFAULT_JOIN_WIDGET,
      openingHours: { timeZone: 'Nowhere/City', periods: [] },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['openingHours', 'timeZone']);
  });
});
