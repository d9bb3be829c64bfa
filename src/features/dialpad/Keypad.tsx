import { KEYPAD_KEYS } from './keys';

interface KeypadProps {
  onKey(digit: string): void;
}

/** The 12-key pad. Buttons are named by their digit ("1", "*", "#"); letters are aria-hidden. */
export function Keypad({ onKey }: KeypadProps) {
  return (
    <div className="keypad" role="group" aria-label="Keypad">
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
