import type { CallLogEntry } from '../../storage/call-log-schema';
import { useCallerName } from '../../stores/caller-name-instance';

type NamedEntry = Pick<CallLogEntry, 'remoteDisplayName' | 'remoteUser' | 'remoteUri'>;

/** The name the call itself carried, else the number (no contacts: search and plain-text uses). */
export function entryDisplayName(entry: NamedEntry): string {
  return entry.remoteDisplayName?.trim() || entry.remoteUser || entry.remoteUri;
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
