/**
 * The contact form: what the user typed (kept as typed, so nothing is lost on an error) and its
 * validation into a contact draft, with one specific message per field.
 */
import type { CountryCode } from 'libphonenumber-js';
import { CHANNELS, MAX_CHANNELS, MAX_PHONES, type Channel, type Person } from './model';
import { formatNumber, parseContactNumber } from './numbers';
import type { ContactDraft } from './vcard';

export interface ContactFormValues {
  name: string;
  organization: string;
  phones: Array<{ label: string; number: string }>;
  sip: string;
  email: string;
  notes: string;
  favorite: boolean;
  channels: Array<{ channel: Channel; id: string }>;
}

/** Field path (`name`, `phones.1`, `channels.0`…) → message. */
export type ContactFormErrors = Record<string, string>;

export type ContactFormResult = { ok: true; draft: ContactDraft } | { ok: false; errors: ContactFormErrors };

export const EMPTY_CONTACT_FORM: ContactFormValues = {
  name: '',
  organization: '',
  phones: [{ label: 'mobile', number: '' }],
  sip: '',
  email: '',
  notes: '',
  favorite: false,
  channels: [],
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SIP = /^(?:sips?:)?[^\s@:;<>"]+(?:@[a-z0-9.-]+(?::\d{1,5})?)?$/i;

export function formFromPerson(person: Person, region?: CountryCode): ContactFormValues {
  return {
    name: person.name,
    organization: person.organization,
    phones: person.phones.length
      ? person.phones.map((p) => ({ label: p.label, number: formatNumber(p.number, region) }))
      : [{ label: 'mobile', number: '' }],
    sip: person.sip,
    email: person.email,
    notes: person.notes,
    favorite: person.favorite,
    channels: person.channels.map((c) => ({ ...c })),
  };
}

export function validateContactForm(values: ContactFormValues, region?: CountryCode): ContactFormResult {
  const errors: ContactFormErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Enter a name.';
  else if (name.length > 120) errors.name = 'Use at most 120 characters.';
  if (values.organization.trim().length > 120) errors.organization = 'Use at most 120 characters.';

  const phones: ContactDraft['phones'] = [];
  const typed = values.phones.filter((p) => p.number.trim() !== '');
  if (typed.length > MAX_PHONES) errors.phones = `Use at most ${MAX_PHONES} numbers.`;
  values.phones.forEach((phone, i) => {
    if (!phone.number.trim()) return;
    const parsed = parseContactNumber(phone.number, region);
    if (!parsed.ok) errors[`phones.${i}`] = parsed.error;
    else if (phones.some((p) => p.number === parsed.value))
      errors[`phones.${i}`] = 'This number is already listed.';
    else phones.push({ label: phone.label.trim().slice(0, 40) || 'other', number: parsed.value });
  });

  const sip = values.sip.trim().replace(/^sips?:/i, '');
  if (sip && (!SIP.test(sip) || sip.length > 200))
    errors.sip = 'Use a SIP address like 1002 or ada@example.com.';
  const email = values.email.trim();
  if (email && (!EMAIL.test(email) || email.length > 200))
    errors.email = 'Use an e-mail address like ada@example.com.';
  if (values.notes.length > 4000) errors.notes = 'Use at most 4000 characters.';

  const channels: ContactDraft['channels'] = [];
  if (values.channels.length > MAX_CHANNELS)
    errors.channels = `Use at most ${MAX_CHANNELS} channel identities.`;
  values.channels.forEach((c, i) => {
    const id = c.id.trim();
    if (!(CHANNELS as readonly string[]).includes(c.channel)) errors[`channels.${i}`] = 'Choose a channel.';
    else if (!id) errors[`channels.${i}`] = `Enter the ${c.channel} id, or remove this row.`;
    else if (id.length > 100) errors[`channels.${i}`] = 'Use at most 100 characters.';
    else if (c.channel !== 'messenger' && !/^\+?\d{4,15}$/.test(id.replace(/[\s\-()]/g, ''))) {
      errors[`channels.${i}`] = `A ${c.channel} id is the number in international form, e.g. 447911123456.`;
    } else {
      channels.push({ channel: c.channel, id: c.channel === 'messenger' ? id : id.replace(/\D/g, '') });
    }
  });

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    draft: {
      name,
      organization: values.organization.trim(),
      phones,
      sip,
      email,
      notes: values.notes,
      favorite: values.favorite,
      channels,
    },
  };
}
