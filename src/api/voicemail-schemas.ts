/**
 * Voicemail wire schemas, shared by the app (src/api/voicemail.ts) and the reference server
 * (server/voicemail). Free of DOM and Node imports: both sides compile it.
 */
import { z } from 'zod/mini';

export const VoicemailMessage = z.object({
  id: z.string(),
  /** SIP user or number of the caller. */
  caller: z.string(),
  /** Display name the caller's side sent (may be empty). */
  callerName: z.string(),
  callId: z.string(),
  durationMs: z.int().check(z.nonnegative()),
  /** Epoch milliseconds. */
  receivedAt: z.int(),
  heard: z.boolean(),
  mediaType: z.enum(['audio/ogg', 'audio/webm', 'audio/wav']),
  sizeBytes: z.int().check(z.positive()),
});
export type VoicemailMessage = z.infer<typeof VoicemailMessage>;

export const VoicemailCounts = z.object({
  unheard: z.int().check(z.nonnegative()),
  heard: z.int().check(z.nonnegative()),
});
export type VoicemailCounts = z.infer<typeof VoicemailCounts>;

/** `GET /api/voicemail?limit=&cursor=`: newest first. */
export const VoicemailList = z.object({
  messages: z.array(VoicemailMessage),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next: z.nullable(z.string()),
  counts: VoicemailCounts,
});
export type VoicemailList = z.infer<typeof VoicemailList>;

/** Metadata fields of `POST /api/voicemail` (multipart, server-to-server). */
export const VoicemailIngestFields = z.object({
  /** The mailbox: a local username. */
  mailbox: z.string().check(z.regex(/^[A-Za-z0-9._+-]{1,64}$/, 'must be a local username')),
  caller: z.string().check(z.trim(), z.minLength(1), z.maxLength(128)),
  callerName: z.optional(z.string().check(z.trim(), z.maxLength(128))),
  callId: z.optional(z.string().check(z.trim(), z.maxLength(256))),
  /** Required for WebM (its length is not in the header); read from the file for Ogg and WAV. */
  durationMs: z.optional(z.coerce.number().check(z.multipleOf(1), z.gte(0), z.lte(24 * 3600 * 1000))),
  /** Epoch milliseconds; defaults to the time of the upload. */
  receivedAt: z.optional(z.coerce.number().check(z.multipleOf(1), z.positive())),
});
export type VoicemailIngestFields = z.infer<typeof VoicemailIngestFields>;

/** Bounds of an account's own no-answer time, in seconds. */
export const NO_ANSWER_S = { min: 5, max: 120 } as const;
/** Limits of an uploaded greeting (Ogg/Opus, 20 ms frames: the deposit agent sends them as they are). */
export const GREETING_LIMITS = { maxBytes: 1024 * 1024, maxMs: 30_000 } as const;

const noAnswerS = z
  .number({ error: 'must be a number of seconds' })
  .check(
    z.multipleOf(1, 'must be a whole number of seconds'),
    z.gte(NO_ANSWER_S.min, `must be at least ${NO_ANSWER_S.min} seconds`),
    z.lte(NO_ANSWER_S.max, `must be at most ${NO_ANSWER_S.max} seconds`),
  );

/** `PUT /api/voicemail/settings`: the signed-in user's own settings. */
export const VoicemailSettingsUpdate = z.strictObject({
  /** false: calls nobody takes end as they would without voicemail (480, 486, 408). */
  enabled: z.boolean({ error: 'must be true or false' }),
  /** Seconds the phones ring before voicemail answers; null: the server's default. */
  noAnswerS: z.nullable(noAnswerS),
});
export type VoicemailSettingsUpdate = z.infer<typeof VoicemailSettingsUpdate>;

/** `GET /api/voicemail/settings` (and the answer to PUT, upload and delete of the greeting). */
export const VoicemailSettings = z.extend(VoicemailSettingsUpdate, {
  /** The server's default no-answer time (VOICEMAIL_NO_ANSWER_MS). */
  defaultNoAnswerMs: z.int().check(z.nonnegative()),
  /** Whose greeting callers hear: the server's chime or the user's upload. */
  greeting: z.enum(['default', 'custom']),
});
export type VoicemailSettings = z.infer<typeof VoicemailSettings>;
