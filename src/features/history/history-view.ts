/**
 * What the History list shows, as pure functions: filter, search (name or number in any format),
 * and the flat row list (day headers + entries) the virtualised list renders.
 */
import type { CountryCode } from 'libphonenumber-js';
import { numberSearchKeys, queryDigits } from '../../lib/number-search';
import type { CallLogEntry, CallOutcome } from '../../storage/call-log-schema';
import { entryDisplayName } from './entry-name';

export type HistoryFilter = 'all' | 'missed' | 'outgoing' | 'incoming';

export const FILTERS: { value: HistoryFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'missed', label: 'Missed' },
  { value: 'outgoing', label: 'Outgoing' },
  { value: 'incoming', label: 'Incoming' },
];

export function passesFilter(entry: CallLogEntry, filter: HistoryFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'missed':
      return entry.outcome === 'missed';
    default:
      return entry.direction === filter;
  }
}

interface SearchKeys {
  text: string;
  digits: string[];
}

/** Search keys per entry object (entries are immutable), so typing does not re-parse numbers. */
const keyCache = new WeakMap<CallLogEntry, SearchKeys>();

function searchKeys(entry: CallLogEntry, region: CountryCode | undefined): SearchKeys {
  let keys = keyCache.get(entry);
  if (!keys) {
    keys = {
      text: `${entryDisplayName(entry)} ${entry.remoteDisplayName ?? ''} ${entry.remoteUser} ${entry.remoteUri}`.toLowerCase(),
      digits: numberSearchKeys(entry.remoteUser, region),
    };
    keyCache.set(entry, keys);
  }
  return keys;
}

/** A search function for `query`: by name or SIP user (text), or by number in any format (digits). */
export function matcher(query: string, region?: CountryCode): (entry: CallLogEntry) => boolean {
  const text = query.trim().toLowerCase();
  if (!text) return () => true;
  const digits = queryDigits(text);
  return (entry) => {
    const keys = searchKeys(entry, region);
    if (keys.text.includes(text)) return true;
    return digits !== null && keys.digits.some((key) => key.includes(digits));
  };
}

export type HistoryRow =
  { kind: 'day'; key: string; label: string } | { kind: 'entry'; key: string; entry: CallLogEntry };

function dayStart(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

const DAY_FORMAT = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const DAY_FORMAT_YEAR = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "Today", "Yesterday", "Monday 30 November", or with the year when it is not this year. */
export function dayLabel(ms: number, now: number): string {
  const today = dayStart(now);
  const day = dayStart(ms);
  if (day === today) return 'Today';
  // Via the calendar, not 24 h, so a daylight-saving change cannot shift "Yesterday".
  const yesterday = new Date(today);
  yesterday.setDate(yesterday.getDate() - 1);
  if (day === yesterday.getTime()) return 'Yesterday';
  return new Date(ms).getFullYear() === new Date(now).getFullYear()
    ? DAY_FORMAT.format(ms)
    : DAY_FORMAT_YEAR.format(ms);
}

/** Entries (newest first) that pass the filter and search, with a header before each new day. */
export function historyRows(
  entries: readonly CallLogEntry[],
  options: { filter: HistoryFilter; query: string; now: number; region?: CountryCode },
): HistoryRow[] {
  const matches = matcher(options.query, options.region);
  const rows: HistoryRow[] = [];
  let currentDay = Number.NaN;
  for (const entry of entries) {
    if (!passesFilter(entry, options.filter) || !matches(entry)) continue;
    const day = dayStart(entry.startedAt);
    if (day !== currentDay) {
      currentDay = day;
      rows.push({ kind: 'day', key: `day-${day}`, label: dayLabel(entry.startedAt, options.now) });
    }
    rows.push({ kind: 'entry', key: entry.id, entry });
  }
  return rows;
}

const OUTCOME_TEXT: Record<CallOutcome, string> = {
  answered: '',
  missed: 'Missed',
  declined: 'Declined',
  cancelled: 'Cancelled',
  busy: 'Busy',
  'no-answer': 'No answer',
  unavailable: 'Unavailable',
  'answered-elsewhere': 'Answered elsewhere',
  failed: 'Failed',
};

/** "Incoming video call · 2:05", "Missed audio call", "Outgoing audio call · Busy (486)", "Webcall room · No-show". */
export function entrySummary(entry: CallLogEntry): string {
  if (entry.kind === 'webcall')
    return `Webcall room · ${entry.answeredAt === null ? 'No-show' : formatTalkTime(entry.durationMs)}`;
  const media = `${entry.media} call`;
  if (entry.outcome === 'missed') return `Missed ${media}`;
  const head = `${entry.direction === 'incoming' ? 'Incoming' : 'Outgoing'} ${media}`;
  if (entry.outcome === 'answered') return `${head} · ${formatTalkTime(entry.durationMs)}`;
  const status = entry.sipStatus !== null && entry.sipStatus >= 300 ? ` (${entry.sipStatus})` : '';
  return `${head} · ${OUTCOME_TEXT[entry.outcome]}${status}`;
}

/** 0:07, 2:05, 1:02:03. */
export function formatTalkTime(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** What to dial to call back (the SIP user when it is on our domain, else the full URI). */
export function callBackTarget(entry: CallLogEntry): string {
  return entry.remoteUser || entry.remoteUri;
}
