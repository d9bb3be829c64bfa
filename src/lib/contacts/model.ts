/**
 * A local contact (the user's own address book, kept per account in IndexedDB). Phone numbers are
 * stored in E.164 (or as a short extension), shown in the user's national format. Channel
 * identities follow Webex Connect's contact model: a customer is keyed by channel + channel id.
 */
import { z } from 'zod';

export const CHANNELS = ['whatsapp', 'sms', 'viber', 'messenger'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PHONE_LABELS = ['mobile', 'work', 'home', 'main', 'other'] as const;

export const MAX_PHONES = 10;
export const MAX_CHANNELS = 10;

export const ContactPhone = z.object({
  label: z.string().max(40),
  /** E.164 (`+442079460123`) or a 2–6 digit extension. */
  number: z.string().regex(/^(\+[1-9]\d{1,14}|[0-9*#]{2,6})$/, 'Not an E.164 number or extension.'),
});
export type ContactPhone = z.infer<typeof ContactPhone>;

export const ChannelIdentity = z.object({
  channel: z.enum(CHANNELS),
  /** The id on that channel: digits for WhatsApp/SMS/Viber, a page-scoped id for Messenger. */
  id: z.string().min(1).max(100),
});
export type ChannelIdentity = z.infer<typeof ChannelIdentity>;

export const Contact = z.object({
  id: z.string().min(1).max(80),
  name: z.string().min(1).max(120),
  organization: z.string().max(120),
  phones: z.array(ContactPhone).max(MAX_PHONES),
  /** A SIP address (`user@host`) or a bare SIP user on the user's own domain (`1002`); '' for none. */
  sip: z.string().max(200),
  email: z.string().max(200),
  notes: z.string().max(4000),
  favorite: z.boolean(),
  channels: z.array(ChannelIdentity).max(MAX_CHANNELS),
  /** Epoch ms. */
  updatedAt: z.number().int().nonnegative(),
});
export type Contact = z.infer<typeof Contact>;

/** A contact as listed: a local one, or a read-only entry of the company directory. */
export interface Person {
  /** `local:<id>` or `dir:<id>`: unique across both sources. */
  key: string;
  source: 'local' | 'directory';
  id: string;
  name: string;
  organization: string;
  phones: readonly ContactPhone[];
  /** SIP user or address, '' for none. */
  sip: string;
  email: string;
  notes: string;
  favorite: boolean;
  channels: readonly ChannelIdentity[];
  /** A local contact that the directory also knows (same number or SIP user). */
  alsoInDirectory?: boolean;
}

export function personFromContact(contact: Contact): Person {
  return { ...contact, key: `local:${contact.id}`, source: 'local' };
}

/** The user part of a SIP address (`sip:1002@host` → `1002`), lower-cased; '' for none. */
export function sipUserOf(sip: string): string {
  const bare = sip.trim().replace(/^sips?:/i, '');
  const user = bare.split('@')[0] ?? '';
  return user.split(';')[0]!.toLowerCase();
}
