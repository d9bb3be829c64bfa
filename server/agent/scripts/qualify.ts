/**
 * The form-patching demo: before the qualification form opens, the script prefills it from the
 * lead, makes the budget required, and appends a follow-up e-mail field the stored form lacks.
 */
import { action, respond, type ServerScript } from './types';

export const qualifyPatch: ServerScript = ({ lead }) =>
  respond({
    formSchema: [
      { name: 'company', defaultValue: lead?.company ?? '' },
      { name: 'budget', required: true, label: 'Budget (required for qualified leads)' },
      {
        type: 'email',
        name: 'followup_email',
        label: 'Follow-up e-mail',
        required: true,
        validation: 'email',
        width: 6,
      },
    ],
    formData: { contact: lead?.name ?? '' },
  });

/** Qualification submit: chains into the disposition form. */
export const qualifySave: ServerScript = () => respond({ action: action('openForm', 'Disposition') });
