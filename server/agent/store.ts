/**
 * The agent workspace's tables: server-driven buttons and forms, the CRM view of the directory, and the
 * preview-dialer campaign. Plain SQL over better-sqlite3; rows come out in the wire shapes of
 * src/api/schemas.ts.
 */
import {
  AgentFormField,
  type AgentButton,
  type AgentForm,
  type CampaignView,
  type Lead,
  type LeadOutcome,
} from '../../src/api/schemas';
import type { Db } from '../db';
import { compactNumber, DirectoryStore } from '../directory/store';

export interface PhonebookEntry {
  number: string;
  name: string;
  company: string;
  email: string;
  notes: string;
}

export interface StoredForm extends Omit<AgentForm, 'fields'> {
  fields: AgentFormField[];
}

export type NewLead = Omit<Lead, 'id' | 'status' | 'outcome'>;

interface ButtonRow {
  id: string;
  label: string;
  icon: string | null;
  tooltip: string | null;
  type: string | null;
  placement: string;
  sandbox_id: string | null;
  fn: string | null;
  form_id: string | null;
  sort_order: number;
  min_select: number | null;
  max_select: number | null;
}

export interface FormRow {
  id: string;
  name: string;
  description: string | null;
  fields_json: string;
  submit_label: string | null;
  sandbox_id: string | null;
  html: string | null;
  collapse: number;
}

const LEAD_COLUMNS = 'id, name, company, phone, alt_phone, phone_code, notes, status, outcome';
/** The wire fields only: who last edited a definition (migration 16) stays on the server. */
const BUTTON_COLUMNS =
  'id, label, icon, tooltip, type, placement, sandbox_id, fn, form_id, sort_order, min_select, max_select';
const FORM_COLUMNS = 'id, name, description, fields_json, submit_label, sandbox_id, html, collapse';

export function toForm(row: FormRow): StoredForm {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.fields_json);
  } catch {
    parsed = [];
  }
  const fields = Array.isArray(parsed)
    ? parsed.flatMap((f) => {
        const ok = AgentFormField.safeParse(f);
        return ok.success ? [ok.data] : [];
      })
    : [];
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    fields,
    submit_label: row.submit_label,
    sandbox_id: row.sandbox_id,
    html: row.html,
    collapse: row.collapse === 1,
  };
}

export class AgentStore {
  /** The directory the CRM scripts read and write. */
  readonly directory: DirectoryStore;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    directory?: DirectoryStore,
  ) {
    this.directory = directory ?? new DirectoryStore(db, now);
  }

  // Buttons ----------------------------------------------------------------------------------

  listButtons(placement: string): AgentButton[] {
    return this.db
      .prepare(`SELECT ${BUTTON_COLUMNS} FROM agent_buttons WHERE placement = ? ORDER BY sort_order, label`)
      .all(placement) as ButtonRow[];
  }

  getButton(id: string): AgentButton | undefined {
    return this.db.prepare(`SELECT ${BUTTON_COLUMNS} FROM agent_buttons WHERE id = ?`).get(id) as
      ButtonRow | undefined;
  }

  upsertButton(button: Required<{ [K in keyof AgentButton]: AgentButton[K] }>): void {
    this.db
      .prepare(
        `INSERT INTO agent_buttons (id, label, icon, tooltip, type, placement, sandbox_id, fn, form_id,
           sort_order, min_select, max_select)
         VALUES (@id, @label, @icon, @tooltip, @type, @placement, @sandbox_id, @fn, @form_id,
           @sort_order, @min_select, @max_select)
         ON CONFLICT(id) DO UPDATE SET label = excluded.label, icon = excluded.icon,
           tooltip = excluded.tooltip, type = excluded.type, placement = excluded.placement,
           sandbox_id = excluded.sandbox_id, fn = excluded.fn, form_id = excluded.form_id,
           sort_order = excluded.sort_order, min_select = excluded.min_select,
           max_select = excluded.max_select`,
      )
      .run({ ...button, placement: button.placement ?? 'agent', sort_order: button.sort_order ?? 0 });
  }

  // Forms ------------------------------------------------------------------------------------

  /** By id, else by name (case-insensitive): `openForm('Feedback Form')` names forms. */
  getForm(ref: string): StoredForm | undefined {
    const row =
      (this.db.prepare(`SELECT ${FORM_COLUMNS} FROM agent_forms WHERE id = ?`).get(ref) as
        FormRow | undefined) ??
      (this.db
        .prepare(`SELECT ${FORM_COLUMNS} FROM agent_forms WHERE lower(name) = lower(?) ORDER BY id LIMIT 1`)
        .get(ref) as FormRow | undefined);
    return row ? toForm(row) : undefined;
  }

  upsertForm(form: StoredForm): void {
    this.db
      .prepare(
        `INSERT INTO agent_forms (id, name, description, fields_json, submit_label, sandbox_id, html, collapse)
         VALUES (@id, @name, @description, @fields_json, @submit_label, @sandbox_id, @html, @collapse)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,
           fields_json = excluded.fields_json, submit_label = excluded.submit_label,
           sandbox_id = excluded.sandbox_id, html = excluded.html, collapse = excluded.collapse`,
      )
      .run({
        id: form.id,
        name: form.name,
        description: form.description ?? null,
        fields_json: JSON.stringify(form.fields),
        submit_label: form.submit_label ?? null,
        sandbox_id: form.sandbox_id ?? null,
        html: form.html ?? null,
        collapse: form.collapse ? 1 : 0,
      });
  }

  // Phonebook: the company directory (server/directory), which the Contacts tab syncs too ---------

  /** The CRM view of the directory entry a caller's number or SIP user belongs to. */
  lookupNumber(number: string): PhonebookEntry | undefined {
    const entry = this.directory.lookup(number);
    if (!entry) return undefined;
    const wanted = compactNumber(number);
    const phone = entry.phones.find((p) => compactNumber(p.number) === wanted) ?? entry.phones[0];
    return {
      number: phone?.number ?? entry.sipUser ?? wanted,
      name: entry.name,
      company: entry.organization,
      email: entry.email,
      notes: entry.notes,
    };
  }

  /** Saves the CRM form into the directory entry with this number (a new entry when there is none). */
  upsertPhonebook(entry: PhonebookEntry): void {
    const number = compactNumber(entry.number);
    const current = this.directory.lookup(number);
    this.directory.upsert({
      id: current?.id ?? `tel:${number}`,
      name: entry.name,
      organization: entry.company,
      email: entry.email,
      notes: entry.notes,
      sipUser: current?.sipUser ?? null,
      phones: current?.phones ?? [{ label: 'work', number }],
    });
  }

  // Campaign ---------------------------------------------------------------------------------

  ensureCampaign(id: string, name: string, recycle: boolean): void {
    this.db
      .prepare(
        `INSERT INTO agent_campaigns (id, name, recycle) VALUES (?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, recycle = excluded.recycle`,
      )
      .run(id, name, recycle ? 1 : 0);
  }

  leadCount(campaignId: string): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM agent_leads WHERE campaign_id = ?').get(campaignId) as {
        n: number;
      }
    ).n;
  }

  addLeads(campaignId: string, leads: readonly NewLead[]): void {
    const insert = this.db.prepare(
      `INSERT INTO agent_leads (campaign_id, position, name, company, phone, alt_phone, phone_code, notes)
       VALUES (@campaignId, @position, @name, @company, @phone, @alt_phone, @phone_code, @notes)`,
    );
    const start = this.leadCount(campaignId);
    this.db.transaction(() => {
      leads.forEach((lead, i) => insert.run({ ...lead, campaignId, position: start + i }));
    })();
  }

  /** The first campaign (the demo has one); undefined when none is configured. */
  defaultCampaign(): { id: string; name: string; recycle: boolean } | undefined {
    const row = this.db.prepare('SELECT id, name, recycle FROM agent_campaigns ORDER BY id LIMIT 1').get() as
      { id: string; name: string; recycle: number } | undefined;
    return row ? { id: row.id, name: row.name, recycle: row.recycle === 1 } : undefined;
  }

  getLead(id: number): Lead | undefined {
    return this.db.prepare(`SELECT ${LEAD_COLUMNS} FROM agent_leads WHERE id = ?`).get(id) as
      Lead | undefined;
  }

  /** The lead this agent is working, if any. */
  currentLead(campaignId: string, agent: string): Lead | undefined {
    return this.db
      .prepare(
        `SELECT ${LEAD_COLUMNS} FROM agent_leads
         WHERE campaign_id = ? AND agent = ? AND status = 'assigned' ORDER BY updated_at DESC LIMIT 1`,
      )
      .get(campaignId, agent) as Lead | undefined;
  }

  /**
   * Hands the agent the next lead: an unsaved current lead is skipped (goes after the new ones),
   * then the first new lead is assigned. A recycling campaign starts over when it runs dry.
   */
  nextLead(campaignId: string, agent: string): Lead | undefined {
    return this.db.transaction(() => {
      const current = this.currentLead(campaignId, agent);
      if (current) {
        this.db
          .prepare(`UPDATE agent_leads SET status = 'skipped', agent = NULL, updated_at = ? WHERE id = ?`)
          .run(this.now(), current.id);
      }
      const pick = (exceptId: number) =>
        this.db
          .prepare(
            `SELECT id FROM agent_leads WHERE campaign_id = ? AND status IN ('new', 'skipped') AND id != ?
             ORDER BY status = 'skipped', position LIMIT 1`,
          )
          .get(campaignId, exceptId) as { id: number } | undefined;
      const except = current?.id ?? -1;
      let next = pick(except);
      if (!next && this.defaultCampaign()?.recycle) {
        this.db
          .prepare(
            `UPDATE agent_leads SET status = 'new', outcome = NULL, agent = NULL
             WHERE campaign_id = ? AND status IN ('done', 'skipped')`,
          )
          .run(campaignId);
        next = pick(except);
      }
      // The only lead left is the one being skipped: keep working it.
      if (!next && current) next = { id: current.id };
      if (!next) return undefined;
      this.db
        .prepare(`UPDATE agent_leads SET status = 'assigned', agent = ?, updated_at = ? WHERE id = ?`)
        .run(agent, this.now(), next.id);
      return this.getLead(next.id);
    })();
  }

  /** Stores the outcome of the agent's current lead; undefined when there is none. */
  saveOutcome(campaignId: string, agent: string, outcome: LeadOutcome, notes = ''): Lead | undefined {
    return this.db.transaction(() => {
      const lead = this.currentLead(campaignId, agent);
      if (!lead) return undefined;
      this.db
        .prepare(`UPDATE agent_leads SET status = 'done', outcome = ?, updated_at = ? WHERE id = ?`)
        .run(outcome, this.now(), lead.id);
      this.db
        .prepare(
          `INSERT INTO agent_outcomes (lead_id, agent, outcome, notes, created_at) VALUES (?, ?, ?, ?, ?)`,
        )
        .run(lead.id, agent, outcome, notes, this.now());
      return this.getLead(lead.id);
    })();
  }

  updateLeadAltPhone(leadId: number, altPhone: string): void {
    this.db.prepare('UPDATE agent_leads SET alt_phone = ? WHERE id = ?').run(altPhone, leadId);
  }

  outcomes(leadId: number): Array<{ agent: string; outcome: LeadOutcome; notes: string }> {
    return this.db
      .prepare('SELECT agent, outcome, notes FROM agent_outcomes WHERE lead_id = ? ORDER BY id')
      .all(leadId) as Array<{ agent: string; outcome: LeadOutcome; notes: string }>;
  }

  view(campaignId: string, lead: Lead | undefined): CampaignView {
    const campaign = this.db.prepare('SELECT id, name FROM agent_campaigns WHERE id = ?').get(campaignId) as {
      id: string;
      name: string;
    };
    const counts = this.db
      .prepare(
        `SELECT sum(status IN ('new', 'skipped')) AS remaining, sum(status = 'done') AS done
         FROM agent_leads WHERE campaign_id = ?`,
      )
      .get(campaignId) as { remaining: number | null; done: number | null };
    return {
      campaign,
      lead: lead ?? null,
      remaining: counts.remaining ?? 0,
      done: counts.done ?? 0,
    };
  }
}
