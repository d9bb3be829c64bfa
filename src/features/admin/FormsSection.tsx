import { msg, plural } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import { Trans, useLingui } from '@lingui/react/macro';
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
  validateForm,
  type AgentDefinitions,
  type FieldDraft,
  type FormDraft,
} from '../../stores/agent-builder';
import { AgentFormView } from '../../ui/forms/AgentFormView';
import { Check, Field, TextField } from './fields';
import {
  BuiltInBadge,
  DefinitionEditor,
  DefinitionItem,
  ScriptField,
  useDefinitionEditor,
  type Errors,
} from './DefinitionEditor';
import { useAgentDefinitions } from './use-agent-definitions';

/**
 * The builder's kinds of field: the runner's types, with a list that takes several options shown as a
 * kind of its own (it is a `select` with `multiple`).
 */
type FieldKind = AgentFieldType | 'select-multiple';
const FIELD_KINDS: readonly FieldKind[] = AGENT_FIELD_TYPES.flatMap((type): FieldKind[] =>
  type === 'select' ? ['select', 'select-multiple'] : [type],
);
const kindOf = (f: FieldDraft): FieldKind => (f.type === 'select' && f.multiple ? 'select-multiple' : f.type);
const KIND_PATCH = (kind: FieldKind): Partial<FieldDraft> =>
  kind === 'select-multiple' ? { type: 'select', multiple: true } : { type: kind, multiple: false };

const TYPE_LABEL: Record<FieldKind, MessageDescriptor> = {
  text: msg({ message: 'Text', context: 'form field type' }),
  number: msg({ message: 'Number', context: 'form field type' }),
  email: msg({ message: 'Email', context: 'form field type' }),
  tel: msg({ message: 'Phone number', context: 'form field type' }),
  textarea: msg({ message: 'Long text', context: 'form field type' }),
  select: msg({ message: 'List (choose one)', context: 'form field type' }),
  'select-multiple': msg({ message: 'List (choose several)', context: 'form field type' }),
  checkbox: msg({ message: 'Checkbox', context: 'form field type' }),
  date: msg({ message: 'Date', context: 'form field type' }),
  hidden: msg({ message: 'Hidden value', context: 'form field type' }),
  html: msg({ message: 'Text block (HTML)', context: 'form field type' }),
};

/** Field types whose value is typed (placeholder, named validation, pattern). */
const TYPED = new Set<AgentFieldType>(['text', 'number', 'email', 'tel', 'textarea']);

const WIRE_NAME: Partial<Record<keyof FormDraft, string>> = {
  submitLabel: 'submit_label',
  sandboxId: 'sandbox_id',
};

/** A field draft's keys as the schema names them in its errors. */
const FIELD_WIRE_NAME: Record<string, string> = { minSelect: 'min_select', maxSelect: 'max_select' };

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
  const { t } = useLingui();
  const editor = useDefinitionEditor<FormDraft>(emptyForm, (key) => WIRE_NAME[key] ?? key);
  const { draft, setDraft, editing, errors, setErrors, clearErrors, set, formRef } = editor;
  const focusField = useRef<string | null>(null);
  useEffect(() => {
    if (!focusField.current) return;
    document.getElementById(focusField.current)?.focus();
    focusField.current = null;
  }, [draft.fields]);

  const setField = (index: number, patch: Partial<FieldDraft>) => {
    setDraft((d) => ({ ...d, fields: d.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) }));
    const wire = (k: string) => FIELD_WIRE_NAME[k] ?? k;
    clearErrors(`fields.${index}`, ...Object.keys(patch).map((k) => `fields.${index}.${wire(k)}`));
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
    const name = f.name;
    editor.startEdit(id, draftFromForm(f), t`Editing ${name}.`);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = formFromDraft(draft);
    if (!checked.ok) return editor.refuse(checked.errors);
    const form = checked.value;
    const name = form.name;
    await editor.saveToBuilder(
      () => agentBuilder.saveForm(form, editing === null),
      t`Form ${name} saved.`,
      reload,
    );
  };

  const remove = (id: string, name: string) =>
    editor.removeFromBuilder(id, () => agentBuilder.deleteForm(id), t`Form ${name} deleted.`, reload);

  return (
    <DefinitionEditor
      name="form"
      listTitle={<Trans>Agent forms</Trans>}
      loading={definitions === null}
      loadError={loadError}
      list={definitions && <FormList definitions={definitions} onEdit={startEdit} onDelete={remove} />}
      editTitle={editing ? t`Edit form ${editing}` : t`New form`}
      formRef={formRef}
      onSubmit={onSubmit}
      actions={
        <button type="button" id="form-add-field" className="button" onClick={addField}>
          <Trans>Add field</Trans>
        </button>
      }
      submitLabel={editing ? t`Save form` : t`Create form`}
      editing={editing !== null}
      onCancel={editor.reset}
      status={editor.status}
      aside={<FormPreview draft={draft} />}
    >
      <TextField
        id="form-name"
        label={t`Form name`}
        error={errors.name}
        hint={t`openForm('…') opens it by this name.`}
        value={draft.name}
        onChange={set('name')}
      />
      <TextField
        id="form-id"
        label={t`Form id`}
        error={errors.id}
        hint={editing ? t`The id cannot change.` : t`a–z, 0–9, - and _.`}
        autoCapitalize="off"
        spellCheck={false}
        readOnly={editing !== null}
        value={draft.id}
        onChange={set('id')}
      />
      <TextField
        id="form-description"
        label={t`Description`}
        error={errors.description}
        hint={t`Optional`}
        value={draft.description}
        onChange={set('description')}
      />
      <TextField
        id="form-submit"
        label={t`Submit button label`}
        error={errors.submit_label}
        hint={t`Default: Submit`}
        value={draft.submitLabel}
        onChange={set('submitLabel')}
      />
      <ScriptField
        id="form-script"
        label={t`Server script on submit`}
        error={errors.sandbox_id}
        hint={t`Without one, a submitted form is checked and closed.`}
        value={draft.sandboxId}
        onChange={set('sandboxId')}
        scripts={definitions?.scripts}
      />

      <h3 className="admin-builder-subtitle">
        <Trans>Fields</Trans>
      </h3>
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
    </DefinitionEditor>
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
  const { t, i18n } = useLingui();
  const id = (part: string) => `form-field-${f.key}-${part}`;
  const err = (part: string) => errors[`fields.${index}.${part}`];
  const position = index + 1;
  const label = f.label;
  const title = label ? t`Field ${position}: ${label}` : t`Field ${position}`;
  const typed = TYPED.has(f.type);
  const multiple = f.type === 'select' && f.multiple;
  const isHtml = f.type === 'html';
  return (
    <li className="admin-field" data-testid={`form-field-${index}`}>
      <fieldset className="admin-tab">
        <legend>{title}</legend>
        {errors[`fields.${index}`] && <p className="field-error">{errors[`fields.${index}`]}</p>}
        <div className="admin-field-grid">
          <Field id={id('type')} label={t`Type`} error={err('type')}>
            {(p) => (
              <select
                {...p}
                className="field-input"
                value={kindOf(f)}
                onChange={(e) => onChange(KIND_PATCH(e.target.value as FieldKind))}
              >
                {FIELD_KINDS.map((type) => (
                  <option key={type} value={type}>
                    {i18n._(TYPE_LABEL[type])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            id={id('label')}
            label={t`Label`}
            error={err('label')}
            {...(isHtml ? { hint: t`Optional: names the block here only.` } : {})}
            value={f.label}
            onChange={(label) => onChange({ label })}
          />
          <TextField
            id={id('name')}
            label={t`Name`}
            error={err('name')}
            hint={t`The key in the submitted data.`}
            autoCapitalize="off"
            spellCheck={false}
            value={f.name}
            onChange={(name) => onChange({ name })}
          />
          <TextField
            id={id('width')}
            label={t`Width (1–12 columns)`}
            error={err('width')}
            inputMode="numeric"
            value={f.width}
            onChange={(width) => onChange({ width })}
          />
          {typed && (
            <TextField
              id={id('placeholder')}
              label={t`Placeholder`}
              error={err('placeholder')}
              hint={t`Optional; an example shown in the empty field.`}
              value={f.placeholder}
              onChange={(placeholder) => onChange({ placeholder })}
            />
          )}
          {typed && (
            <Field id={id('validation')} label={t`Validation`} error={err('validation')}>
              {(p) => (
                <select
                  {...p}
                  className="field-input"
                  value={f.validation}
                  onChange={(e) => onChange({ validation: e.target.value })}
                >
                  <option value="">{t({ message: 'None', context: 'validation' })}</option>
                  {FIELD_VALIDATIONS.map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {typed && (
            <TextField
              id={id('regex')}
              label={t`Pattern (regular expression)`}
              error={err('regex')}
              hint={t`Optional; the whole value must match.`}
              className="field-input field-code"
              spellCheck={false}
              value={f.regex}
              onChange={(regex) => onChange({ regex })}
            />
          )}
          {typed && f.regex && (
            <TextField
              id={id('regexMessage')}
              label={t`Message when the pattern does not match`}
              error={err('regexMessage')}
              value={f.regexMessage}
              onChange={(regexMessage) => onChange({ regexMessage })}
            />
          )}
          {f.type === 'select' && (
            <Field
              id={id('options')}
              label={t`Options`}
              error={err('options')}
              hint={t`One per line: Label, or Label=value.`}
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
          {multiple && (
            <TextField
              id={id('min_select')}
              label={t`Fewest choices`}
              error={err('min_select')}
              hint={t`Optional; when anything is chosen, at least this many.`}
              inputMode="numeric"
              value={f.minSelect}
              onChange={(minSelect) => onChange({ minSelect })}
            />
          )}
          {multiple && (
            <TextField
              id={id('max_select')}
              label={t`Most choices`}
              error={err('max_select')}
              hint={t`Optional.`}
              inputMode="numeric"
              value={f.maxSelect}
              onChange={(maxSelect) => onChange({ maxSelect })}
            />
          )}
          {isHtml && (
            <Field
              id={id('html')}
              label={t`Text (HTML)`}
              error={err('html')}
              hint={t`Shown between the fields; scripts, styles and form controls are removed.`}
            >
              {(p) => (
                <textarea
                  {...p}
                  className="field-input field-code"
                  rows={4}
                  spellCheck={false}
                  value={f.html}
                  onChange={(e) => onChange({ html: e.target.value })}
                />
              )}
            </Field>
          )}
        </div>
        {!isHtml && (
          <Check
            id={id('required')}
            label={t`Required`}
            checked={f.required}
            onChange={(required) => onChange({ required })}
          />
        )}
        {f.type !== 'hidden' && (
          <Check
            id={id('collapse')}
            label={t`Under “More details”`}
            hint={t`Folded away until the agent opens it.`}
            checked={f.collapse}
            onChange={(collapse) => onChange({ collapse })}
          />
        )}
        <div className="admin-account-actions">
          <button
            type="button"
            id={id('up')}
            className="button"
            onClick={() => onMove(-1)}
            disabled={index === 0}
            aria-label={t`Move ${title} up`}
          >
            <Trans>Move up</Trans>
          </button>
          <button
            type="button"
            id={id('down')}
            className="button"
            onClick={() => onMove(1)}
            disabled={index === count - 1}
            aria-label={t`Move ${title} down`}
          >
            <Trans>Move down</Trans>
          </button>
          <button
            type="button"
            className="button"
            onClick={onRemove}
            disabled={count === 1}
            aria-label={t`Remove ${title}`}
          >
            <Trans>Remove</Trans>
          </button>
        </div>
      </fieldset>
    </li>
  );
}

/** The Agent tab's form view over the runner's form model, following the draft as it is typed. */
function FormPreview({ draft }: { draft: FormDraft }) {
  const { t } = useLingui();
  const form = previewForm(draft, t`Untitled form`);
  const [values, setValues] = useState<Record<string, AgentFieldValue>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  if (!form) return null;
  const shown = { ...form, values: { ...form.values, ...values } };
  return (
    <section className="admin-form-preview" aria-labelledby="form-preview-title" data-testid="form-preview">
      <h3 id="form-preview-title" className="admin-builder-subtitle">
        <Trans>Preview</Trans>
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
          setMessage(Object.keys(found).length ? null : t`The form is valid. (Preview: nothing is sent.)`);
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
  const { t } = useLingui();
  return (
    <ul className="admin-account-list">
      {definitions.forms.map((f) => (
        <DefinitionItem
          key={f.id}
          testId={`agent-form-${f.id}`}
          name={f.name}
          address={f.id}
          meta={
            <>
              {f.html ? t`Custom page` : plural(f.fields.length, { one: '# field', other: '# fields' })}
              {f.sandbox_id ? ` · ${t`script ${f.sandbox_id}`}` : ''}
              {f.origin === 'seed' && <BuiltInBadge />}
            </>
          }
          change={
            f.origin === 'admin'
              ? {
                  editLabel: t`Edit form ${f.name}`,
                  deleteLabel: t`Delete form ${f.name}`,
                  onEdit: () => onEdit(f.id),
                  onDelete: () => onDelete(f.id, f.name),
                }
              : undefined
          }
        />
      ))}
    </ul>
  );
}
