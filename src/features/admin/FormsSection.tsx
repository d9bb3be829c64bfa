import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AgentFieldType, AgentFieldValue } from '../../api/schemas';
import {
  AGENT_FIELD_TYPES,
  agentBuilder,
  draftFromForm,
  emptyForm,
  FIELD_VALIDATIONS,
  formFromDraft,
  moveField,
  newField,
  previewForm,
  serverFieldError,
  validateForm,
  type AgentDefinitions,
  type FieldDraft,
  type FormDraft,
} from '../../stores/agent-builder';
import { AgentFormView } from '../../ui/forms/AgentFormView';
import { Check, Field } from './fields';
import { useAgentDefinitions } from './use-agent-definitions';

const TYPE_LABEL: Record<AgentFieldType, string> = {
  text: 'Text',
  number: 'Number',
  email: 'Email',
  tel: 'Phone number',
  textarea: 'Long text',
  select: 'List (choose one)',
  checkbox: 'Checkbox',
  date: 'Date',
  hidden: 'Hidden value',
};

type Errors = Partial<Record<string, string>>;
const WIRE_NAME: Partial<Record<keyof FormDraft, string>> = {
  submitLabel: 'submit_label',
  sandboxId: 'sandbox_id',
};

/** Errors of single fields are by position: after a move or a removal they would point elsewhere. */
const dropFieldErrors = (errors: Errors): Errors =>
  Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith('fields.')));

/**
 * Admin → Forms (issue 13): forms for the Agent tab, built from the field types the runner supports,
 * with widths on its 12-column grid, required fields, validation and list options; fields reorder with
 * buttons (keyboard-operable). The preview is the Agent tab's own form view over the runner's own
 * form model, so what the admin sees is what the agent gets.
 */
export function FormsSection() {
  const { definitions, error: loadError, reload } = useAgentDefinitions();
  const [draft, setDraft] = useState<FormDraft>(emptyForm);
  const [editing, setEditing] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const focusError = useRef(false);
  const focusField = useRef<string | null>(null);
  useEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  useEffect(() => {
    if (!focusField.current) return;
    document.getElementById(focusField.current)?.focus();
    focusField.current = null;
  }, [draft.fields]);

  /** Edits clear the errors they answer: a message is about what was there before. */
  const clearErrors = (...keys: string[]) =>
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))));
  const set =
    <K extends keyof FormDraft>(key: K) =>
    (value: FormDraft[K]) => {
      setDraft((d) => ({ ...d, [key]: value }));
      clearErrors(WIRE_NAME[key] ?? key);
    };
  const setField = (index: number, patch: Partial<FieldDraft>) => {
    setDraft((d) => ({ ...d, fields: d.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) }));
    clearErrors(`fields.${index}`, ...Object.keys(patch).map((k) => `fields.${index}.${k}`));
  };
  const move = (index: number, by: -1 | 1) => {
    focusField.current = `form-field-${draft.fields[index]!.key}-${by < 0 ? 'up' : 'down'}`;
    setDraft((d) => ({ ...d, fields: moveField(d.fields, index, by) }));
    setErrors(({ fields, ...rest }) => ({ ...(fields ? { fields } : {}), ...dropFieldErrors(rest) }));
  };
  const removeField = (index: number) => {
    focusField.current = 'form-add-field';
    setDraft((d) => ({ ...d, fields: d.fields.filter((_, i) => i !== index) }));
    setErrors(dropFieldErrors);
  };
  const addField = () => {
    const field = newField('text', draft.fields.length);
    focusField.current = `form-field-${field.key}-type`;
    setDraft((d) => ({ ...d, fields: [...d.fields, field] }));
  };

  const startEdit = (id: string) => {
    const f = definitions?.forms.find((x) => x.id === id);
    if (!f) return;
    setDraft(draftFromForm(f));
    setEditing(id);
    setErrors({});
    setStatus(`Editing ${f.name}.`);
  };
  const reset = () => {
    setDraft(emptyForm());
    setEditing(null);
    setErrors({});
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = formFromDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus(`Not saved: ${Object.keys(checked.errors).length} field(s) need attention.`);
      focusError.current = true;
      return;
    }
    setErrors({});
    setStatus('Saving…');
    try {
      await agentBuilder.saveForm(checked.value, editing === null);
      setStatus(`Form ${checked.value.name} saved.`);
      reset();
      await reload();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const field = serverFieldError(message);
      if (field) {
        setErrors({ [field.field]: field.message });
        focusError.current = true;
      }
      setStatus(`Not saved: ${message}`);
    }
  };

  const remove = async (id: string, name: string) => {
    try {
      await agentBuilder.deleteForm(id);
      setStatus(`Form ${name} deleted.`);
      if (editing === id) reset();
      await reload();
    } catch (e) {
      setStatus(`Not deleted: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <div className="admin-builder">
      <section className="settings-group" aria-labelledby="forms-list-title">
        <h2 id="forms-list-title" className="settings-group-title">
          Agent forms
        </h2>
        {loadError && (
          <p role="alert" className="field-error">
            {loadError}
          </p>
        )}
        {definitions === null && !loadError && <p>Loading…</p>}
        {definitions && <FormList definitions={definitions} onEdit={startEdit} onDelete={remove} />}
      </section>

      <section className="settings-group" aria-labelledby="form-edit-title">
        <h2 id="form-edit-title" className="settings-group-title">
          {editing ? `Edit form ${editing}` : 'New form'}
        </h2>
        <div className="admin-form-builder">
          <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate>
            <Field
              id="form-name"
              label="Form name"
              error={errors.name}
              hint="openForm('…') opens it by this name."
            >
              {(p) => (
                <input
                  {...p}
                  className="field-input"
                  value={draft.name}
                  onChange={(e) => set('name')(e.target.value)}
                />
              )}
            </Field>
            <Field
              id="form-id"
              label="Form id"
              error={errors.id}
              hint={editing ? 'The id cannot change.' : 'a–z, 0–9, - and _.'}
            >
              {(p) => (
                <input
                  {...p}
                  className="field-input"
                  autoCapitalize="off"
                  spellCheck={false}
                  readOnly={editing !== null}
                  value={draft.id}
                  onChange={(e) => set('id')(e.target.value)}
                />
              )}
            </Field>
            <Field id="form-description" label="Description" error={errors.description} hint="Optional">
              {(p) => (
                <input
                  {...p}
                  className="field-input"
                  value={draft.description}
                  onChange={(e) => set('description')(e.target.value)}
                />
              )}
            </Field>
            <Field
              id="form-submit"
              label="Submit button label"
              error={errors.submit_label}
              hint="Default: Submit"
            >
              {(p) => (
                <input
                  {...p}
                  className="field-input"
                  value={draft.submitLabel}
                  onChange={(e) => set('submitLabel')(e.target.value)}
                />
              )}
            </Field>
            <Field
              id="form-script"
              label="Server script on submit"
              error={errors.sandbox_id}
              hint="Without one, a submitted form is checked and closed."
            >
              {(p) => (
                <select
                  {...p}
                  className="field-input"
                  value={draft.sandboxId}
                  onChange={(e) => set('sandboxId')(e.target.value)}
                >
                  <option value="">No script</option>
                  {definitions?.scripts.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              )}
            </Field>

            <h3 className="admin-builder-subtitle">Fields</h3>
            {errors.fields && (
              <p className="field-error" role="alert">
                {errors.fields}
              </p>
            )}
            <ol className="admin-field-list">
              {draft.fields.map((f, i) => (
                <FieldEditor
                  key={f.key}
                  field={f}
                  index={i}
                  count={draft.fields.length}
                  errors={errors}
                  onChange={(patch) => setField(i, patch)}
                  onMove={(by) => move(i, by)}
                  onRemove={() => removeField(i)}
                />
              ))}
            </ol>
            <div className="settings-actions">
              <button type="button" id="form-add-field" className="button" onClick={addField}>
                Add field
              </button>
              <button type="submit" className="button button-primary">
                {editing ? 'Save form' : 'Create form'}
              </button>
              {editing && (
                <button type="button" className="button" onClick={reset}>
                  Cancel
                </button>
              )}
            </div>
            <p role="status" className="field-hint" data-testid="forms-status">
              {status}
            </p>
          </form>
          <FormPreview draft={draft} />
        </div>
      </section>
    </div>
  );
}

function FieldEditor({
  field: f,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  field: FieldDraft;
  index: number;
  count: number;
  errors: Errors;
  onChange(patch: Partial<FieldDraft>): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const id = (part: string) => `form-field-${f.key}-${part}`;
  const err = (part: string) => errors[`fields.${index}.${part}`];
  const title = `Field ${index + 1}${f.label ? `: ${f.label}` : ''}`;
  return (
    <li className="admin-field" data-testid={`form-field-${index}`}>
      <fieldset className="admin-tab">
        <legend>{title}</legend>
        {errors[`fields.${index}`] && <p className="field-error">{errors[`fields.${index}`]}</p>}
        <div className="admin-field-grid">
          <Field id={id('type')} label="Type" error={err('type')}>
            {(p) => (
              <select
                {...p}
                className="field-input"
                value={f.type}
                onChange={(e) => onChange({ type: e.target.value as AgentFieldType })}
              >
                {AGENT_FIELD_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {TYPE_LABEL[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={id('label')} label="Label" error={err('label')}>
            {(p) => (
              <input
                {...p}
                className="field-input"
                value={f.label}
                onChange={(e) => onChange({ label: e.target.value })}
              />
            )}
          </Field>
          <Field id={id('name')} label="Name" error={err('name')} hint="The key in the submitted data.">
            {(p) => (
              <input
                {...p}
                className="field-input"
                autoCapitalize="off"
                spellCheck={false}
                value={f.name}
                onChange={(e) => onChange({ name: e.target.value })}
              />
            )}
          </Field>
          <Field id={id('width')} label="Width (1–12 columns)" error={err('width')}>
            {(p) => (
              <input
                {...p}
                className="field-input"
                inputMode="numeric"
                value={f.width}
                onChange={(e) => onChange({ width: e.target.value })}
              />
            )}
          </Field>
          <Field id={id('validation')} label="Validation" error={err('validation')}>
            {(p) => (
              <select
                {...p}
                className="field-input"
                value={f.validation}
                onChange={(e) => onChange({ validation: e.target.value })}
              >
                <option value="">None</option>
                {FIELD_VALIDATIONS.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={id('regex')}
            label="Pattern (regular expression)"
            error={err('regex')}
            hint="Optional; the whole value must match."
          >
            {(p) => (
              <input
                {...p}
                className="field-input field-code"
                spellCheck={false}
                value={f.regex}
                onChange={(e) => onChange({ regex: e.target.value })}
              />
            )}
          </Field>
          {f.regex && (
            <Field
              id={id('regexMessage')}
              label="Message when the pattern does not match"
              error={err('regexMessage')}
            >
              {(p) => (
                <input
                  {...p}
                  className="field-input"
                  value={f.regexMessage}
                  onChange={(e) => onChange({ regexMessage: e.target.value })}
                />
              )}
            </Field>
          )}
          {f.type === 'select' && (
            <Field
              id={id('options')}
              label="Options"
              error={err('options')}
              hint="One per line: Label, or Label=value."
            >
              {(p) => (
                <textarea
                  {...p}
                  className="field-input"
                  rows={3}
                  value={f.options}
                  onChange={(e) => onChange({ options: e.target.value })}
                />
              )}
            </Field>
          )}
        </div>
        <Check
          id={id('required')}
          label="Required"
          checked={f.required}
          onChange={(required) => onChange({ required })}
        />
        <div className="admin-account-actions">
          <button
            type="button"
            id={id('up')}
            className="button"
            onClick={() => onMove(-1)}
            disabled={index === 0}
            aria-label={`Move ${title} up`}
          >
            Move up
          </button>
          <button
            type="button"
            id={id('down')}
            className="button"
            onClick={() => onMove(1)}
            disabled={index === count - 1}
            aria-label={`Move ${title} down`}
          >
            Move down
          </button>
          <button
            type="button"
            className="button"
            onClick={onRemove}
            disabled={count === 1}
            aria-label={`Remove ${title}`}
          >
            Remove
          </button>
        </div>
      </fieldset>
    </li>
  );
}

/** The Agent tab's form view over the runner's form model, following the draft as it is typed. */
function FormPreview({ draft }: { draft: FormDraft }) {
  const form = previewForm(draft);
  const [values, setValues] = useState<Record<string, AgentFieldValue>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  if (!form) return null;
  const shown = { ...form, values: { ...form.values, ...values } };
  return (
    <section className="admin-form-preview" aria-labelledby="form-preview-title" data-testid="form-preview">
      <h3 id="form-preview-title" className="admin-builder-subtitle">
        Preview
      </h3>
      <AgentFormView
        form={shown}
        errors={errors}
        message={message}
        busy={false}
        focusOnOpen={false}
        onChange={(name, value) => {
          setValues((v) => ({ ...v, [name]: value }));
          setErrors(({ [name]: _gone, ...rest }) => rest);
        }}
        onSubmit={() => {
          const found = validateForm(shown);
          setErrors(found);
          setMessage(Object.keys(found).length ? null : 'The form is valid. (Preview: nothing is sent.)');
        }}
        onClose={() => {
          setValues({});
          setErrors({});
          setMessage(null);
        }}
      />
    </section>
  );
}

function FormList({
  definitions,
  onEdit,
  onDelete,
}: {
  definitions: AgentDefinitions;
  onEdit(id: string): void;
  onDelete(id: string, name: string): Promise<void>;
}) {
  return (
    <ul className="admin-account-list">
      {definitions.forms.map((f) => (
        <li key={f.id} className="admin-account" data-testid={`agent-form-${f.id}`}>
          <div className="admin-account-who">
            <strong>{f.name}</strong> <span className="admin-account-user">({f.id})</span>
          </div>
          <div className="admin-account-meta">
            {f.html ? 'Custom page' : `${f.fields.length} field(s)`}
            {f.sandbox_id ? ` · script ${f.sandbox_id}` : ''}
            {f.origin === 'seed' && <span className="admin-badge"> · Built in</span>}
          </div>
          {f.origin === 'admin' && (
            <div className="admin-account-actions">
              <button
                type="button"
                className="button"
                onClick={() => onEdit(f.id)}
                aria-label={`Edit form ${f.name}`}
              >
                Edit
              </button>
              <button
                type="button"
                className="button"
                onClick={() => void onDelete(f.id, f.name)}
                aria-label={`Delete form ${f.name}`}
              >
                Delete
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
