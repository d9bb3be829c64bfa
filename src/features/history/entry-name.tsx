import type { CallLogEntry } from '../../storage/call-log-schema';

/**
 * The one place a History row gets its name. Today: the display name the call carried, else the
 * number. Contact-name resolution plugs in here (one function, one component).
 */
export function entryDisplayName(
  entry: Pick<CallLogEntry, 'remoteDisplayName' | 'remoteUser' | 'remoteUri'>,
): string {
  return entry.remoteDisplayName?.trim() || entry.remoteUser || entry.remoteUri;
}

export function EntryName({ entry }: { entry: CallLogEntry }) {
  return <>{entryDisplayName(entry)}</>;
}
