import { Trans, useLingui } from '@lingui/react/macro';
import { useId } from 'react';

export interface DeviceSelectOption {
  readonly id: string;
  readonly label: string;
}

interface DeviceSelectProps {
  label: string;
  options: readonly DeviceSelectOption[];
  /** The device in use; undefined: the browser's default. */
  value: string | undefined;
  onChange(id: string | undefined): void;
  testId?: string;
}

/** A labelled device picker whose first entry is the browser's default device. */
export function DeviceSelect({ label, options, value, onChange, testId }: DeviceSelectProps) {
  const id = useId();
  const { t } = useLingui();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select
        id={id}
        className="field-input"
        data-testid={testId}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || undefined)}
      >
        <option value="">
          <Trans context="device">Default</Trans>
        </option>
        {options.map((option, index) => (
          // The browser's device label is not our text (data-i18n-data: left out of the Arabic e2e's check).
          <option key={option.id} value={option.id} data-i18n-data={option.label ? true : undefined}>
            {option.label || t`${label} ${index + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}
