/** The Voicemail tab's calls to the platform API. Audio is not fetched here: `<audio>` streams it. */
import type { Http } from './client';
import { VoicemailList } from './voicemail-schemas';

export interface VoicemailApi {
  /** `GET /api/voicemail`: one page, newest first, with the mailbox counts. */
  list(cursor?: string): Promise<VoicemailList>;
  /** `POST /api/voicemail/:id/heard`. */
  markHeard(id: string): Promise<void>;
  /** `DELETE /api/voicemail/:id`. */
  remove(id: string): Promise<void>;
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
    async markHeard(id) {
      await http.request('POST', `${base(id)}/heard`, VoicemailList.shape.counts);
    },
    async remove(id) {
      await http.request('DELETE', base(id), VoicemailList.shape.counts);
    },
  };
}
