/** CRM lookup: fills the contact form for the current caller (or lead) from the phonebook. */
import { respond, text, type ServerScript } from './types';

export const crmLookup: ServerScript = ({ context, lead, store }) => {
  const number = context.call?.remote || lead?.phone || '';
  const entry = number ? store.lookupNumber(number) : undefined;
  if (!entry) {
    return respond({
      formData: { phone: number, name: lead?.name ?? '', company: lead?.company ?? '' },
      formSchema: [{ name: 'notes', defaultValue: 'No phonebook entry for this number yet.' }],
    });
  }
  return respond({
    formData: {
      phone: entry.number,
      name: entry.name,
      company: entry.company,
      email: entry.email,
      notes: entry.notes,
    },
  });
};

/** Saves the contact form back to the phonebook. */
export const crmSave: ServerScript = ({ data, store }) => {
  const number = text(data.phone).replace(/[^\d+*#]/g, '');
  if (!number) return respond();
  store.upsertPhonebook({
    number,
    name: text(data.name) || number,
    company: text(data.company),
    email: text(data.email),
    notes: text(data.notes),
  });
  return respond();
};
