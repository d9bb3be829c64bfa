/**
 * Who is calling, as a name: the user's own contact for that number or SIP user, else the company
 * directory (which carries each SIP account's display name), else the name the caller sent, else
 * the number. Used by the call screens and notifications; History and Voicemail rows can use it too.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { ContactIndex } from '../lib/contacts/search-index';

export interface RemoteParty {
  /** The user part of the remote URI (number, extension or SIP user). */
  remoteUser: string;
  remoteUri?: string;
  /** The display name the caller's From header carried, if any. */
  remoteDisplayName?: string | null;
}

export interface CallerName {
  name: string;
  /** Where the name came from. */
  source: 'contact' | 'directory' | 'caller' | 'number';
  /** The matching person's key (for "open contact"), when there is one. */
  personKey: string | null;
}

export function resolveCallerName(
  index: Pick<ContactIndex, 'lookup'>,
  party: RemoteParty,
  region?: CountryCode,
): CallerName {
  const person =
    (party.remoteUser ? index.lookup(party.remoteUser, region) : undefined) ??
    (party.remoteUri ? index.lookup(party.remoteUri, region) : undefined);
  if (person) {
    return {
      name: person.name,
      source: person.source === 'local' ? 'contact' : 'directory',
      personKey: person.key,
    };
  }
  const sent = party.remoteDisplayName?.trim();
  if (sent) return { name: sent, source: 'caller', personKey: null };
  return { name: party.remoteUser || party.remoteUri || 'Unknown', source: 'number', personKey: null };
}
