import { Trans, useLingui } from '@lingui/react/macro';
import { plural } from '@lingui/core/macro';
import { useMemo } from 'react';
import type { FieldModel } from '../../actions';
import type { AgentFieldValue } from '../../api/schemas';
import { sanitizeHtml } from './sanitize';

interface FormFieldProps {
  idPrefix: string;
  field: FieldModel;
  value: AgentFieldValue | undefined;
  error: string | undefined;
  disabled: boolean;
  onChange(value: AgentFieldValue): void;
}

const INPUT_TYPES: Record<string, string> = {
  text: 'text',
  number: 'text',
  email: 'email',
  tel: 'tel',
  date: 'date',
};
const INPUT_MODE: Record<string, 'decimal' | 'email' | 'tel' | undefined> = {
  number: 'decimal',
  email: 'email',
  tel: 'tel',
};

/** One field from a server schema: label, control, error wired through aria attributes. */
export function FormField(props: FormFieldProps) {
  const { field } = props;
  if (field.type === 'html') return <HtmlField field={field} />;
  if (field.type === 'select' && field.multiple) return <MultiSelectField {...props} />;
  return <SingleField {...props} />;
}

/** Static text of a form: the operator's HTML, sanitised with DOMPurify like every custom page. */
function HtmlField({ field }: { field: FieldModel }) {
  const clean = useMemo(() => sanitizeHtml(field.html), [field.html]);
  return (
    <div
      className={`agent-col agent-col-${field.width} agent-html`}
      data-testid="agent-form-html"
      dangerouslySetInnerHTML={{ __html: clean }}
    />
  );
}

/** How many options a multiple select takes, in words ("Choose 2 to 3."), or null without limits. */
function useChoiceHint(field: FieldModel): string | null {
  const { t } = useLingui();
  const min = field.minSelect ?? 0;
  const max = field.maxSelect;
  // `count`: the same catalog entries as the runner's errors (src/stores/action-wording.ts).
  if (max !== null && min > 0 && min === max) {
    const count = min;
    return plural(count, { one: 'Choose # option.', other: 'Choose # options.' });
  }
  if (max !== null && min > max) return null; // limits the builder refuses: nothing true to say
  if (max !== null && min > 0) return t`Choose ${min} to ${max} options.`;
  if (min > 0) {
    const count = min;
    return plural(count, { one: 'Choose at least # option.', other: 'Choose at least # options.' });
  }
  if (max !== null) {
    const count = max;
    return plural(count, { one: 'Choose at most # option.', other: 'Choose at most # options.' });
  }
  return null;
}

/** A select where several options may be chosen: a group of checkboxes with its limits said. */
function MultiSelectField({ idPrefix, field, value, error, disabled, onChange }: FormFieldProps) {
  const id = `${idPrefix}-${field.name}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hint = useChoiceHint(field);
  const chosen = Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : [];
  const toggle = (option: string, on: boolean) =>
    onChange(
      on
        ? field.options.map((o) => o.value).filter((v) => v === option || chosen.includes(v))
        : chosen.filter((v) => v !== option),
    );
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <fieldset
      className={`agent-col agent-col-${field.width} field agent-choices`}
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
      data-field-name={field.name}
    >
      <legend className="field-label">
        {field.label || field.name}
        {field.required && (
          <span className="agent-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </legend>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {field.options.map((o, i) => (
        <div key={o.value} className="field field-checkbox">
          <input
            id={`${id}-${i}`}
            type="checkbox"
            name={field.name}
            value={o.value}
            disabled={disabled || field.disabled}
            checked={chosen.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
          />
          <label htmlFor={`${id}-${i}`}>{o.label}</label>
        </div>
      ))}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function SingleField({ idPrefix, field, value, error, disabled, onChange }: FormFieldProps) {
  const id = `${idPrefix}-${field.name}`;
  const errorId = `${id}-error`;
  const text =
    value === null || value === undefined || typeof value === 'boolean' || Array.isArray(value)
      ? ''
      : String(value);
  const common = {
    id,
    name: field.name,
    disabled: disabled || field.disabled,
    required: field.required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
  };
  const width = `agent-col agent-col-${field.width}`;
  const errorText = error && (
    <p id={errorId} className="field-error">
      {error}
    </p>
  );
  const label = (
    <>
      {field.label || field.name}
      {field.required && (
        <span className="agent-required" aria-hidden="true">
          {' '}
          *
        </span>
      )}
    </>
  );

  if (field.type === 'checkbox') {
    return (
      <div className={`${width} field`}>
        <div className="field field-checkbox">
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          <label htmlFor={id}>{label}</label>
        </div>
        {errorText}
      </div>
    );
  }

  let control;
  if (field.type === 'textarea' || field.multiline) {
    control = (
      <textarea
        {...common}
        className="field-input agent-textarea"
        rows={3}
        placeholder={field.placeholder || undefined}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  } else if (field.type === 'select') {
    const hasEmpty = field.options.some((o) => o.value === '');
    control = (
      <select {...common} className="field-input" value={text} onChange={(e) => onChange(e.target.value)}>
        {!hasEmpty && (field.required || text === '') && (
          <option value="">
            <Trans>Choose…</Trans>
          </option>
        )}
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        {...common}
        className="field-input"
        type={INPUT_TYPES[field.type] ?? 'text'}
        inputMode={INPUT_MODE[field.type]}
        placeholder={field.placeholder || undefined}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={`${width} field`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {control}
      {errorText}
    </div>
  );
}
