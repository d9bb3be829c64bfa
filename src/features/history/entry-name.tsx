import { t } from '@lingui/core/macro';
import type { CallLogEntry } from '../../storage/call-log-schema';
import { useCallerName } from '../../stores/caller-name-instance';

type NamedEntry = Pick<CallLogEntry, 'remoteDisplayName' | 'remoteUser' | 'remoteUri' | 'room'>;

/** The name the call itself carried, else the number (no contacts: search and plain-text uses). */
export function entryDisplayName(entry: NamedEntry): string {
  // A room whose customer gave neither name nor phone: its `webcall:` URI means nothing to a person.
  const fallback = entry.room ? t`Webcall customer` : entry.remoteUri;
  return entry.remoteDisplayName?.trim() || entry.remoteUser || fallback;
}

/** The one place a History row gets its name: the contact's or directory's name when one matches. */
export function useEntryName(entry: NamedEntry): string {
  const { name } = useCallerName({
    remoteUser: entry.remoteUser,
    remoteUri: entry.remoteUri,
    remoteDisplayName: entry.remoteDisplayName,
  });
  return name || entryDisplayName(entry);
}

export function EntryName({ entry }: { entry: NamedEntry }) {
  return <>{useEntryName(entry)}</>;
}
