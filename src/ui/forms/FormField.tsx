import { Trans } from '@lingui/react/macro';
import type { FieldModel } from '../../actions';
import type { AgentFieldValue } from '../../api/schemas';

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
export function FormField({ idPrefix, field, value, error, disabled, onChange }: FormFieldProps) {
  const id = `${idPrefix}-${field.name}`;
  const errorId = `${id}-error`;
  const text = value === null || value === undefined || typeof value === 'boolean' ? '' : String(value);
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
