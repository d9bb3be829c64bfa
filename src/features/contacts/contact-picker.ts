/**
 * The Contact Picker API (`navigator.contacts.select`, Chrome on Android): feature-detected, and
 * its answer turned into a vCard so it goes through the same validated import as a file.
 */
import { t } from '@lingui/core/macro';
import { serializeVcards, type ContactDraft } from '../../lib/contacts/vcard';

interface PickedContact {
  name?: string[];
  tel?: string[];
  email?: string[];
}
interface ContactsManager {
  select(properties: string[], options: { multiple: boolean }): Promise<PickedContact[]>;
}

function manager(): ContactsManager | null {
  const nav = navigator as Navigator & { contacts?: ContactsManager };
  return typeof nav.contacts?.select === 'function' ? nav.contacts : null;
}

export function supportsContactPicker(): boolean {
  return typeof navigator !== 'undefined' && manager() !== null;
}

/** The chosen contacts as a vCard file, or null when the user chose none. */
export async function pickFromDevice(): Promise<string | null> {
  const picked = (await manager()?.select(['name', 'tel', 'email'], { multiple: true })) ?? [];
  const drafts: ContactDraft[] = picked.map((p) => ({
    name: p.name?.[0] ?? p.tel?.[0] ?? t({ message: 'Unnamed', context: 'contact with no name' }),
    organization: '',
    phones: [],
    sip: '',
    email: p.email?.[0] ?? '',
    notes: '',
    favorite: false,
    channels: [],
  }));
  if (!drafts.length) return null;
  // Numbers go in as typed text so the import parses them in the user's region, like any vCard.
  const cards = serializeVcards(drafts, '3.0').split('END:VCARD\r\n');
  return picked
    .map(
      (p, i) =>
        (cards[i] ?? '') +
        (p.tel ?? []).map((t) => `TEL:${t.replace(/[\r\n]/g, '')}\r\n`).join('') +
        'END:VCARD\r\n',
    )
    .join('');
}
