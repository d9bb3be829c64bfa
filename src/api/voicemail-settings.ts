/** Settings → Voicemail: the signed-in user's own no-answer time, on/off and greeting. */
import type { Http } from './client';
import { VoicemailSettings, type VoicemailSettingsUpdate } from './voicemail-schemas';

export interface VoicemailSettingsApi {
  /** `GET /api/voicemail/settings` */
  get(): Promise<VoicemailSettings>;
  /** `PUT /api/voicemail/settings` */
  save(update: VoicemailSettingsUpdate): Promise<VoicemailSettings>;
  /** `PUT /api/voicemail/greeting` (multipart, field `greeting`). */
  uploadGreeting(file: Blob, name: string): Promise<VoicemailSettings>;
  /** `DELETE /api/voicemail/greeting`: back to the default greeting. */
  removeGreeting(): Promise<VoicemailSettings>;
}

/** Same-origin URL of the greeting callers hear (the user's own, else the default). */
export const voicemailGreetingUrl = '/api/voicemail/greeting';

export function voicemailSettingsApi(http: Http): VoicemailSettingsApi {
  return {
    get: () => http.request('GET', '/api/voicemail/settings', VoicemailSettings),
    save: (update) => http.request('PUT', '/api/voicemail/settings', VoicemailSettings, { body: update }),
    uploadGreeting: (file, name) => {
      const form = new FormData();
      form.append('greeting', file, name);
      return http.request('PUT', voicemailGreetingUrl, VoicemailSettings, { body: form });
    },
    removeGreeting: () => http.request('DELETE', voicemailGreetingUrl, VoicemailSettings),
  };
}
