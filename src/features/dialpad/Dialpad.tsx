import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useId, useRef, useState, type ClipboardEvent, type FormEvent } from 'react';
import type { CountryCode } from 'libphonenumber-js';
import { normalizeDialTarget, stripFormatting } from '../../lib/phone-number';
import { Icon } from '../../ui/icons';
import { Keypad } from './Keypad';
import { takeServiceCode } from './service-codes';

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
  /**
   * The user is about to call (typing, a call button focused or pointed at): the phone prepares the
   * call, a video call when it is the Video call button.
   */
  onIntent?(video: boolean): void;
  /** `*#0*#` was typed (never dialled): act on it and return the sentence to announce. */
  onServiceCode?(code: string): string;
}

/** Number entry, keypad and the two call buttons. */
export function Dialpad({
  canCall,
  blockedReason,
  initialValue = '',
  region,
  callError,
  onCall,
  onIntent,
  onServiceCode,
}: DialpadProps) {
  const { t } = useLingui();
  const [value, setValue] = useState(initialValue);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();
  const reasonId = useId();

  const empty = value.trim() === '';
  const reason = !canCall ? blockedReason : empty ? t`Enter a number or SIP address first` : null;

  // A number from a tel: link is as good as typed. A number left in the field after a call is not:
  // only a gesture prepares then (a preparation holds a peer connection for a while).
  useEffect(() => {
    if (canCall && initialValue.trim() !== '') onIntent?.(false);
  }, [canCall, initialValue, onIntent]);

  const update = (next: string) => {
    if (canCall && next.trim() !== '') onIntent?.(false); // each keystroke keeps the preparation alive
    const service = onServiceCode && takeServiceCode(next);
    setValue(service ? service.rest : next);
    setError(null);
    setStatus(service ? onServiceCode(service.code) : '');
  };

  const audioIntent = reason === null && onIntent ? () => onIntent(false) : undefined;
  const videoIntent = reason === null && onIntent ? () => onIntent(true) : undefined;

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
          <Trans>Number or SIP address</Trans>
        </label>
        <div className="dialpad-input-row">
          <input
            ref={inputRef}
            id={inputId}
            className="dialpad-input"
            dir="ltr"
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
            aria-label={t`Delete last digit`}
            disabled={empty}
            onClick={() => update(value.slice(0, -1))}
          >
            <Icon name="backspace" />
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

      <p className="dialpad-status" role="status" aria-live="polite" data-testid="dialpad-status">
        {status}
      </p>

      <Keypad onKey={(digit) => update(value + digit)} />

      <div className="dialpad-actions">
        <button
          type="submit"
          className="button button-call"
          onFocus={audioIntent}
          onPointerEnter={audioIntent}
          disabled={reason !== null}
          title={reason ?? undefined}
          aria-describedby={reason ? reasonId : undefined}
        >
          <Icon name="phone" />
          <Trans>Audio call</Trans>
        </button>
        <button
          type="button"
          className="button button-call"
          disabled={reason !== null}
          title={reason ?? undefined}
          aria-describedby={reason ? reasonId : undefined}
          // A finger's touch enters the button about 100 ms before its click; a mouse's pointer sooner.
          onFocus={videoIntent}
          onPointerEnter={videoIntent}
          onClick={() => call(true)}
        >
          <Icon name="video-call" />
          <Trans>Video call</Trans>
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
