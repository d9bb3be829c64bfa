import { useState } from 'react';
import { Navigate } from 'react-router-dom';
import { RegistrationState } from '../stores/phone-types';
import { useRegistrationStore } from '../stores/registration';
import { hasSavedSignIn } from '../stores/saved-sign-in';
import { useSettingsStore } from '../stores/settings';
import { SIGN_IN_PATH } from './start-path';
import { useMenuItems } from './useBranding';

/**
 * `/` → the first tab (Dialpad unless the operator moved it) when signed in, else Settings.
 *
 * A saved sign-in (the boot script's key) waits for the saved settings, then opens its first tab. A start
 * without one goes to the sign-in form at once instead of waiting for IndexedDB: on a first visit that read
 * creates the database, and the form is the page's largest paint (issue 10). Should the settings then
 * say signed in after all (a sign-in that never registered, so left no key), the user is on Settings,
 * where the registration's state shows.
 */
export function RootRedirect() {
  const first = useMenuItems()[0]?.path ?? SIGN_IN_PATH;
  const [expectSignedIn] = useState(hasSavedSignIn);
  const loaded = useSettingsStore((s) => s.loaded);
  const signedIn = useSettingsStore((s) => s.signedIn);
  const registered = useRegistrationStore((s) => s.state !== RegistrationState.Unregistered);
  if (!loaded && expectSignedIn) return null;
  return <Navigate to={loaded && (signedIn || registered) ? first : SIGN_IN_PATH} replace />;
}
