import { create } from 'zustand';
import { RegistrationState, type RegistrationError } from '../phone/types';

export interface RegistrationStoreState {
  state: RegistrationState;
  error: RegistrationError | null;
  /** The WebSocket URL of the latest sign-in attempt (for error messages). */
  wsUrl: string | null;
  /** The signed-in SIP address (`user@domain`), null when signed out: what per-account data is keyed by. */
  account: string | null;
}

export const useRegistrationStore = create<RegistrationStoreState>()(() => ({
  state: RegistrationState.Unregistered,
  error: null,
  wsUrl: null,
  account: null,
}));

/** A sentence telling the user what went wrong with signing in. */
export function registrationErrorMessage(error: RegistrationError, wsUrl: string | null): string {
  switch (error.kind) {
    case 'auth':
      return 'Wrong username or password';
    case 'credentials':
      return error.message;
    case 'transport':
      return wsUrl ? `Cannot reach the SIP server at ${wsUrl}` : 'Cannot reach the SIP server';
    case 'rejected':
      return `The SIP server refused sign-in (${error.status}${error.message ? ` ${error.message}` : ''})`;
    case 'config':
      return error.message || 'The account settings are invalid';
  }
}

/** The text of the header status: one of a fixed set of labels, or the failure sentence. */
export function registrationLabel({ state, error, wsUrl }: RegistrationStoreState): string {
  switch (state) {
    case RegistrationState.Registered:
      return 'Registered';
    case RegistrationState.Registering:
      return 'Registering…';
    case RegistrationState.Reconnecting:
      return 'Reconnecting…';
    case RegistrationState.Unregistering:
      return 'Signing out…';
    case RegistrationState.Failed:
      return error ? registrationErrorMessage(error, wsUrl) : 'Not registered';
    case RegistrationState.Unregistered:
      return 'Not registered';
  }
}

/** The error to show on the Settings form, while the failure is current. */
export function selectSignInError(s: RegistrationStoreState): string | null {
  if (!s.error) return null;
  if (s.state === RegistrationState.Failed || s.state === RegistrationState.Reconnecting) {
    return registrationErrorMessage(s.error, s.wsUrl);
  }
  if (s.state === RegistrationState.Unregistered && s.error.kind === 'config') {
    return registrationErrorMessage(s.error, s.wsUrl);
  }
  return null;
}
