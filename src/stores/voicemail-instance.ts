import { createIdbVoicemailCache, memoryVoicemailCache } from '../storage/voicemail-cache-repository';
import { platformApi } from './phone-bridge-instance';
import { useRegistrationStore } from './registration';
import { createVoicemailInbox } from './voicemail';

/** The app's one voicemail inbox (module-level like the other instances, ADR 0004). */
export const voicemailInbox = createVoicemailInbox(platformApi.voicemail, {
  cache: typeof indexedDB === 'undefined' ? memoryVoicemailCache() : createIdbVoicemailCache(),
  account: () => useRegistrationStore.getState().account,
});

// Another account's messages never stay on screen: signing out or switching empties the list.
useRegistrationStore.subscribe((state, previous) => {
  if (state.account !== previous.account) voicemailInbox.reset();
});
