import { Trans } from '@lingui/react/macro';
import { useEffect, useState } from 'react';
import { Navigate } from 'react-router-dom';
import { useSettingsStore } from '../stores/settings';
import { useWebphoneConfig } from '../stores/webphone-config';

/** How long a signed-in app waits for the server to say the viewer's role before giving up on a path. */
export const ROLE_WAIT_MS = 5000;

/**
 * A path with no route: back to `/`, except while a signed-in user's role is not known yet. Routes
 * that depend on it (Admin) do not exist until the configuration answers, so a reload on `/admin`
 * would otherwise land on the Dialpad. Offline (the answer never comes) it gives up after ROLE_WAIT_MS.
 */
export function UnknownPath() {
  const loaded = useSettingsStore((s) => s.loaded);
  const signedIn = useSettingsStore((s) => s.signedIn);
  const roleKnown = useWebphoneConfig((s) => s.role !== null);
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setGaveUp(true), ROLE_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  if (!loaded || (signedIn && !roleKnown && !gaveUp)) {
    return (
      <p className="screen-loading">
        <Trans>Loading…</Trans>
      </p>
    );
  }
  return <Navigate to="/" replace />;
}
