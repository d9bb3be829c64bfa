/** The upload answer of `POST /api/attachments` (ADR 0024), shared by the app and the server. */
import { z } from 'zod';
import { ATTACHMENT_ID, ATTACHMENT_MAX_NAME, ATTACHMENT_TYPES, ATTACHMENTS_PATH } from '../lib/attachments';

/** `POST /api/attachments` answers this (201). `url` is same-origin; the message carries it absolute. */
export const UploadedAttachment = z.object({
  id: z.string().regex(ATTACHMENT_ID),
  url: z.string().startsWith(`${ATTACHMENTS_PATH}/`),
  type: z.enum(ATTACHMENT_TYPES),
  name: z
    .string()
    .min(1)
    .max(ATTACHMENT_MAX_NAME * 2),
  size: z.number().int().positive(),
});
export type UploadedAttachment = z.infer<typeof UploadedAttachment>;
