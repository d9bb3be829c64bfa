import { plural } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { serverFieldError } from '../../stores/agent-builder';
import { builderErrors, builderMessage, serverMessage } from './builder-messages';
import { Field } from './fields';

/** Field errors by the stored definition's field name (`sort_order`, `fields.2.label`). */
export type Errors = Partial<Record<string, string>>;

/**
 * The state of an Admin definition editor (Buttons, Forms, Pages): the draft, which definition is being
 * edited (null: a new one), field errors, the status line, and the form, whose first invalid control
 * takes the focus after a refused save. `wireName` maps a draft key to its errors' key.
 */
export function useDefinitionEditor<D extends object>(
  empty: () => D,
  wireName: (key: keyof D) => string = String,
) {
  const { t, i18n } = useLingui();
  const [draft, setDraft] = useState<D>(empty);
  const [editing, setEditing] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const focusError = useRef(false);
  useEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  /** Edits clear the errors they answer: a message is about what was there before. */
  const clearErrors = (...keys: string[]) =>
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))));
  const set =
    <K extends keyof D>(key: K) =>
    (value: D[K]) => {
      setDraft((d) => ({ ...d, [key]: value }));
      clearErrors(wireName(key));
    };
  /** Shows these field errors and moves the focus to the first invalid control. */
  const showErrors = (found: Errors) => {
    setErrors(found);
    focusError.current = true;
  };
  const startEdit = (id: string, from: D, said: string) => {
    setDraft(from);
    setEditing(id);
    setErrors({});
    setStatus(said);
  };
  const reset = () => {
    setDraft(empty());
    setEditing(null);
    setErrors({});
  };

  /** The agent builder (Buttons, Forms) refused the draft: its errors, and how many in the status. */
  const refuse = (found: Readonly<Record<string, string>>) => {
    showErrors(builderErrors(i18n, found));
    const count = Object.keys(found).length;
    setStatus(
      plural(count, {
        one: 'Not saved: # field needs attention.',
        other: 'Not saved: # fields need attention.',
      }),
    );
  };
  /**
   * Saves with the agent builder, then starts a new draft and reloads the list; a server answer about
   * one field (that `isField` knows) marks that field.
   */
  const saveToBuilder = async (
    save: () => Promise<unknown>,
    saved: string,
    reload: () => Promise<void>,
    isField: (field: string) => boolean = () => true,
  ) => {
    setErrors({});
    setStatus(t`Saving…`);
    try {
      await save();
      setStatus(saved);
      reset();
      await reload();
    } catch (e) {
      const raw = e instanceof Error ? e.message : String(e);
      const message = serverMessage(i18n, raw);
      const field = serverFieldError(raw);
      if (field && isField(field.field)) showErrors({ [field.field]: builderMessage(i18n, field.message) });
      setStatus(t`Not saved: ${message}`);
    }
  };
  /** Deletes with the agent builder and reloads the list. */
  const removeFromBuilder = async (
    id: string,
    remove: () => Promise<unknown>,
    deleted: string,
    reload: () => Promise<void>,
  ) => {
    try {
      await remove();
      setStatus(deleted);
      if (editing === id) reset();
      await reload();
    } catch (e) {
      const problem = serverMessage(i18n, e instanceof Error ? e.message : String(e));
      setStatus(t`Not deleted: ${problem}`);
    }
  };

  return {
    draft,
    setDraft,
    editing,
    errors,
    setErrors,
    clearErrors,
    showErrors,
    status,
    setStatus,
    formRef,
    set,
    startEdit,
    reset,
    refuse,
    saveToBuilder,
    removeFromBuilder,
  };
}

/**
 * An Admin definition section (Buttons, Forms, Pages): the list of what exists, then the editor of a
 * new or chosen one with its submit and Cancel, and a status line. `name` makes the ids
 * (`<name>s-list-title`, `<name>-edit-title`, test id `<name>s-status`). With an `aside` (the form
 * preview) the form and the aside share a grid, and the status stays under the form's buttons.
 */
export function DefinitionEditor({
  name,
  listTitle,
  loading = false,
  loadError = null,
  list,
  editTitle,
  formRef,
  onSubmit,
  children,
  actions,
  submitLabel,
  editing,
  onCancel,
  status,
  aside,
}: {
  name: 'button' | 'form' | 'page';
  listTitle: ReactNode;
  loading?: boolean;
  loadError?: string | null;
  list: ReactNode;
  editTitle: string;
  formRef: React.RefObject<HTMLFormElement | null>;
  onSubmit(event: FormEvent): Promise<void>;
  /** The editor's fields. */
  children: ReactNode;
  /** More buttons before the submit button. */
  actions?: ReactNode;
  submitLabel: string;
  editing: boolean;
  onCancel(): void;
  status: string;
  aside?: ReactNode;
}) {
  const statusLine = (
    <p role="status" className="field-hint" data-testid={`${name}s-status`}>
      {status}
    </p>
  );
  const buttons = (
    <div className="settings-actions">
      {actions}
      <button type="submit" className="button button-primary">
        {submitLabel}
      </button>
      {editing && (
        <button type="button" className="button" onClick={onCancel}>
          <Trans>Cancel</Trans>
        </button>
      )}
    </div>
  );
  return (
    <div className="admin-builder">
      <section className="settings-group" aria-labelledby={`${name}s-list-title`}>
        <h2 id={`${name}s-list-title`} className="settings-group-title">
          {listTitle}
        </h2>
        {loadError && (
          <p role="alert" className="field-error">
            {loadError}
          </p>
        )}
        {loading && !loadError && (
          <p>
            <Trans>Loading…</Trans>
          </p>
        )}
        {list}
      </section>

      <section className="settings-group" aria-labelledby={`${name}-edit-title`}>
        <h2 id={`${name}-edit-title`} className="settings-group-title">
          {editTitle}
        </h2>
        {aside ? (
          <div className="admin-form-builder">
            <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate>
              {children}
              {buttons}
              {statusLine}
            </form>
            {aside}
          </div>
        ) : (
          <>
            <form ref={formRef} className="admin-builder-form" onSubmit={(e) => void onSubmit(e)} noValidate>
              {children}
              {buttons}
            </form>
            {statusLine}
          </>
        )}
      </section>
    </div>
  );
}

/**
 * One definition in a section's list: its name and address, a line about it, and Edit and Delete when
 * the admin may change it (not for the built-in ones).
 */
export function DefinitionItem({
  testId,
  name,
  address,
  meta,
  change,
}: {
  testId: string;
  name: string;
  address: string;
  meta: ReactNode;
  change?: { editLabel: string; deleteLabel: string; onEdit(): void; onDelete(): Promise<void> } | undefined;
}) {
  return (
    <li className="admin-account" data-testid={testId}>
      <div className="admin-account-who">
        <strong>{name}</strong> <span className="admin-account-user">({address})</span>
      </div>
      <div className="admin-account-meta">{meta}</div>
      {change && (
        <div className="admin-account-actions">
          <button type="button" className="button" onClick={change.onEdit} aria-label={change.editLabel}>
            <Trans>Edit</Trans>
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void change.onDelete()}
            aria-label={change.deleteLabel}
          >
            <Trans>Delete</Trans>
          </button>
        </div>
      )}
    </li>
  );
}

/** The mark of a seeded (read-only) definition, after its line. */
export function BuiltInBadge() {
  return (
    <span className="admin-badge">
      {' · '}
      <Trans>Built in</Trans>
    </span>
  );
}

/** The server script a definition runs (a button when pressed, a form on submit), or none. */
export function ScriptField({
  id,
  label,
  error,
  hint,
  value,
  onChange,
  scripts,
}: {
  id: string;
  label: string;
  error: string | undefined;
  hint: string;
  value: string;
  onChange(value: string): void;
  scripts: readonly string[] | undefined;
}) {
  const { t } = useLingui();
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(p) => (
        <select {...p} className="field-input" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t`No script`}</option>
          {scripts?.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
