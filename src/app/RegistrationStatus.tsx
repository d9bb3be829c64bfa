import { RegistrationState } from '../stores/phone-types';
import { registrationLabel, useRegistrationStore } from '../stores/registration';

const TONE: Record<RegistrationState, string> = {
  [RegistrationState.Registered]: 'ok',
  [RegistrationState.Registering]: 'busy',
  [RegistrationState.Reconnecting]: 'busy',
  [RegistrationState.Unregistering]: 'busy',
  [RegistrationState.Unregistered]: 'off',
  [RegistrationState.Failed]: 'error',
};

/** Always-visible registration state in the header. */
export function RegistrationStatus() {
  const state = useRegistrationStore((s) => s.state);
  const label = useRegistrationStore(registrationLabel);
  return (
    <p className={`registration registration-${TONE[state]}`}>
      <span className="registration-dot" aria-hidden="true" />
      <span role="status" data-testid="registration-status">
        {label}
      </span>
    </p>
  );
}
