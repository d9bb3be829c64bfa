/**
 * The button and form builders' storage (issue 13, ADR 0022): admin-built definitions live in the
 * Agent tab's own tables (`agent_buttons`, `agent_forms`) with `origin = 'admin'` (migration 16), so
 * the Agent tab serves them with the seeded ones, in one list by sort order. Seeded rows are read-only
 * here. Every change is written with its audit row (who, when, before, after) in one transaction and
 * then announced to listeners (the event stream that tells open Agent tabs to reload).
 */
import type { BuiltButton, BuiltForm, DefinitionOrigin } from '../../src/actions/builder-schemas';
import type { AgentButton, AgentForm } from '../../src/api/schemas';
import type { AuditWriter } from '../admin/audit';
import type { Db } from '../db';
import { toForm, type FormRow } from './store';

export type ListedButton = AgentButton & { origin: DefinitionOrigin };
export type ListedForm = AgentForm & { origin: DefinitionOrigin };

type Listener = (revision: number) => void;

const BUTTON_COLUMNS =
  'id, label, icon, tooltip, type, placement, sandbox_id, fn, form_id, sort_order, min_select, max_select, origin';

export class AgentDefinitionsStore {
  private readonly listeners = new Set<Listener>();
  private revision = 0;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditWriter,
    private readonly now: () => number = Date.now,
  ) {}

  buttons(): ListedButton[] {
    return this.db
      .prepare(`SELECT ${BUTTON_COLUMNS} FROM agent_buttons ORDER BY placement, sort_order, label`)
      .all() as ListedButton[];
  }

  button(id: string): ListedButton | undefined {
    return this.db.prepare(`SELECT ${BUTTON_COLUMNS} FROM agent_buttons WHERE id = ?`).get(id) as
      ListedButton | undefined;
  }

  forms(): ListedForm[] {
    const rows = this.db.prepare('SELECT * FROM agent_forms ORDER BY name, id').all() as Array<
      FormRow & { origin: DefinitionOrigin }
    >;
    return rows.map((row) => ({ ...toForm(row), origin: row.origin }));
  }

  form(id: string): ListedForm | undefined {
    const row = this.db.prepare('SELECT * FROM agent_forms WHERE id = ?').get(id) as
      (FormRow & { origin: DefinitionOrigin }) | undefined;
    return row ? { ...toForm(row), origin: row.origin } : undefined;
  }

  /** A form by id or, as `openForm('Name')` names them, by name (any case). */
  formByRef(ref: string): ListedForm | undefined {
    const byId = this.form(ref);
    if (byId) return byId;
    const row = this.db
      .prepare('SELECT id FROM agent_forms WHERE lower(name) = lower(?) ORDER BY id LIMIT 1')
      .get(ref) as { id: string } | undefined;
    return row ? this.form(row.id) : undefined;
  }

  /** Buttons that open this form by `form_id`. */
  buttonsUsingForm(formId: string): string[] {
    return (
      this.db.prepare('SELECT id FROM agent_buttons WHERE form_id = ? ORDER BY id').all(formId) as Array<{
        id: string;
      }>
    ).map((r) => r.id);
  }

  countAdmin(table: 'agent_buttons' | 'agent_forms'): number {
    return (
      this.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE origin = 'admin'`).get() as { n: number }
    ).n;
  }

  saveButton(actor: string, button: BuiltButton): ListedButton {
    const before = this.button(button.id) ?? null;
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO agent_buttons (id, label, icon, tooltip, type, placement, sandbox_id, fn, form_id,
             sort_order, min_select, max_select, origin, updated_at, updated_by)
           VALUES (@id, @label, @icon, @tooltip, @type, @placement, @sandbox_id, @fn, @form_id,
             @sort_order, NULL, NULL, 'admin', @at, @actor)
           ON CONFLICT(id) DO UPDATE SET label = excluded.label, icon = excluded.icon,
             tooltip = excluded.tooltip, type = excluded.type, placement = excluded.placement,
             sandbox_id = excluded.sandbox_id, fn = excluded.fn, form_id = excluded.form_id,
             sort_order = excluded.sort_order, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by
           WHERE agent_buttons.origin = 'admin'`,
        )
        .run({ ...button, at: this.now(), actor });
      const after = this.button(button.id) ?? null;
      this.audit({ actor, action: before ? 'agent.button.update' : 'agent.button.create', before, after });
    })();
    this.changed();
    return this.button(button.id)!;
  }

  deleteButton(actor: string, id: string): void {
    const before = this.button(id);
    if (!before) return;
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM agent_buttons WHERE id = ? AND origin = 'admin'`).run(id);
      this.audit({ actor, action: 'agent.button.delete', before, after: null });
    })();
    this.changed();
  }

  saveForm(actor: string, form: BuiltForm): ListedForm {
    const before = this.form(form.id) ?? null;
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO agent_forms (id, name, description, fields_json, submit_label, sandbox_id, html,
             collapse, origin, updated_at, updated_by)
           VALUES (@id, @name, @description, @fields_json, @submit_label, @sandbox_id, NULL, 0, 'admin',
             @at, @actor)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,
             fields_json = excluded.fields_json, submit_label = excluded.submit_label,
             sandbox_id = excluded.sandbox_id, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by
           WHERE agent_forms.origin = 'admin'`,
        )
        .run({
          id: form.id,
          name: form.name,
          description: form.description,
          fields_json: JSON.stringify(form.fields),
          submit_label: form.submit_label,
          sandbox_id: form.sandbox_id,
          at: this.now(),
          actor,
        });
      const after = this.form(form.id) ?? null;
      this.audit({ actor, action: before ? 'agent.form.update' : 'agent.form.create', before, after });
    })();
    this.changed();
    return this.form(form.id)!;
  }

  deleteForm(actor: string, id: string): void {
    const before = this.form(id);
    if (!before) return;
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM agent_forms WHERE id = ? AND origin = 'admin'`).run(id);
      this.audit({ actor, action: 'agent.form.delete', before, after: null });
    })();
    this.changed();
  }

  /** Called with a new revision after every change; returns the unsubscribe function. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.revision += 1;
    for (const listener of this.listeners) listener(this.revision);
  }
}
