/**
 * Voicemail wire schemas, shared by the app (src/api/voicemail.ts) and the reference server
 * (server/voicemail). Free of DOM and Node imports: both sides compile it.
 */
import { z } from 'zod';

export const VoicemailMessage = z.object({
  id: z.string(),
  /** SIP user or number of the caller. */
  caller: z.string(),
  /** Display name the caller's side sent (may be empty). */
  callerName: z.string(),
  callId: z.string(),
  durationMs: z.number().int().nonnegative(),
  /** Epoch milliseconds. */
  receivedAt: z.number().int(),
  heard: z.boolean(),
  mediaType: z.enum(['audio/ogg', 'audio/webm', 'audio/wav']),
  sizeBytes: z.number().int().positive(),
});
export type VoicemailMessage = z.infer<typeof VoicemailMessage>;

export const VoicemailCounts = z.object({
  unheard: z.number().int().nonnegative(),
  heard: z.number().int().nonnegative(),
});
export type VoicemailCounts = z.infer<typeof VoicemailCounts>;

/** `GET /api/voicemail?limit=&cursor=`: newest first. */
export const VoicemailList = z.object({
  messages: z.array(VoicemailMessage),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next: z.string().nullable(),
  counts: VoicemailCounts,
});
export type VoicemailList = z.infer<typeof VoicemailList>;

/** Metadata fields of `POST /api/voicemail` (multipart, server-to-server). */
export const VoicemailIngestFields = z.object({
  /** The mailbox: a local username. */
  mailbox: z.string().regex(/^[A-Za-z0-9._+-]{1,64}$/, 'must be a local username'),
  caller: z.string().trim().min(1).max(128),
  callerName: z.string().trim().max(128).optional(),
  callId: z.string().trim().max(256).optional(),
  /** Required for WebM (its length is not in the header); read from the file for Ogg and WAV. */
  durationMs: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 3600 * 1000)
    .optional(),
  /** Epoch milliseconds; defaults to the time of the upload. */
  receivedAt: z.coerce.number().int().positive().optional(),
});
export type VoicemailIngestFields = z.infer<typeof VoicemailIngestFields>;
