import { useLingui } from '@lingui/react/macro';
import { KEYPAD_KEYS } from './keys';

interface KeypadProps {
  onKey(digit: string): void;
}

/** The 12-key pad. Buttons are named by their digit ("1", "*", "#"); letters are aria-hidden. */
export function Keypad({ onKey }: KeypadProps) {
  const { t } = useLingui();
  // A phone keypad reads 1-2-3 left to right in every language: dir="ltr" keeps it unmirrored in Arabic.
  return (
    <div className="keypad" role="group" aria-label={t`Keypad`} dir="ltr">
      {KEYPAD_KEYS.map(({ digit, letters }) => (
        <button key={digit} type="button" className="keypad-key" onClick={() => onKey(digit)}>
          <span className="keypad-digit">{digit}</span>
          <span className="keypad-letters" aria-hidden="true">
            {letters}
          </span>
        </button>
      ))}
    </div>
  );
}
