import { t } from '@lingui/core/macro';
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

/**
 * A sentence telling the user what went wrong with signing in, in the active language (issue 13): made
 * when a screen selects it, so a change of language shows at the next render. A 'credentials' or
 * 'config' message comes from the layer that found the problem and is shown as it is.
 */
export function registrationErrorMessage(error: RegistrationError, wsUrl: string | null): string {
  switch (error.kind) {
    case 'auth':
      return t`Wrong username or password`;
    case 'credentials':
      return error.message;
    case 'transport':
      return wsUrl ? t`Cannot reach the SIP server at ${wsUrl}` : t`Cannot reach the SIP server`;
    case 'rejected': {
      // The reason phrase is the server's own wording (protocol text): shown as received.
      const status = error.message ? `${error.status} ${error.message}` : String(error.status);
      return t`The SIP server refused sign-in (${status})`;
    }
    case 'config':
      return error.message || t`The account settings are invalid`;
    case 'blocked': {
      const url = error.url;
      return t`This site's security policy does not allow connecting to ${url}. Ask its administrator to allow this SIP server.`;
    }
  }
}

/** The text of the header status: one of a fixed set of labels, or the failure sentence. */
export function registrationLabel({ state, error, wsUrl }: RegistrationStoreState): string {
  switch (state) {
    case RegistrationState.Registered:
      return t`Registered`;
    case RegistrationState.Registering:
      return t`Registering…`;
    case RegistrationState.Reconnecting:
      return t`Reconnecting…`;
    case RegistrationState.Unregistering:
      return t`Signing out…`;
    case RegistrationState.Failed:
      return error ? registrationErrorMessage(error, wsUrl) : t`Not registered`;
    case RegistrationState.Unregistered:
      return t`Not registered`;
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
