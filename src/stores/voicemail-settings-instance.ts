import { platformApi } from './phone-bridge-instance';
import { useRegistrationStore } from './registration';
import { createVoicemailSettingsStore } from './voicemail-settings';

/** The app's one voicemail-settings state (module-level like the other instances, ADR 0004). */
export const useVoicemailSettingsStore = createVoicemailSettingsStore(platformApi.voicemailSettings);

// Another account's settings never stay on screen.
useRegistrationStore.subscribe((state, previous) => {
  if (state.account !== previous.account) useVoicemailSettingsStore.getState().reset();
});
