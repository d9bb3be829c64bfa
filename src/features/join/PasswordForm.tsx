import { useId, useState, type FormEvent } from 'react';
import type { LinkError } from '../../webcall/errors';
import { describeLinkError } from '../../stores/webcall-join';
import type { OpenedLink } from '../../webcall/link';
import type { JoinPayload } from '../../webcall/payload';
import { formatTime } from './messages';

interface PasswordFormProps {
  link: Extract<OpenedLink, { kind: 'protected' }>;
  onUnlocked(payload: JoinPayload): void;
  onLinkError(error: LinkError): void;
}

/** The link is password-protected: ask, decrypt in the browser, let the customer retry. */
export function PasswordForm({ link, onUnlocked, onLinkError }: PasswordFormProps) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password || busy) return;
    setBusy(true);
    setError(null);
    const result = await link.unlock(password);
    setBusy(false);
    if (result.ok) return onUnlocked(result.value);
    if (result.error.code === 'wrong-password') {
      setError(describeLinkError(result.error, formatTime));
      setPassword('');
      document.getElementById(`${id}-password`)?.focus();
      return;
    }
    onLinkError(result.error);
  };

  return (
    <section className="join-card" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Enter the call password</h1>
      <p className="join-message">
        The person who invited you sent the password separately. The link works until{' '}
        {formatTime(link.expiresAt)}.
      </p>
      <form onSubmit={(e) => void submit(e)} className="join-form">
        <div className="field">
          <label htmlFor={`${id}-password`} className="field-label">
            Password
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
          {busy ? 'Checking…' : 'Continue'}
        </button>
      </form>
    </section>
  );
}
