/**
 * Local contacts and the company directory in one list without duplicates: a directory entry that
 * shares an E.164 number or a SIP user with a local contact is shown once, as the local contact
 * (the user's own name for that person wins), marked as also in the directory.
 */
import { personFromContact, sipUserOf, type Contact, type ContactPhone, type Person } from './model';

/** The parts of a directory entry the merge reads (src/api's DirectoryEntry has this shape). */
export interface DirectoryRecord {
  id: string;
  name: string;
  organization: string;
  phones: readonly ContactPhone[];
  sipUser: string | null;
  email: string;
  notes: string;
}

export function personFromDirectory(entry: DirectoryRecord): Person {
  return {
    key: `dir:${entry.id}`,
    source: 'directory',
    id: entry.id,
    name: entry.name,
    organization: entry.organization,
    phones: entry.phones,
    sip: entry.sipUser ?? '',
    email: entry.email,
    notes: entry.notes,
    favorite: false,
    channels: [],
  };
}

function identitiesOf(phones: readonly ContactPhone[], sip: string): string[] {
  const ids = phones.map((p) => p.number);
  const user = sipUserOf(sip);
  return user ? [...ids, `sip:${user}`] : ids;
}

export function mergePeople(local: readonly Contact[], directory: readonly DirectoryRecord[]): Person[] {
  const owner = new Map<string, number>();
  local.forEach((c, i) => {
    for (const id of identitiesOf(c.phones, c.sip)) if (!owner.has(id)) owner.set(id, i);
  });
  const covered = new Set<number>();
  const people: Person[] = [];
  for (const entry of directory) {
    const match = identitiesOf(entry.phones, entry.sipUser ?? '')
      .map((id) => owner.get(id))
      .find((i) => i !== undefined);
    if (match === undefined) people.push(personFromDirectory(entry));
    else covered.add(match);
  }
  local.forEach((c, i) => {
    people.push(covered.has(i) ? { ...personFromContact(c), alsoInDirectory: true } : personFromContact(c));
  });
  return people;
}
