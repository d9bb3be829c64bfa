import { platformApi } from './phone-bridge-instance';
import { createVoicemailInbox } from './voicemail';

/** The app's one voicemail inbox (module-level like the other instances, ADR 0004). */
export const voicemailInbox = createVoicemailInbox(platformApi.voicemail);
