import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import { useState } from 'react';
import {
  notificationPermission,
  requestNotificationPermission,
  type NotificationSupport,
} from '../../lib/notifications';

const STATUS: Record<NotificationSupport, MessageDescriptor> = {
  granted: msg`Notifications are on: incoming calls show up even when Openline is in the background.`,
  denied: msg`Notifications are blocked. Allow them for this site in your browser settings.`,
  default: msg`Get a notification with Answer and Decline when a call comes in while Openline is in the background.`,
  unsupported: msg`This browser cannot show call notifications.`,
};

/** Asks for notification permission, only when the user presses the button. */
export function NotificationsSetting() {
  const { i18n } = useLingui();
  const [permission, setPermission] = useState<NotificationSupport>(notificationPermission);

  return (
    <div className="settings-notifications">
      <p id="notifications-status" className="field-hint" aria-live="polite">
        {i18n._(STATUS[permission])}
      </p>
      {permission !== 'unsupported' && (
        <button
          type="button"
          className="button button-secondary"
          aria-describedby="notifications-status"
          disabled={permission !== 'default'}
          onClick={() => void requestNotificationPermission().then(setPermission)}
        >
          <Trans>Enable notifications</Trans>
        </button>
      )}
    </div>
  );
}
