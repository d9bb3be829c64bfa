/** Campaign scripts: disposition, call the alternate number, escalate. */
import { LEAD_OUTCOMES, type LeadOutcome } from '../../../src/api/schemas';
import { action, respond, ScriptError, text, type ServerScript } from './types';

const isOutcome = (value: string): value is LeadOutcome =>
  (LEAD_OUTCOMES as readonly string[]).includes(value);

/** Disposition form submit: saves the outcome of the current lead and hands out the next one. */
export const disposition: ServerScript = ({ data, store, campaignId, user }) => {
  const outcome = text(data.outcome);
  if (!isOutcome(outcome)) throw new ScriptError('Choose an outcome: Yes, No or Unknown.');
  if (!campaignId) throw new ScriptError('No campaign is configured.');
  const notes = [text(data.notes), data.callback ? `Callback: ${text(data.callback_date)}` : '']
    .filter(Boolean)
    .join('\n');
  const saved = store.saveOutcome(campaignId, user.username, outcome, notes);
  if (!saved) throw new ScriptError('You have no lead to save an outcome for.');
  return respond({ action: action('next') });
};

/** "Call alternate" button: prefills the confirmation form with the lead's alternate number. */
export const callAltPrefill: ServerScript = ({ lead }) => {
  if (!lead) throw new ScriptError('You have no lead.');
  return respond({
    formData: { lead_name: lead.name, alt_phone: lead.alt_phone, reason: 'no-answer' },
  });
};

/** Confirmation form submit: stores a corrected alternate number, then dials it. */
export const callAlternate: ServerScript = ({ data, lead, store }) => {
  if (!lead) throw new ScriptError('You have no lead.');
  const alt = text(data.alt_phone);
  if (!/^[+\d*#][\d\s*#-]{1,31}$/.test(alt)) throw new ScriptError('Enter a valid alternate number.');
  if (alt !== lead.alt_phone) store.updateLeadAltPhone(lead.id, alt);
  return respond({ action: action('makeCall', 'alt_phone') });
};

export const ESCALATION_URL = 'https://helpdesk.example.com/escalations/new';

/** Escalate: opens the helpdesk on a new ticket for this lead, in a new tab. */
export const escalate: ServerScript = ({ lead, user }) => {
  const url = new URL(ESCALATION_URL);
  url.searchParams.set('agent', user.username);
  if (lead) url.searchParams.set('lead', String(lead.id));
  return respond({ action: action('redirect', url.toString(), 'true', '_blank') });
};
