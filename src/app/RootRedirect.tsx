import { Navigate } from 'react-router-dom';
import { RegistrationState } from '../stores/phone-types';
import { useRegistrationStore } from '../stores/registration';
import { useSettingsStore } from '../stores/settings';

/** `/` → Dialpad when signed in (or signing in), else Settings; waits for saved settings. */
export function RootRedirect() {
  const loaded = useSettingsStore((s) => s.loaded);
  const signedIn = useSettingsStore((s) => s.signedIn);
  const registered = useRegistrationStore((s) => s.state !== RegistrationState.Unregistered);
  if (!loaded) return null;
  return <Navigate to={signedIn || registered ? '/dialpad' : '/settings'} replace />;
}
