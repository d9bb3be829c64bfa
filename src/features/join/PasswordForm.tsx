import { Trans, useLingui } from '@lingui/react/macro';
import { useId, useState, type FormEvent } from 'react';
import type { UnlockResult } from '../../stores/join-page';
import { formatTime } from './messages';

interface PasswordFormProps {
  expiresAt: Date;
  /** Decrypts the link; any failure but a wrong password moves the page on by itself. */
  onUnlock(password: string): Promise<UnlockResult>;
}

/** The link is password-protected: ask, decrypt in the browser, let the customer retry. */
export function PasswordForm({ expiresAt, onUnlock }: PasswordFormProps) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const { t } = useLingui();
  const until = formatTime(expiresAt);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password || busy) return;
    setBusy(true);
    setError(null);
    const result = await onUnlock(password);
    setBusy(false);
    if (result.ok) return;
    setError(result.message);
    setPassword('');
    document.getElementById(`${id}-password`)?.focus();
  };

  return (
    <section className="join-card" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t`Enter the call password`}</h1>
      <p className="join-message">
        <Trans>The person who invited you sent the password separately. The link works until {until}.</Trans>
      </p>
      <form onSubmit={(e) => void submit(e)} className="join-form">
        <div className="field">
          <label htmlFor={`${id}-password`} className="field-label">
            {t`Password`}
          </label>
          <input
            id={`${id}-password`}
            className="field-input"
            type="password"
            autoComplete="off"
            autoFocus
            value={password}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
          {error && (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="button button-primary" disabled={!password || busy}>
          {busy ? t`Checking…` : t`Continue`}
        </button>
      </form>
    </section>
  );
}
