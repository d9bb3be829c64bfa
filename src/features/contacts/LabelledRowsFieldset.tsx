import { Trans } from '@lingui/react/macro';
import { ContactTextField } from './ContactTextField';

/**
 * A fieldset of rows that each pair a kind chosen from a list with a typed value, with Remove per row
 * and Add at the end: a contact's phone numbers (label + number) and channel identities (channel + id).
 * Field ids are `<idPrefix>-<i>` (value) and `<idPrefix>-<i>-kind`, so a validation error keyed
 * `<field>.<i>` can move focus to its row.
 */
export interface LabelledRowsFieldsetProps<Row> {
  legend: string;
  idPrefix: string;
  rows: readonly Row[];
  /** The kinds offered for a row (its current kind is always offered too). */
  kinds: readonly string[];
  kindOf(row: Row): string;
  /** What a kind is called on screen (the stored value stays the kind itself). */
  kindName(kind: string): string;
  withKind(row: Row, kind: string): NoInfer<Row>;
  valueOf(row: Row): string;
  withValue(row: Row, value: string): NoInfer<Row>;
  /** Accessible names: the kind select, the value field and the Remove button of row `i` (0-based). */
  kindLabel(i: number): string;
  valueLabel(row: Row, i: number): string;
  removeLabel(i: number): string;
  addLabel: string;
  blankRow: NoInfer<Row>;
  valueType?: 'tel' | 'text';
  /** An error for the whole group, and per row. */
  error?: string;
  rowError(i: number): string | undefined;
  onChange(rows: Row[]): void;
}

export function LabelledRowsFieldset<Row>(props: LabelledRowsFieldsetProps<Row>) {
  const { rows, idPrefix, onChange } = props;
  const replace = (i: number, row: Row) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <fieldset className="contact-fieldset">
      <legend>{props.legend}</legend>
      {props.error && <p className="field-error">{props.error}</p>}
      {rows.map((row, i) => (
        <div className="contact-row" key={i}>
          <label className="visually-hidden" htmlFor={`${idPrefix}-${i}-kind`}>
            {props.kindLabel(i)}
          </label>
          <select
            id={`${idPrefix}-${i}-kind`}
            className="field-input contact-label"
            value={props.kindOf(row)}
            onChange={(e) => replace(i, props.withKind(row, e.target.value))}
          >
            {[...new Set([...props.kinds, props.kindOf(row)])].map((k) => (
              <option key={k} value={k}>
                {props.kindName(k)}
              </option>
            ))}
          </select>
          <ContactTextField
            id={`${idPrefix}-${i}`}
            label={props.valueLabel(row, i)}
            type={props.valueType}
            value={props.valueOf(row)}
            error={props.rowError(i)}
            onChange={(v) => replace(i, props.withValue(row, v))}
          />
          <button
            type="button"
            className="button button-secondary"
            aria-label={props.removeLabel(i)}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            <Trans>Remove</Trans>
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => onChange([...rows, props.blankRow])}
      >
        {props.addLabel}
      </button>
    </fieldset>
  );
}
