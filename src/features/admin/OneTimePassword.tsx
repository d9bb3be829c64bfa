import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useRef, useState } from 'react';

/**
 * A password the server generated, shown once (it is not stored in clear anywhere): the admin copies
 * it and hands it over, then dismisses it. Focus moves here so screen readers announce it.
 */
export function OneTimePassword({
  username,
  password,
  what,
  onDone,
}: {
  username: string;
  password: string;
  what: 'created' | 'reset';
  onDone(): void;
}) {
  const { t } = useLingui();
  const ref = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => ref.current?.focus(), [password]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="admin-one-time"
      role="region"
      aria-labelledby="one-time-title"
      data-testid="one-time-password"
    >
      <h3 id="one-time-title" className="admin-one-time-title">
        {what === 'created' ? t`Password for ${username}` : t`New password for ${username}`}
      </h3>
      <p className="field-hint">
        <Trans>Shown once: copy it now and give it to the user.</Trans>
      </p>
      <code className="admin-one-time-value" data-testid="one-time-password-value">
        {password}
      </code>
      <div className="settings-actions">
        <button type="button" className="button" onClick={() => void copy()}>
          {copied ? t`Copied` : t`Copy`}
        </button>
        <button type="button" className="button" onClick={onDone}>
          <Trans>Done</Trans>
        </button>
      </div>
    </div>
  );
}
