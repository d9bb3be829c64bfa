/**
 * The demo company directory: every SIP account under its display name, plus a few hundred outside
 * contacts generated deterministically (same names and numbers on every machine and every start).
 * Numbers come from the ranges Ofcom reserves for drama (+44 20 7946 0xxx, +44 161 496 0xxx, +44 113 496 0xxx), so the demo never rings a real person.
 */
import type { DirectoryInput, DirectoryStore } from '../directory/store';

export const DEMO_EXTERNAL_CONTACTS = 300;

const FIRST = [
  'Amelia',
  'Oliver',
  'Isla',
  'George',
  'Ava',
  'Noah',
  'Mia',
  'Arthur',
  'Grace',
  'Leo',
  'Freya',
  'Oscar',
  'Lily',
  'Harry',
  'Ivy',
  'Jack',
  'Rosie',
  'Theo',
  'Elsie',
  'Finley',
  'Priya',
  'Mohammed',
  'Zara',
  'Kwame',
  'Sofia',
  'Mateo',
  'Aoife',
  'Lars',
  'Chloé',
  'Jürgen',
  'Nia',
  'Tomás',
];
const LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  "O'Brien",
  'Khan',
  'Nguyen',
  'García',
  'Müller',
  'Okafor',
  'Kowalski',
  'Murphy',
  'Singh',
  'Hughes',
];
const ORGS = [
  'Acme Analytics',
  'Brightside Energy',
  'Cobalt Couriers',
  'Dune Dental',
  'Evergreen Estates',
  'Fern & Fox Florists',
  'Granite Insurance',
  'Harbour Hotels',
  'Iris Opticians',
  'Juniper Legal',
  'Kestrel Motors',
  'Lumen Lighting',
  'Marlow Media',
  'Northwind Traders',
  'Orchid Travel',
  '',
];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The i-th generated outside contact (0-based); entry 123 is +44 20 7946 0123. */
export function demoExternalContact(i: number): DirectoryInput {
  const first = FIRST[(i * 7) % FIRST.length]!;
  const last = LAST[(i * 11 + Math.floor(i / FIRST.length)) % LAST.length]!;
  const organization = ORGS[(i * 5) % ORGS.length]!;
  const phones = [{ label: 'work', number: `+4420794${pad(60000 + i, 5)}` }];
  if (i % 3 === 0) phones.push({ label: 'home', number: `+44161496${pad(i, 4)}` });
  if (i % 10 === 4) phones.push({ label: 'office', number: `+44113496${pad(i, 4)}` });
  const domain = organization ? organization.toLowerCase().replace(/[^a-z]+/g, '') : 'mail';
  return {
    id: `ext:${pad(i, 4)}`,
    name: `${first} ${last}`,
    organization,
    phones,
    sipUser: null,
    email:
      `${first}.${last}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z.]/g, '') + `@${domain}.example`,
    notes: '',
  };
}

export function seedDirectory(
  directory: DirectoryStore,
  accounts: ReadonlyArray<{ username: string; displayName: string }>,
  externals = DEMO_EXTERNAL_CONTACTS,
): void {
  for (const a of accounts) directory.upsertAccount(a.username, a.displayName);
  for (let i = 0; i < externals; i++) directory.upsert(demoExternalContact(i));
}
