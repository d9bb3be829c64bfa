import { describe, expect, it } from 'vitest';
import { entry } from '../../stores/testing/call-log-fixtures';
import { entryDisplayName } from './entry-name';
import { i18n } from '@lingui/core';
import { dayLabel, entrySummary, historyRows, type HistoryRow } from './history-view';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const NOW = at(2026, 12, 1, 18);
const ids = (rows: HistoryRow[]) => rows.map((r) => (r.kind === 'day' ? `# ${r.label}` : r.entry.id));

const LOG = [
  entry({ id: 'today-missed', startedAt: at(2026, 12, 1, 17), outcome: 'missed', direction: 'incoming' }),
  entry({
    id: 'today-out',
    startedAt: at(2026, 12, 1, 9),
    outcome: 'answered',
    direction: 'outgoing',
    remoteUser: '+442079460123',
    remoteDisplayName: null,
  }),
  entry({
    id: 'yesterday-in',
    startedAt: at(2026, 11, 30, 23),
    outcome: 'answered',
    remoteDisplayName: 'Ada Agent',
  }),
  entry({ id: 'older', startedAt: at(2026, 11, 2), outcome: 'busy', direction: 'outgoing' }),
  entry({ id: 'last-year', startedAt: at(2025, 6, 3), outcome: 'missed' }),
];

describe('History rows', () => {
  it('groups newest first under Today, Yesterday and dates', () => {
    const rows = historyRows(LOG, { filter: 'all', query: '', now: NOW });
    expect(ids(rows)).toEqual([
      '# Today',
      'today-missed',
      'today-out',
      '# Yesterday',
      'yesterday-in',
      `# ${dayLabel(at(2026, 11, 2), NOW)}`,
      'older',
      `# ${dayLabel(at(2025, 6, 3), NOW)}`,
      'last-year',
    ]);
    expect(dayLabel(at(2025, 6, 3), NOW)).toMatch(/2025/);
    expect(dayLabel(at(2026, 11, 2), NOW)).not.toMatch(/2026/);
  });

  it('filters Missed / Outgoing / Incoming, dropping days left empty', () => {
    const opts = { query: '', now: NOW };
    expect(ids(historyRows(LOG, { ...opts, filter: 'missed' }))).toEqual([
      '# Today',
      'today-missed',
      `# ${dayLabel(at(2025, 6, 3), NOW)}`,
      'last-year',
    ]);
    expect(ids(historyRows(LOG, { ...opts, filter: 'outgoing' })).filter((x) => !x.startsWith('#'))).toEqual([
      'today-out',
      'older',
    ]);
    expect(ids(historyRows(LOG, { ...opts, filter: 'incoming' })).filter((x) => !x.startsWith('#'))).toEqual([
      'today-missed',
      'yesterday-in',
      'last-year',
    ]);
  });

  it('searches by name (any case) and by number in any format', () => {
    const find = (query: string) =>
      ids(historyRows(LOG, { filter: 'all', query, now: NOW, region: 'GB' })).filter(
        (x) => !x.startsWith('#'),
      );
    expect(find('ada')).toEqual(['yesterday-in']);
    expect(find('020 7946')).toEqual(['today-out']);
    expect(find('+44 (20) 7946-0123')).toEqual(['today-out']);
    expect(find('nobody')).toEqual([]);
  });
});

describe('entry summary', () => {
  it('says missed, direction, media, talk time, and the outcome with its SIP status', () => {
    expect(entrySummary(entry({ outcome: 'missed', media: 'video' }))).toBe('Missed video call');
    expect(
      entrySummary(entry({ outcome: 'answered', direction: 'outgoing', durationMs: 125_000, answeredAt: 1 })),
    ).toBe('Outgoing audio call · 02:05');
    expect(entrySummary(entry({ outcome: 'busy', direction: 'outgoing', sipStatus: 486 }))).toBe(
      'Outgoing audio call · Busy (486)',
    );
    expect(entrySummary(entry({ outcome: 'declined', sipStatus: null }))).toBe(
      'Incoming audio call · Declined',
    );
  });

  it('a webcall room: "Webcall room" with its talk time or No-show, named by customer, phone or neither', () => {
    const room = { roomId: '00000000000000a1', provider: 'sip' as const, phone: '' };
    const joined = entry({ kind: 'webcall', answeredAt: 1, durationMs: 65_000, outcome: 'answered', room });
    expect(entrySummary(joined)).toBe('Webcall room · 01:05');
    const noShow = entry({ kind: 'webcall', answeredAt: null, outcome: 'no-answer', room });
    expect(entrySummary(noShow)).toBe('Webcall room · No-show');
    const anonymous = {
      remoteDisplayName: null,
      remoteUser: '',
      remoteUri: 'webcall:00000000000000a1',
      room,
    };
    expect(entryDisplayName(anonymous)).toBe('Webcall customer');
    expect(entryDisplayName({ ...anonymous, remoteUser: '+49 151 2345678' })).toBe('+49 151 2345678');
    expect(entryDisplayName({ ...anonymous, room: undefined })).toBe('webcall:00000000000000a1');
  });

  it('writes the talk time and the day in the active language', () => {
    const answered = entry({ outcome: 'answered', durationMs: 3_723_000, answeredAt: 1 });
    expect(entrySummary(answered)).toBe('Incoming audio call · 1:02:03');
    i18n.loadAndActivate({ locale: 'ar-EG', messages: {} });
    try {
      // No Arabic catalog in unit tests: the English text, with Egyptian Arabic digits and month names.
      expect(entrySummary(answered)).toBe('Incoming audio call · ١:٠٢:٠٣');
      expect(dayLabel(at(2026, 11, 2), NOW)).toBe(
        new Intl.DateTimeFormat('ar-EG', { weekday: 'long', day: 'numeric', month: 'long' }).format(
          at(2026, 11, 2),
        ),
      );
      expect(dayLabel(at(2026, 11, 2), NOW)).toMatch(/نوفمبر/);
    } finally {
      i18n.activate('en');
    }
  });
});
