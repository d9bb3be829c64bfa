/**
 * The button and form builders' editing model (Admin, issue 13): drafts as the inputs hold them
 * (text for numbers, one line per option), turned into the definitions the server stores by the same
 * schemas it checks them with, field reordering, and the live preview built by the Agent tab's own
 * form model (`normalizeForm`). Pure functions; no React, no stores.
 */
import type { AgentFieldType } from '../api/schemas';
import { BuiltButton, BuiltForm, issuesByPath, type BUTTON_TYPES } from './builder-schemas';
import { normalizeForm, type FormModel } from './form-model';

export interface ButtonDraft {
  id: string;
  label: string;
  icon: string;
  tooltip: string;
  type: (typeof BUTTON_TYPES)[number];
  sortOrder: string;
  fn: string;
  formId: string;
  sandboxId: string;
}

export interface FieldDraft {
  /** Stable React key while names are being typed. */
  key: string;
  type: AgentFieldType;
  name: string;
  label: string;
  required: boolean;
  width: string;
  validation: string;
  regex: string;
  regexMessage: string;
  /** One option per line: `Label` or `Label=value`. */
  options: string;
  placeholder: string;
  /** In the form's collapsed "More details" section. */
  collapse: boolean;
  /** A list where several options may be chosen, with the fewest and most (text as typed; '' = no limit). */
  multiple: boolean;
  minSelect: string;
  maxSelect: string;
  /** An `html` field's text. */
  html: string;
}

export interface FormDraft {
  id: string;
  name: string;
  description: string;
  submitLabel: string;
  sandboxId: string;
  fields: FieldDraft[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

export const emptyButton = (): ButtonDraft => ({
  id: '',
  label: '',
  icon: '',
  tooltip: '',
  type: 'primary',
  sortOrder: '100',
  fn: '',
  formId: '',
  sandboxId: '',
});

let keys = 0;
export const newField = (type: AgentFieldType = 'text', index = 0): FieldDraft => ({
  key: `field-${++keys}`,
  type,
  name: `field${index + 1}`,
  label: '',
  required: false,
  width: '12',
  validation: '',
  regex: '',
  regexMessage: '',
  options: '',
  placeholder: '',
  collapse: false,
  multiple: false,
  minSelect: '',
  maxSelect: '',
  html: '',
});

export const emptyForm = (): FormDraft => ({
  id: '',
  name: '',
  description: '',
  submitLabel: '',
  sandboxId: '',
  fields: [newField('text', 0)],
});

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const toNumber = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/** `Label` or `Label=value` per line; a bare label is its own value. */
export function parseOptions(text: string): Array<{ label: string; value: string }> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const eq = line.indexOf('=');
      return eq < 0
        ? { label: line, value: line }
        : { label: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() };
    });
}

export const formatOptions = (options: ReadonlyArray<{ label: string; value: string }>) =>
  options.map((o) => (o.label === o.value ? o.label : `${o.label}=${o.value}`)).join('\n');

export function buttonFromDraft(d: ButtonDraft): Checked<BuiltButton> {
  const parsed = BuiltButton.safeParse({
    id: d.id.trim(),
    label: d.label,
    icon: orNull(d.icon),
    tooltip: orNull(d.tooltip),
    type: d.type,
    placement: 'agent',
    sort_order: toNumber(d.sortOrder),
    fn: orNull(d.fn),
    form_id: orNull(d.formId),
    sandbox_id: orNull(d.sandboxId),
  });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: issuesByPath(parsed.error) };
}

export function draftFromButton(b: {
  id: string;
  label: string;
  icon?: string | null | undefined;
  tooltip?: string | null | undefined;
  type?: string | null | undefined;
  sort_order?: number | null | undefined;
  fn?: string | null | undefined;
  form_id?: string | null | undefined;
  sandbox_id?: string | null | undefined;
}): ButtonDraft {
  const type = (['primary', 'secondary', 'success', 'danger', 'warning', 'info'] as const).find(
    (t) => t === b.type,
  );
  return {
    id: b.id,
    label: b.label,
    icon: b.icon ?? '',
    tooltip: b.tooltip ?? '',
    type: type ?? 'secondary',
    sortOrder: String(b.sort_order ?? 0),
    fn: b.fn ?? '',
    formId: b.form_id ?? '',
    sandboxId: b.sandbox_id ?? '',
  };
}

/** The properties a field type has: a text block has no value, so no validation or placeholder. */
const TAKES_INPUT = (type: AgentFieldType) => type !== 'html' && type !== 'hidden';

/** A field as the server stores it, with only the properties its type uses (switching type drops the rest). */
function fieldFromDraft(f: FieldDraft): Record<string, unknown> {
  const input = TAKES_INPUT(f.type);
  const multiple = f.type === 'select' && f.multiple;
  const textual = input && f.type !== 'select' && f.type !== 'checkbox' && f.type !== 'date';
  return {
    type: f.type,
    name: f.name.trim(),
    label: f.label,
    ...(f.required && f.type !== 'html' ? { required: true } : {}),
    width: toNumber(f.width),
    ...(textual && f.placeholder.trim() ? { placeholder: f.placeholder } : {}),
    ...(textual && f.validation ? { validation: f.validation } : {}),
    ...(textual && f.regex ? { regex: f.regex } : {}),
    ...(textual && f.regex && f.regexMessage.trim() ? { regexMessage: f.regexMessage } : {}),
    ...(f.type === 'select' ? { options: parseOptions(f.options) } : {}),
    ...(multiple ? { multiple: true } : {}),
    ...(multiple && f.minSelect.trim() ? { min_select: toNumber(f.minSelect) } : {}),
    ...(multiple && f.maxSelect.trim() ? { max_select: toNumber(f.maxSelect) } : {}),
    ...(f.type === 'html' ? { html: f.html } : {}),
    ...(f.collapse && f.type !== 'hidden' ? { collapse: true } : {}),
  };
}

export function formFromDraft(d: FormDraft): Checked<BuiltForm> {
  const parsed = BuiltForm.safeParse({
    id: d.id.trim(),
    name: d.name,
    description: orNull(d.description),
    submit_label: orNull(d.submitLabel),
    sandbox_id: orNull(d.sandboxId),
    fields: d.fields.map(fieldFromDraft),
  });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: issuesByPath(parsed.error) };
}

export function draftFromForm(f: {
  id: string;
  name: string;
  description?: string | null | undefined;
  submit_label?: string | null | undefined;
  sandbox_id?: string | null | undefined;
  fields: readonly unknown[];
}): FormDraft {
  const model = normalizeForm({ ...f, html: null });
  const fields = model.ok ? model.form.fields : [];
  return {
    id: f.id,
    name: f.name,
    description: f.description ?? '',
    submitLabel: f.submit_label ?? '',
    sandboxId: f.sandbox_id ?? '',
    fields: fields.map((m, i) => ({
      ...newField(m.type, i),
      name: m.name,
      label: m.label === m.name ? '' : m.label,
      required: m.required,
      width: String(m.width),
      validation: m.validation ?? '',
      regex: m.regex ?? '',
      regexMessage: m.regexMessage ?? '',
      options: formatOptions(m.options),
      placeholder: m.placeholder,
      collapse: m.collapse,
      multiple: m.multiple,
      minSelect: m.minSelect === null ? '' : String(m.minSelect),
      maxSelect: m.maxSelect === null ? '' : String(m.maxSelect),
      html: m.html,
    })),
  };
}

/** The field list with the field at `index` moved by `by` places (clamped); the same list if it cannot move. */
export function moveField(fields: readonly FieldDraft[], index: number, by: -1 | 1): FieldDraft[] {
  const to = index + by;
  if (index < 0 || index >= fields.length || to < 0 || to >= fields.length) return [...fields];
  const next = [...fields];
  const [moved] = next.splice(index, 1);
  next.splice(to, 0, moved!);
  return next;
}

/**
 * What the Agent tab would show for this draft: the runner's own form model over the draft as the
 * server would store it. Fields that are not valid yet still show (with what can be read of them), so
 * the preview follows typing. `untitled` names a form without a name yet (the screen passes it in the
 * admin's language; this module stays free of a language so the server can share it); without a
 * submit label the button reads as the Agent tab's own, in the viewer's language.
 */
export function previewForm(d: FormDraft, untitled = 'Untitled form'): FormModel | null {
  const model = normalizeForm({
    id: 'preview',
    name: d.name.trim() || untitled,
    description: d.description,
    submit_label: d.submitLabel.trim() || null,
    // Limits not typed as numbers yet (NaN) are left out by the form model.
    fields: d.fields.map((f) => ({
      ...fieldFromDraft(f),
      width: Math.min(12, Math.max(1, Math.round(toNumber(f.width)) || 12)),
    })),
  });
  return model.ok ? model.form : null;
}
