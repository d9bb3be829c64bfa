/** The upload answer of `POST /api/attachments` (ADR 0024), shared by the app and the server. */
import { z } from 'zod/mini';
import { ATTACHMENT_ID, ATTACHMENT_MAX_NAME, ATTACHMENT_TYPES, ATTACHMENTS_PATH } from '../lib/attachments';

/** `POST /api/attachments` answers this (201). `url` is same-origin; the message carries it absolute. */
export const UploadedAttachment = z.object({
  id: z.string().check(z.regex(ATTACHMENT_ID)),
  url: z.string().check(z.startsWith(`${ATTACHMENTS_PATH}/`)),
  type: z.enum(ATTACHMENT_TYPES),
  name: z.string().check(z.minLength(1), z.maxLength(ATTACHMENT_MAX_NAME * 2)),
  size: z.int().check(z.positive()),
});
export type UploadedAttachment = z.infer<typeof UploadedAttachment>;
