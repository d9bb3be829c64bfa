/** The Voicemail tab's calls to the platform API. Audio is not fetched here: `<audio>` streams it. */
import type { Http } from './client';
import { VoicemailCounts, VoicemailList } from './voicemail-schemas';

export interface VoicemailApi {
  /** `GET /api/voicemail`: one page, newest first, with the mailbox counts. */
  list(cursor?: string): Promise<VoicemailList>;
  /** `POST /api/voicemail/:id/heard` → the mailbox counts after it. */
  markHeard(id: string): Promise<VoicemailCounts>;
  /** `DELETE /api/voicemail/:id` → the mailbox counts after it. */
  remove(id: string): Promise<VoicemailCounts>;
}

const base = (id: string) => `/api/voicemail/${encodeURIComponent(id)}`;

/** Same-origin URL the player streams (Range requests, session cookie). */
export const voicemailAudioUrl = (id: string) => `${base(id)}/audio`;
/** Same-origin URL that downloads the file (Content-Disposition: attachment). */
export const voicemailDownloadUrl = (id: string) => `${base(id)}/download`;

export function voicemailApi(http: Http): VoicemailApi {
  return {
    list: (cursor) =>
      http.request(
        'GET',
        `/api/voicemail${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
        VoicemailList,
      ),
    markHeard: (id) => http.request('POST', `${base(id)}/heard`, VoicemailCounts),
    remove: (id) => http.request('DELETE', base(id), VoicemailCounts),
  };
}
