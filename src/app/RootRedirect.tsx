import { Navigate } from 'react-router-dom';
import { RegistrationState } from '../stores/phone-types';
import { useRegistrationStore } from '../stores/registration';
import { useSettingsStore } from '../stores/settings';
import { useMenuItems } from './useBranding';

/** `/` → the first tab (Dialpad unless the operator moved it) when signed in, else Settings; waits for saved settings. */
export function RootRedirect() {
  const first = useMenuItems()[0]?.path ?? '/settings';
  const loaded = useSettingsStore((s) => s.loaded);
  const signedIn = useSettingsStore((s) => s.signedIn);
  const registered = useRegistrationStore((s) => s.state !== RegistrationState.Unregistered);
  if (!loaded) return null;
  return <Navigate to={signedIn || registered ? first : '/settings'} replace />;
}
