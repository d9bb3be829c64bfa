import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import { Trans, useLingui } from '@lingui/react/macro';
import type { FormEvent } from 'react';
import {
  agentBuilder,
  BUTTON_TYPES,
  buttonFromDraft,
  draftFromButton,
  emptyButton,
  fnProblem,
  type AgentDefinitions,
  type ButtonDraft,
} from '../../stores/agent-builder';
import { agentButtonClass } from '../../ui/agent-button-class';
import { Icon, ICON_NAMES, isIconName } from '../../ui/icons';
import { Field, TextField } from './fields';
import {
  BuiltInBadge,
  DefinitionEditor,
  DefinitionItem,
  ScriptField,
  useDefinitionEditor,
} from './DefinitionEditor';
import { useAgentDefinitions } from './use-agent-definitions';

const TYPE_LABEL: Record<(typeof BUTTON_TYPES)[number], MessageDescriptor> = {
  primary: msg`Primary (blue)`,
  secondary: msg`Secondary (grey)`,
  success: msg`Success (green)`,
  danger: msg`Danger (red)`,
  warning: msg`Warning (amber)`,
  info: msg`Info (teal)`,
};

/** The draft's keys → the stored button's (and so the errors'). */
const WIRE_NAME: Record<keyof ButtonDraft, string> = {
  id: 'id',
  label: 'label',
  icon: 'icon',
  tooltip: 'tooltip',
  type: 'type',
  sortOrder: 'sort_order',
  fn: 'fn',
  formId: 'form_id',
  sandboxId: 'sandbox_id',
};
const FIELD_ID: Record<string, string> = {
  id: 'button-id',
  label: 'button-label',
  icon: 'button-icon',
  tooltip: 'button-tooltip',
  type: 'button-type',
  sort_order: 'button-sort',
  fn: 'button-fn',
  form_id: 'button-form',
  sandbox_id: 'button-script',
};

/**
 * Admin → Buttons (issue 13): the Agent tab's buttons, seeded (read-only) and built here. A built
 * button has a label, a colour role, an icon, a tooltip, a placement, a sort order and what it does:
 * an `fn` (checked as it is typed by the runner's parser and registry), a form to open, a server
 * script. Saving reaches open Agent tabs at once.
 */
export function ButtonsSection() {
  const { definitions, error: loadError, reload } = useAgentDefinitions();
  const { t, i18n } = useLingui();
  const editor = useDefinitionEditor<ButtonDraft>(emptyButton, (key) => WIRE_NAME[key]);
  const { draft, editing, errors, set, formRef } = editor;
  const fnError = draft.fn.trim() ? fnProblem(draft.fn) : null;

  const startEdit = (id: string) => {
    const b = definitions?.buttons.find((x) => x.id === id);
    if (!b) return;
    const label = b.label;
    editor.startEdit(id, draftFromButton(b), t`Editing ${label}.`);
    formRef.current?.querySelector<HTMLElement>('input')?.focus();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = buttonFromDraft(draft);
    if (!checked.ok) return editor.refuse(checked.errors);
    const button = checked.value;
    const label = button.label;
    await editor.saveToBuilder(
      () => agentBuilder.saveButton(button, editing === null),
      t`Button ${label} saved. Open Agent tabs show it now.`,
      reload,
      (field) => Boolean(FIELD_ID[field]),
    );
  };

  const remove = (id: string, label: string) =>
    editor.removeFromBuilder(id, () => agentBuilder.deleteButton(id), t`Button ${label} deleted.`, reload);

  return (
    <DefinitionEditor
      name="button"
      listTitle={<Trans>Agent buttons</Trans>}
      loading={definitions === null}
      loadError={loadError}
      list={definitions && <ButtonList definitions={definitions} onEdit={startEdit} onDelete={remove} />}
      editTitle={editing ? t`Edit button ${editing}` : t`New button`}
      formRef={formRef}
      onSubmit={onSubmit}
      submitLabel={editing ? t`Save button` : t`Create button`}
      editing={editing !== null}
      onCancel={editor.reset}
      status={editor.status}
    >
      <TextField
        id="button-label"
        label={t`Label`}
        error={errors.label}
        value={draft.label}
        onChange={set('label')}
      />
      <TextField
        id="button-id"
        label={t`Id`}
        error={errors.id}
        hint={editing ? t`The id cannot change.` : t`a–z, 0–9, - and _; used in the API and the audit.`}
        autoCapitalize="off"
        spellCheck={false}
        readOnly={editing !== null}
        value={draft.id}
        onChange={set('id')}
      />
      <Field id="button-type" label={t`Colour`} error={errors.type}>
        {(p) => (
          <select
            {...p}
            className="field-input"
            value={draft.type}
            onChange={(e) => set('type')(e.target.value as ButtonDraft['type'])}
          >
            {BUTTON_TYPES.map((type) => (
              <option key={type} value={type}>
                {i18n._(TYPE_LABEL[type])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="button-icon"
        label={t`Icon`}
        error={errors.icon}
        hint={t`The app's own drawings (no icon font is loaded).`}
      >
        {(p) => (
          <select
            {...p}
            className="field-input"
            value={draft.icon}
            onChange={(e) => set('icon')(e.target.value)}
          >
            <option value="">{t`No icon`}</option>
            {ICON_NAMES.map((name) => (
              // An icon's name (Material Symbols), not a word of the interface: data-i18n-data.
              <option key={name} value={name} data-i18n-data>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        id="button-tooltip"
        label={t`Tooltip`}
        error={errors.tooltip}
        hint={t`Optional`}
        value={draft.tooltip}
        onChange={set('tooltip')}
      />
      <Field id="button-placement" label={t`Placement`}>
        {(p) => (
          <select {...p} className="field-input" value="agent" disabled>
            <option value="agent">{t`Agent tab`}</option>
          </select>
        )}
      </Field>
      <TextField
        id="button-sort"
        label={t`Sort order`}
        error={errors.sort_order}
        hint={t`Smaller first (0–9999); the demo buttons use 10, 20, 30…`}
        inputMode="numeric"
        value={draft.sortOrder}
        onChange={set('sortOrder')}
      />
      <TextField
        id="button-fn"
        label={t`Action (fn)`}
        error={errors.fn ?? fnError ?? undefined}
        hint={t`e.g. openForm('Feedback'), makeCall(alt_phone), toggleMic. A chosen form wins over fn.`}
        className="field-input field-code"
        autoCapitalize="off"
        spellCheck={false}
        value={draft.fn}
        onChange={set('fn')}
      />
      <Field id="button-form" label={t`Opens form`} error={errors.form_id}>
        {(p) => (
          <select
            {...p}
            className="field-input"
            value={draft.formId}
            onChange={(e) => set('formId')(e.target.value)}
          >
            <option value="">{t`No form`}</option>
            {definitions?.forms
              .filter((f) => !f.html)
              .map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name} ({f.id})
                </option>
              ))}
          </select>
        )}
      </Field>
      <ScriptField
        id="button-script"
        label={t`Server script`}
        error={errors.sandbox_id}
        hint={t`Runs on the server first when pressed; its answer may open a form or run an action.`}
        value={draft.sandboxId}
        onChange={set('sandboxId')}
        scripts={definitions?.scripts}
      />
      <div className="admin-builder-preview">
        <span className="field-label">
          <Trans>Preview</Trans>
        </span>
        <span
          className={agentButtonClass(draft.type)}
          title={draft.tooltip || undefined}
          data-testid="button-preview"
        >
          {isIconName(draft.icon) && <Icon name={draft.icon} />}
          <span>{draft.label || t`Label`}</span>
        </span>
      </div>
    </DefinitionEditor>
  );
}

function ButtonList({
  definitions,
  onEdit,
  onDelete,
}: {
  definitions: AgentDefinitions;
  onEdit(id: string): void;
  onDelete(id: string, label: string): Promise<void>;
}) {
  const { t, i18n } = useLingui();
  const typeName = (type: string) =>
    type in TYPE_LABEL ? i18n._(TYPE_LABEL[type as (typeof BUTTON_TYPES)[number]]) : type;
  const formName = (id: string | null | undefined) =>
    id ? (definitions.forms.find((f) => f.id === id)?.name ?? id) : null;
  return (
    <ul className="admin-account-list">
      {definitions.buttons.map((b) => {
        const does = [
          b.sandbox_id ? t`script ${b.sandbox_id}` : null,
          formName(b.form_id) ? t`form ${formName(b.form_id)}` : null,
          b.fn ? b.fn : null,
        ].filter(Boolean);
        return (
          <DefinitionItem
            key={b.id}
            testId={`agent-button-${b.id}`}
            name={b.label}
            address={b.id}
            meta={
              <>
                {t`Order ${b.sort_order ?? 0}`} · {typeName(b.type ?? 'secondary')} ·{' '}
                {does.join(' · ') || t`does nothing`}
                {b.origin === 'seed' && <BuiltInBadge />}
              </>
            }
            change={
              b.origin === 'admin'
                ? {
                    editLabel: t`Edit button ${b.label}`,
                    deleteLabel: t`Delete button ${b.label}`,
                    onEdit: () => onEdit(b.id),
                    onDelete: () => onDelete(b.id, b.label),
                  }
                : undefined
            }
          />
        );
      })}
    </ul>
  );
}
