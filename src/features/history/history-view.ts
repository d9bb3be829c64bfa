/**
 * What the History list shows, as pure functions: filter, search (name or number in any format),
 * and the flat row list (day headers + entries) the virtualised list renders.
 */
import { i18n, type MessageDescriptor } from '@lingui/core';
import { msg, t } from '@lingui/core/macro';
import type { CountryCode } from 'libphonenumber-js';
import { formatDuration } from '../../i18n';
import { numberSearchKeys, queryDigits } from '../../lib/number-search';
import type { CallLogEntry, CallOutcome } from '../../storage/call-log-schema';
import { entryDisplayName } from './entry-name';

export type HistoryFilter = 'all' | 'missed' | 'outgoing' | 'incoming';

/** The filter buttons; their labels are translated where they are shown. */
export const FILTERS: { value: HistoryFilter; label: MessageDescriptor }[] = [
  { value: 'all', label: msg({ message: 'All', context: 'history filter' }) },
  { value: 'missed', label: msg({ message: 'Missed', context: 'history filter' }) },
  { value: 'outgoing', label: msg({ message: 'Outgoing', context: 'history filter' }) },
  { value: 'incoming', label: msg({ message: 'Incoming', context: 'history filter' }) },
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

const DAY_FORMAT: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
const DAY_FORMAT_YEAR: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/**
 * "Today", "Yesterday", "Monday 30 November", or with the year when it is not this year: in the active
 * language (a screen recomputes its rows when the language changes).
 */
export function dayLabel(ms: number, now: number): string {
  const today = dayStart(now);
  const day = dayStart(ms);
  if (day === today) return t({ message: 'Today', context: 'history day' });
  // Via the calendar, not 24 h, so a daylight-saving change cannot shift "Yesterday".
  const yesterday = new Date(today);
  yesterday.setDate(yesterday.getDate() - 1);
  if (day === yesterday.getTime()) return t({ message: 'Yesterday', context: 'history day' });
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return i18n.date(new Date(ms), sameYear ? DAY_FORMAT : DAY_FORMAT_YEAR);
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

const OUTCOME_TEXT: Record<Exclude<CallOutcome, 'answered' | 'missed'>, MessageDescriptor> = {
  declined: msg({ message: 'Declined', context: 'call outcome' }),
  cancelled: msg({ message: 'Cancelled', context: 'call outcome' }),
  busy: msg({ message: 'Busy', context: 'call outcome' }),
  'no-answer': msg({ message: 'No answer', context: 'call outcome' }),
  unavailable: msg({ message: 'Unavailable', context: 'call outcome' }),
  'answered-elsewhere': msg({ message: 'Answered elsewhere', context: 'call outcome' }),
  failed: msg({ message: 'Failed', context: 'call outcome' }),
};

/** "Incoming video call", "Outgoing audio call": whole phrases, since word order differs by language. */
function callHead(entry: CallLogEntry): string {
  const video = entry.media === 'video';
  if (entry.outcome === 'missed') return video ? t`Missed video call` : t`Missed audio call`;
  if (entry.direction === 'incoming') return video ? t`Incoming video call` : t`Incoming audio call`;
  return video ? t`Outgoing video call` : t`Outgoing audio call`;
}

/**
 * "Incoming video call · 02:05", "Missed audio call", "Outgoing audio call · Busy (486)", "Webcall room ·
 * No-show": in the active language, the talk time in its digits.
 */
export function entrySummary(entry: CallLogEntry): string {
  if (entry.kind === 'webcall') {
    if (entry.answeredAt === null) return t`Webcall room · No-show`;
    const duration = formatDuration(entry.durationMs);
    return t`Webcall room · ${duration}`;
  }
  const head = callHead(entry);
  if (entry.outcome === 'missed') return head;
  if (entry.outcome === 'answered') {
    const duration = formatDuration(entry.durationMs);
    return t({ message: `${head} · ${duration}`, comment: 'a call and its talk time' });
  }
  const outcome = i18n._(OUTCOME_TEXT[entry.outcome]);
  const status = entry.sipStatus;
  const detail =
    status !== null && status >= 300
      ? t({ message: `${outcome} (${status})`, comment: 'why a call failed and its SIP status code' })
      : outcome;
  return t({ message: `${head} · ${detail}`, comment: 'a call and how it ended' });
}

/** What to dial to call back (the SIP user when it is on our domain, else the full URI). */
export function callBackTarget(entry: CallLogEntry): string {
  return entry.remoteUser || entry.remoteUri;
}
