import { INITIAL_CALLS_STATE, useCallsStore } from '../calls';
import { useRegistrationStore } from '../registration';
import { useSettingsStore } from '../settings';

/** Puts the module-level stores the session service writes back to their first state (between tests). */
export function resetSessionStores(): void {
  useCallsStore.setState(INITIAL_CALLS_STATE, true);
  useRegistrationStore.setState(useRegistrationStore.getInitialState(), true);
  useSettingsStore.setState(useSettingsStore.getInitialState(), true);
}
