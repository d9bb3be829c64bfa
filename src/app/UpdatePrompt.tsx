import { useEffect, useState } from 'react';
import { selectHasCall, useCallsStore } from '../stores/calls';
import { registerServiceWorker } from './sw-register';

/** "A new version is available" with Reload, which stays disabled while a call exists. */
export function UpdatePrompt() {
  const [updates] = useState(registerServiceWorker);
  const [waiting, setWaiting] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const inCall = useCallsStore(selectHasCall);

  useEffect(() => updates?.onWaiting(() => setWaiting(true)), [updates]);

  if (!waiting || dismissed || !updates) return null;

  return (
    <aside
      className={inCall ? 'update-prompt update-prompt-in-call' : 'update-prompt'}
      aria-label="Update available"
    >
      <p className="update-text" aria-live="polite">
        A new version is available
        {inCall && <span id="update-after-call"> (you can reload after your call)</span>}
      </p>
      <div className="update-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={inCall}
          aria-describedby={inCall ? 'update-after-call' : undefined}
          onClick={() => updates.applyUpdate()}
        >
          Reload
        </button>
        {!inCall && (
          <button type="button" className="button button-secondary" onClick={() => setDismissed(true)}>
            Later
          </button>
        )}
      </div>
    </aside>
  );
}
