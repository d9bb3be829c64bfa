import { Trans } from '@lingui/react/macro';
import { useEffect, useId, useRef, type FormEvent } from 'react';
import './forms.css';
import type { FieldModel, FormModel } from '../../actions';
import type { AgentFieldValue } from '../../api/schemas';
import { FormField } from './FormField';
import { HtmlPage } from './HtmlPage';

interface AgentFormViewProps {
  form: FormModel;
  errors: Record<string, string>;
  message: string | null;
  busy: boolean;
  onChange(name: string, value: AgentFieldValue): void;
  onSubmit(): void;
  /** Cancel (Close on a custom page); without it the form offers no way out (the join page's pre-chat). */
  onClose?(): void;
  /** Move focus to the form's title when it opens (the Agent tab); false for Admin's live preview. */
  focusOnOpen?: boolean;
  /** The form title's heading level where it sits (3 in the Agent tab's panels). */
  headingLevel?: 2 | 3;
}

const visible = (f: FieldModel) => f.type !== 'hidden' && !f.hidden;

/** A server form (12-column grid, collapsible extras) or a custom page, with submit chaining. */
export function AgentFormView({
  form,
  errors,
  message,
  busy,
  onChange,
  onSubmit,
  onClose,
  focusOnOpen = true,
  headingLevel = 3,
}: AgentFormViewProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const idPrefix = useId();
  const titleId = `${idPrefix}-title`;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const fields = form.fields.filter(visible);
  const main = fields.filter((f) => !f.collapse);
  const extra = fields.filter((f) => f.collapse);
  const hasExtraError = extra.some((f) => errors[f.name]);

  useEffect(() => {
    if (focusOnOpen) headingRef.current?.focus();
  }, [form.id, focusOnOpen]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const renderFields = (list: FieldModel[]) =>
    list.map((f) => (
      <FormField
        key={f.name}
        idPrefix={idPrefix}
        field={f}
        value={form.values[f.name]}
        error={errors[f.name]}
        disabled={busy}
        onChange={(v) => onChange(f.name, v)}
      />
    ));

  const body = form.html ? (
    <>
      <HtmlPage title={form.name} html={form.html} />
      {onClose && (
        <div className="agent-form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            <Trans>Close</Trans>
          </button>
        </div>
      )}
    </>
  ) : (
    <form className="agent-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      {form.description && <p className="agent-form-description">{form.description}</p>}
      <div className="agent-grid">{renderFields(main)}</div>
      {extra.length > 0 && (
        <details className="agent-more" open={hasExtraError || undefined}>
          <summary>
            <Trans>More details</Trans>
          </summary>
          <div className="agent-grid">{renderFields(extra)}</div>
        </details>
      )}
      {message && (
        <p className="agent-form-message" role="alert">
          {message}
        </p>
      )}
      <div className="agent-form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {form.submitLabel ?? <Trans context="form button">Submit</Trans>}
        </button>
        {onClose && (
          <button type="button" className="button button-secondary" onClick={onClose}>
            <Trans>Cancel</Trans>
          </button>
        )}
      </div>
    </form>
  );

  const heading = (
    <Heading id={titleId} ref={headingRef} tabIndex={-1} className="agent-form-title">
      {form.name}
    </Heading>
  );
  return (
    <section className="agent-form-panel" aria-labelledby={titleId} data-form-id={form.id}>
      {form.collapse ? (
        <details className="agent-form-collapse" open>
          <summary>{heading}</summary>
          {body}
        </details>
      ) : (
        <>
          {heading}
          {body}
        </>
      )}
    </section>
  );
}
