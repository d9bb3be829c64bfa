/** Chat attachments (ADR 0024): `POST /api/attachments`, multipart with the recipient and one file. */
import { ATTACHMENT_UPLOAD_HEADER, ATTACHMENTS_PATH } from '../lib/attachments';
import { UploadedAttachment } from './attachment-schemas';
import type { Http } from './client';

export interface AttachmentsApi {
  /** Uploads `file` for the peer `to` (`sip:user@domain`): only the two of them may fetch it. */
  upload(file: Blob, name: string, to: string): Promise<UploadedAttachment>;
}

export function attachmentsApi(http: Http): AttachmentsApi {
  return {
    upload: (file, name, to) => {
      const form = new FormData();
      form.append('to', to); // before the file: the server reads the parts in order
      form.append('file', file, name);
      return http.request('POST', ATTACHMENTS_PATH, UploadedAttachment, {
        body: form,
        headers: { [ATTACHMENT_UPLOAD_HEADER]: '1' },
      });
    },
  };
}
