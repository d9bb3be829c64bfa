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

  useEffect(() => updates?.onWaiting(() => setWaiting(true)), [updates]);
  useEffect(() => updates?.onDeferred(() => setDeferred(true)), [updates]);

  if (!waiting || dismissed || !updates) return null;

  return (
    <aside
      className={inCall ? 'update-prompt update-prompt-in-call' : 'update-prompt'}
      aria-label="Update available"
    >
      <p className="update-text" aria-live="polite">
        A new version is available
        {inCall && <span id="update-after-call"> (you can reload after your call)</span>}
        {!inCall && deferred && <span> (waiting for a call in another tab to end)</span>}
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
