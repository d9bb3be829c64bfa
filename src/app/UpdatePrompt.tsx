import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useState } from 'react';
import { selectHasCall, useCallsStore } from '../stores/calls';
import { registerServiceWorker } from './sw-register';

/** "A new version is available" with Reload, which stays disabled while a call exists. */
export function UpdatePrompt() {
  const [updates] = useState(() =>
    registerServiceWorker({ inCall: () => selectHasCall(useCallsStore.getState()) }),
  );
  const [waiting, setWaiting] = useState(false);
  const [deferred, setDeferred] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const inCall = useCallsStore(selectHasCall);
  const { t } = useLingui();

  useEffect(() => updates?.onWaiting(() => setWaiting(true)), [updates]);
  useEffect(() => updates?.onDeferred(() => setDeferred(true)), [updates]);

  if (!waiting || dismissed || !updates) return null;

  return (
    <aside
      className={inCall ? 'update-prompt update-prompt-in-call' : 'update-prompt'}
      aria-label={t`Update available`}
    >
      <p className="update-text" aria-live="polite">
        <Trans>A new version is available</Trans>
        {inCall && (
          <span id="update-after-call">
            {' '}
            <Trans>(you can reload after your call)</Trans>
          </span>
        )}
        {!inCall && deferred && (
          <span>
            {' '}
            <Trans>(waiting for a call in another tab to end)</Trans>
          </span>
        )}
      </p>
      <div className="update-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={inCall}
          aria-describedby={inCall ? 'update-after-call' : undefined}
          onClick={() => {
            setDeferred(false);
            updates.applyUpdate();
          }}
        >
          <Trans>Reload</Trans>
        </button>
        {!inCall && (
          <button type="button" className="button button-secondary" onClick={() => setDismissed(true)}>
            <Trans>Later</Trans>
          </button>
        )}
      </div>
    </aside>
  );
}
