import { useId, useRef, useState, type ClipboardEvent, type FormEvent } from 'react';
import type { CountryCode } from 'libphonenumber-js';
import { normalizeDialTarget, stripFormatting } from '../../lib/phone-number';
import { Keypad } from './Keypad';

export interface DialpadProps {
  /** Calls can be placed (registered). */
  canCall: boolean;
  /** Why calls cannot be placed, when `canCall` is false. */
  blockedReason: string;
  initialValue?: string;
  region?: CountryCode;
  /** A failure reported by the phone (e.g. no microphone). */
  callError?: string | null;
  onCall(target: string, video: boolean): void;
}

/** Number entry, keypad and the two call buttons. */
export function Dialpad({
  canCall,
  blockedReason,
  initialValue = '',
  region,
  callError,
  onCall,
}: DialpadProps) {
  const [value, setValue] = useState(initialValue);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();
  const reasonId = useId();

  const empty = value.trim() === '';
  const reason = !canCall ? blockedReason : empty ? 'Enter a number or SIP address first' : null;

  const update = (next: string) => {
    setValue(next);
    setError(null);
  };

  const call = (video: boolean) => {
    if (reason) return;
    const result = normalizeDialTarget(value, region);
    if (!result.ok) {
      setError(result.error);
      inputRef.current?.focus();
      return;
    }
    onCall(result.value, video);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    call(false);
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text');
    if (!text) return;
    event.preventDefault();
    const input = event.currentTarget;
    const start = input.selectionStart ?? value.length;
    const end = input.selectionEnd ?? value.length;
    update(value.slice(0, start) + stripFormatting(text) + value.slice(end));
  };

  const describedBy = [error ? errorId : null, callError ? `${errorId}-call` : null]
    .filter(Boolean)
    .join(' ');

  return (
    <form className="dialpad" onSubmit={onSubmit} noValidate>
      <div className="dialpad-entry">
        <label htmlFor={inputId} className="dialpad-label">
          Number or SIP address
        </label>
        <div className="dialpad-input-row">
          <input
            ref={inputRef}
            id={inputId}
            className="dialpad-input"
            type="text"
            inputMode="tel"
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="go"
            value={value}
            onChange={(e) => update(e.target.value)}
            onPaste={onPaste}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy || undefined}
          />
          <button
            type="button"
            className="icon-button dialpad-backspace"
            aria-label="Delete last digit"
            disabled={empty}
            onClick={() => update(value.slice(0, -1))}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path
                d="M9 5h10a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-6-7 6-7Zm3 4 6 6m0-6-6 6"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
          </button>
        </div>
        {error && (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        )}
        {callError && (
          <p id={`${errorId}-call`} className="field-error" role="alert">
            {callError}
          </p>
        )}
      </div>

      <Keypad onKey={(digit) => update(value + digit)} />

      <div className="dialpad-actions">
        <button
          type="submit"
          className="button button-call"
          disabled={reason !== null}
          title={reason ?? undefined}
          aria-describedby={reason ? reasonId : undefined}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              d="M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.46.57 3.6a1 1 0 0 1-.25 1l-2.2 2.2Z"
              fill="currentColor"
            />
          </svg>
          Audio call
        </button>
        <button
          type="button"
          className="button button-call"
          disabled={reason !== null}
          title={reason ?? undefined}
          aria-describedby={reason ? reasonId : undefined}
          onClick={() => call(true)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              d="M3 7a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7Zm14 3 4-3v10l-4-3v-4Z"
              fill="currentColor"
            />
          </svg>
          Video call
        </button>
      </div>
      {reason && (
        <p id={reasonId} className={canCall ? 'visually-hidden' : 'dialpad-reason'}>
          {reason}
        </p>
      )}
    </form>
  );
}
