/**
 * vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) import and export through ical.js. Import is all or
 * nothing: one bad card refuses the file with a sentence naming the card and the problem.
 * Openline's own fields travel as extensions other apps ignore: `X-OPENLINE-FAVORITE`,
 * `X-OPENLINE-CHANNEL;TYPE=<channel>` (Webex Connect-style channel identities).
 */
import ICAL from 'ical.js';
import type { CountryCode } from 'libphonenumber-js';
import { CHANNELS, type Channel, type Contact, type ContactPhone } from './model';
import { parseContactNumber } from './numbers';

export type ContactDraft = Omit<Contact, 'id' | 'updatedAt'>;
export type VcardVersion = '3.0' | '4.0';
export type VcardImport = { ok: true; contacts: ContactDraft[] } | { ok: false; error: string };

/** Files above this are refused before parsing (a phone's whole address book is far smaller). */
export const MAX_VCARD_BYTES = 5 * 1024 * 1024;
export const MAX_VCARDS = 10_000;

const LABEL_FROM_TYPE: Record<string, string> = { cell: 'mobile', work: 'work', home: 'home', main: 'main' };
const TYPE_FROM_LABEL: Record<string, string> = { mobile: 'cell', work: 'work', home: 'home', main: 'main' };

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(' ');
  return typeof value === 'string' ? value.trim() : '';
}

function types(prop: Property): string[] {
  const raw = prop.getParameter('type');
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.flatMap((t) => String(t).toLowerCase().split(','));
}

function nameOf(card: Component): string {
  const fn = text(card.getFirstPropertyValue('fn'));
  if (fn) return fn;
  const n = card.getFirstPropertyValue('n');
  if (Array.isArray(n)) {
    const [family, given, middle, prefix, suffix] = n.map(text);
    return [prefix, given, middle, family, suffix].filter(Boolean).join(' ');
  }
  return text(n);
}

function sipOf(card: Component): string {
  for (const name of ['impp', 'x-sip']) {
    for (const prop of card.getAllProperties(name)) {
      const value = text(prop.getFirstValue());
      if (name === 'x-sip' || /^sips?:/i.test(value)) return value.replace(/^sips?:/i, '');
    }
  }
  return '';
}

function readCard(card: Component, index: number, region?: CountryCode): ContactDraft | string {
  const name = nameOf(card);
  const label = `Card ${index + 1}${name ? ` (${name})` : ''}`;
  if (!name) return `${label} has no name (FN or N).`;
  if (name.length > 120) return `${label}: the name is longer than 120 characters.`;
  const phones: ContactPhone[] = [];
  for (const prop of card.getAllProperties('tel')) {
    const raw = text(prop.getFirstValue()).replace(/^tel:/i, '');
    if (!raw) continue;
    const parsed = parseContactNumber(raw, region);
    if (!parsed.ok) return `${label}: ${parsed.error}`;
    const type = types(prop).find((t) => t in LABEL_FROM_TYPE);
    if (!phones.some((p) => p.number === parsed.value)) {
      phones.push({ label: type ? LABEL_FROM_TYPE[type]! : 'other', number: parsed.value });
    }
  }
  if (phones.length > 10) return `${label} has more than 10 phone numbers.`;
  const channels = card.getAllProperties('x-openline-channel').flatMap((prop) => {
    const channel = types(prop).find((t): t is Channel => (CHANNELS as readonly string[]).includes(t));
    const id = text(prop.getFirstValue());
    return channel && id ? [{ channel, id }] : [];
  });
  const org = card.getFirstPropertyValue('org');
  return {
    name,
    organization: (Array.isArray(org) ? text(org[0]) : text(org)).slice(0, 120),
    phones,
    sip: sipOf(card).slice(0, 200),
    email: text(card.getFirstPropertyValue('email')).slice(0, 200),
    notes: text(card.getFirstPropertyValue('note')).slice(0, 4000),
    favorite: text(card.getFirstPropertyValue('x-openline-favorite')) === '1',
    channels: channels.slice(0, 10),
  };
}

/** Every card of a .vcf file, or why the file cannot be imported. */
export function parseVcards(input: string, region?: CountryCode): VcardImport {
  if (input.length > MAX_VCARD_BYTES) return { ok: false, error: 'The file is larger than 5 MB.' };
  if (!/^\s*BEGIN:VCARD/i.test(input)) {
    return { ok: false, error: 'This is not a vCard file (it does not start with BEGIN:VCARD).' };
  }
  let parsed: unknown;
  try {
    parsed = ICAL.parse(input);
  } catch (e) {
    return { ok: false, error: `The vCard file is damaged: ${e instanceof Error ? e.message : String(e)}.` };
  }
  const list = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  const cards = list.map(
    (jcard) => new ICAL.Component(jcard as ConstructorParameters<typeof ICAL.Component>[0]),
  );
  if (cards.some((c) => c.name !== 'vcard'))
    return { ok: false, error: 'The file holds something other than vCards.' };
  if (cards.length > MAX_VCARDS) return { ok: false, error: `The file holds more than ${MAX_VCARDS} cards.` };
  const contacts: ContactDraft[] = [];
  for (const [i, card] of cards.entries()) {
    const read = readCard(card, i, region);
    if (typeof read === 'string') return { ok: false, error: `${read} Nothing was imported.` };
    contacts.push(read);
  }
  return { ok: true, contacts };
}

function writeCard(contact: ContactDraft, version: VcardVersion): string {
  const card = new ICAL.Component('vcard');
  card.addPropertyWithValue('version', version);
  card.addPropertyWithValue('fn', contact.name);
  const words = contact.name.split(/\s+/);
  const family = words.length > 1 ? words.pop()! : '';
  const n = new ICAL.Property('n');
  n.setValue([family, words.join(' '), '', '', ''] as unknown as string);
  card.addProperty(n);
  if (contact.organization) {
    // ORG is structured (organisation;unit…): one component, so its own ';' and ',' are escaped.
    const org = new ICAL.Property('org');
    org.setValue([contact.organization] as unknown as string);
    card.addProperty(org);
  }
  for (const phone of contact.phones) {
    const tel = new ICAL.Property('tel');
    if (version === '4.0' && phone.number.startsWith('+')) {
      tel.resetType('uri');
      tel.setValue(`tel:${phone.number}`);
    } else {
      tel.setValue(phone.number);
    }
    tel.setParameter('type', [TYPE_FROM_LABEL[phone.label] ?? 'voice']);
    card.addProperty(tel);
  }
  if (contact.sip) card.addPropertyWithValue('impp', `sip:${contact.sip}`);
  if (contact.email) card.addPropertyWithValue('email', contact.email);
  if (contact.notes) card.addPropertyWithValue('note', contact.notes);
  if (contact.favorite) card.addPropertyWithValue('x-openline-favorite', '1');
  for (const { channel, id } of contact.channels) {
    card.addPropertyWithValue('x-openline-channel', id).setParameter('type', channel);
  }
  return card.toString();
}

/** A .vcf file of these contacts (CRLF line endings, as both RFCs require). */
export function serializeVcards(contacts: readonly ContactDraft[], version: VcardVersion = '4.0'): string {
  return contacts.map((c) => `${writeCard(c, version)}\r\n`).join('');
}
