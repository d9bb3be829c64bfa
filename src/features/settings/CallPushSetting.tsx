import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect } from 'react';
import { useCallPushStore } from '../../stores/call-push-instance';

const HINT: Record<string, MessageDescriptor | null> = {
  on: msg`This device rings for your calls even when Openline is closed (through your browser’s push service).`,
  off: msg`Let this device ring for your calls when Openline is closed. Your browser asks for notification permission.`,
  busy: msg`Working…`,
  unknown: null,
  unsupported: msg`This browser cannot ring while Openline is closed. On iPhone and iPad, add Openline to the Home Screen first (iOS 16.4 or later).`,
};

/** "Ring when Openline is closed": shown after sign-in only; asks for permission only on a click. */
export function CallPushSetting() {
  const { i18n } = useLingui();
  const status = useCallPushStore((s) => s.status);
  const error = useCallPushStore((s) => s.error);
  const refresh = useCallPushStore((s) => s.refresh);
  const enable = useCallPushStore((s) => s.enable);
  const disable = useCallPushStore((s) => s.disable);
  const hint = HINT[status];

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <div className="settings-call-push">
      <div className="field field-checkbox">
        <input
          id="settings-callPush"
          type="checkbox"
          role="switch"
          checked={status === 'on'}
          disabled={status === 'unsupported' || status === 'busy' || status === 'unknown'}
          aria-describedby="call-push-status"
          onChange={(e) => void (e.target.checked ? enable() : disable())}
        />
        <label htmlFor="settings-callPush">
          <Trans>Ring when Openline is closed</Trans>
        </label>
      </div>
      <p id="call-push-status" className="field-hint" aria-live="polite">
        {hint ? i18n._(hint) : ''}
      </p>
      {error && (
        <p className="settings-error" role="alert" data-testid="call-push-error">
          {error}
        </p>
      )}
    </div>
  );
}
