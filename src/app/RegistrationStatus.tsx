import { useLingui } from '@lingui/react/macro';
import { RegistrationState } from '../stores/phone-types';
import { registrationLabel, useRegistrationStore } from '../stores/registration';
import { useOnline } from './useOnline';

const TONE: Record<RegistrationState, string> = {
  [RegistrationState.Registered]: 'ok',
  [RegistrationState.Registering]: 'busy',
  [RegistrationState.Reconnecting]: 'busy',
  [RegistrationState.Unregistering]: 'busy',
  [RegistrationState.Unregistered]: 'off',
  [RegistrationState.Failed]: 'error',
};

/**
 * Always-visible registration state in the header. Without a network it says "Offline" (the engine
 * registers again by itself when the network returns; History, Contacts and Voicemail still show
 * what is stored on this device).
 */
export function RegistrationStatus() {
  const online = useOnline();
  const state = useRegistrationStore((s) => s.state);
  const label = useRegistrationStore(registrationLabel);
  const { t } = useLingui();
  return (
    <p
      className={`registration registration-${online ? TONE[state] : 'off'}`}
      title={online ? undefined : t`No network. Openline signs in again when the network returns.`}
    >
      <span className="registration-dot" aria-hidden="true" />
      <span role="status" data-testid="registration-status">
        {online ? label : t`Offline`}
      </span>
    </p>
  );
}
