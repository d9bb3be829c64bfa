import { useState } from 'react';
import {
  notificationPermission,
  requestNotificationPermission,
  type NotificationSupport,
} from '../../lib/notifications';

const STATUS: Record<NotificationSupport, string> = {
  granted: 'Notifications are on: incoming calls show up even when Openline is in the background.',
  denied: 'Notifications are blocked. Allow them for this site in your browser settings.',
  default:
    'Get a notification with Answer and Decline when a call comes in while Openline is in the background.',
  unsupported: 'This browser cannot show call notifications.',
};

/** Asks for notification permission, only when the user presses the button. */
export function NotificationsSetting() {
  const [permission, setPermission] = useState<NotificationSupport>(notificationPermission);

  return (
    <div className="settings-notifications">
      <p id="notifications-status" className="field-hint" aria-live="polite">
        {STATUS[permission]}
      </p>
      {permission !== 'unsupported' && (
        <button
          type="button"
          className="button button-secondary"
          aria-describedby="notifications-status"
          disabled={permission !== 'default'}
          onClick={() => void requestNotificationPermission().then(setPermission)}
        >
          Enable notifications
        </button>
      )}
    </div>
  );
}
