/**
 * The agent workspace demo: buttons, forms and custom pages (re-applied at every start, like
 * configuration), a phonebook for the CRM lookup, and a preview-dialer campaign whose leads ring
 * the demo accounts (seeded once; the demo campaign starts over when every lead is worked).
 */
import type { AgentButton } from '../../src/api/schemas';
import type { AgentStore, NewLead, PhonebookEntry, StoredForm } from '../agent/store';

export const DEMO_CAMPAIGN = { id: 'spring-renewals', name: 'Spring renewals' } as const;

type ButtonSeed = Required<{ [K in keyof AgentButton]: AgentButton[K] }>;

const button = (b: Partial<ButtonSeed> & Pick<ButtonSeed, 'id' | 'label' | 'sort_order'>): ButtonSeed => ({
  icon: null,
  tooltip: null,
  type: 'secondary',
  placement: 'agent',
  sandbox_id: null,
  fn: null,
  form_id: null,
  min_select: null,
  max_select: null,
  ...b,
});

export const DEMO_BUTTONS: readonly ButtonSeed[] = [
  button({
    id: 'crm-lookup',
    label: 'CRM lookup',
    icon: 'search',
    tooltip: 'Look up the caller (or lead) in the company phonebook',
    type: 'info',
    sandbox_id: 'crm-lookup',
    form_id: 'crm-contact',
    sort_order: 10,
  }),
  button({
    id: 'call-alt',
    label: 'Call alternate',
    icon: 'phone',
    tooltip: 'Confirm and dial the lead’s alternate number',
    type: 'success',
    sandbox_id: 'call-alt-prefill',
    form_id: 'call-alt',
    sort_order: 20,
  }),
  button({
    id: 'answer',
    label: 'Answer',
    icon: 'phone-incoming',
    type: 'success',
    fn: 'answerCall',
    sort_order: 30,
  }),
  button({
    id: 'toggle-mic',
    label: 'Toggle mic',
    icon: 'mic',
    tooltip: 'Mute or unmute your microphone',
    type: 'secondary',
    fn: 'toggleMic()',
    sort_order: 40,
  }),
  button({
    id: 'end-call',
    label: 'End call',
    icon: 'phone-off',
    type: 'danger',
    fn: 'endCall',
    sort_order: 50,
  }),
  button({
    id: 'disposition',
    label: 'Disposition',
    icon: 'check',
    tooltip: 'Record the outcome and move to the next lead',
    type: 'primary',
    // form_id wins over openForm in fn (ConnexCS precedence); fn is kept to show it.
    fn: "openForm('Call script')",
    form_id: 'disposition',
    sort_order: 60,
  }),
  button({
    id: 'qualify',
    label: 'Qualify lead',
    icon: 'star',
    tooltip: 'Qualification questions, prefilled by the server',
    type: 'warning',
    sandbox_id: 'qualify-patch',
    form_id: 'qualify',
    sort_order: 70,
  }),
  button({
    id: 'escalate',
    label: 'Escalate',
    icon: 'arrow-up',
    tooltip: 'Open a helpdesk ticket for this lead in a new tab',
    type: 'danger',
    sandbox_id: 'escalate',
    sort_order: 80,
  }),
  button({
    id: 'call-script',
    label: 'Call script',
    icon: 'doc',
    fn: 'openForm("call script")',
    sort_order: 90,
  }),
  button({ id: 'price-list', label: 'Price list', icon: 'doc', fn: 'OPENFORM(Price list)', sort_order: 100 }),
];

const NUMBER_REGEX = '^[+\\d*#][\\d\\s*#-]{1,31}$';

export const DEMO_FORMS: readonly StoredForm[] = [
  {
    id: 'crm-contact',
    name: 'CRM contact',
    description: 'The phonebook entry for this number.',
    submit_label: 'Save contact',
    sandbox_id: 'crm-save',
    fields: [
      { type: 'text', name: 'name', label: 'Name', required: true, width: 6 },
      { type: 'text', name: 'company', label: 'Company', width: 6 },
      { type: 'tel', name: 'phone', label: 'Phone', required: true, validation: 'phone', width: 6 },
      { type: 'email', name: 'email', label: 'E-mail', validation: 'email', width: 6 },
      { type: 'textarea', name: 'notes', label: 'Notes' },
    ],
  },
  {
    id: 'call-alt',
    name: 'Call alternate number',
    description: 'Check the number with the lead before dialling.',
    submit_label: 'Call',
    sandbox_id: 'call-alternate',
    fields: [
      { type: 'text', name: 'lead_name', label: 'Lead', disabled: true, width: 6 },
      {
        type: 'tel',
        name: 'alt_phone',
        label: 'Alternate number',
        required: true,
        regex: NUMBER_REGEX,
        regexMessage: 'Digits, spaces, + * # and - only.',
        width: 6,
      },
      {
        type: 'select',
        name: 'reason',
        label: 'Why the alternate number',
        options: [
          { label: 'No answer on main number', value: 'no-answer' },
          { label: 'Main number busy', value: 'busy' },
          { label: 'Lead asked for it', value: 'requested' },
        ],
      },
    ],
  },
  {
    id: 'disposition',
    name: 'Disposition',
    description: 'Saving moves you to the next lead.',
    submit_label: 'Save and next',
    sandbox_id: 'disposition',
    fields: [
      {
        type: 'select',
        name: 'outcome',
        label: 'Outcome',
        required: true,
        width: 6,
        options: [
          { label: 'Yes: renewed', value: 'Yes' },
          { label: 'No: declined', value: 'No' },
          { label: 'Unknown: call back', value: 'Unknown' },
        ],
      },
      { type: 'checkbox', name: 'callback', label: 'Schedule a callback', width: 6 },
      { type: 'textarea', name: 'notes', label: 'Notes', multiline: true },
      { type: 'date', name: 'callback_date', label: 'Callback date', width: 6, collapse: true },
      {
        type: 'number',
        name: 'attempts',
        label: 'Attempts so far',
        validation: 'number',
        width: 6,
        collapse: true,
      },
      { type: 'hidden', name: 'source', defaultValue: 'preview-dialer' },
    ],
  },
  {
    id: 'qualify',
    name: 'Qualify lead',
    description: 'The server prefills this and adds what it needs.',
    submit_label: 'Save and dispose',
    sandbox_id: 'qualify-save',
    collapse: true,
    fields: [
      { type: 'text', name: 'contact', label: 'Contact', width: 6 },
      { type: 'text', name: 'company', label: 'Company', width: 6 },
      { type: 'number', name: 'budget', label: 'Budget', validation: 'number', width: 6 },
      {
        type: 'select',
        name: 'timeline',
        label: 'Timeline',
        width: 6,
        options: [
          { label: 'This month', value: 'month' },
          { label: 'This quarter', value: 'quarter' },
          { label: 'Later', value: 'later' },
        ],
      },
    ],
  },
  {
    id: 'call-script',
    name: 'Call script',
    fields: [],
    html: [
      '<h3>Opening</h3>',
      '<p>Hello, this is <strong>Openline Renewals</strong>. Is now a good time to talk about your plan?</p>',
      '<h3>Checklist</h3>',
      '<ul><li>Confirm the contact’s name and company</li><li>Mention the <em>spring discount</em> (10%)</li>',
      '<li>Offer a callback if they are busy</li></ul>',
      '<p><a href="https://example.com/renewals" target="_blank">Renewal terms</a></p>',
    ].join(''),
  },
  {
    id: 'price-list',
    name: 'Price list',
    fields: [],
    html: [
      '<!-- NO-CONTAINER -->',
      '<table><caption>Spring renewal prices</caption>',
      '<tr><th>Plan</th><th>Monthly</th><th>Yearly</th></tr>',
      '<tr><td>Starter</td><td>€9</td><td>€90</td></tr>',
      '<tr><td>Team</td><td>€29</td><td>€290</td></tr>',
      '<tr><td>Business</td><td>€79</td><td>€790</td></tr></table>',
    ].join('\n'),
  },
];

export const DEMO_PHONEBOOK: readonly PhonebookEntry[] = [
  {
    number: '1001',
    name: 'Ada Agent',
    company: 'Openline',
    email: 'ada@openline.example',
    notes: 'Team lead',
  },
  {
    number: '1002',
    name: 'Ben Baker',
    company: 'Baker & Sons',
    email: 'ben@bakerandsons.example',
    notes: 'Prefers calls before noon.',
  },
  {
    number: '1003',
    name: 'Cleo Cole',
    company: 'Cole Logistics',
    email: 'cleo@cole-logistics.example',
    notes: 'Decision maker for telecoms.',
  },
];

/** Every lead's numbers ring a demo account, so the demo dials real phones. */
export const DEMO_LEADS: readonly NewLead[] = [
  {
    name: 'Cleo Cole',
    company: 'Cole Logistics',
    phone: '1003',
    alt_phone: '1002',
    phone_code: '1003',
    notes: 'Renewal due in May. Front desk (alt) is usually quicker to answer.',
  },
  {
    name: 'Ben Baker',
    company: 'Baker & Sons',
    phone: '1002',
    alt_phone: '1003',
    phone_code: '1002',
    notes: 'Asked about the Team plan last year.',
  },
  {
    name: 'Dana Diaz',
    company: 'Diaz Dental',
    phone: '1003',
    alt_phone: '1002',
    phone_code: '1003',
    notes: 'New practice manager since March.',
  },
  {
    name: 'Eli Evans',
    company: 'Evans Events',
    phone: '1002',
    alt_phone: '1003',
    phone_code: '1002',
    notes: 'Seasonal business: call after 2 pm.',
  },
];

export function seedAgentDemo(store: AgentStore): void {
  for (const b of DEMO_BUTTONS) store.upsertButton(b);
  for (const f of DEMO_FORMS) store.upsertForm(f);
  for (const p of DEMO_PHONEBOOK) store.upsertPhonebook(p);
  store.ensureCampaign(DEMO_CAMPAIGN.id, DEMO_CAMPAIGN.name, true);
  if (store.leadCount(DEMO_CAMPAIGN.id) === 0) store.addLeads(DEMO_CAMPAIGN.id, DEMO_LEADS);
}
