/**
 * Voicemail configuration (environment variables → ServerOptions), spread into server/config.ts:
 *
 *   VOICEMAIL_INGEST_KEY   server-to-server key for `POST /api/voicemail` (32+ characters); unset: ingest off
 *   VOICEMAIL_MAX_BYTES    largest accepted audio file (default 10 MiB)
 */
import { z } from 'zod';

export interface VoicemailOptions {
  voicemailIngestKey: string;
  voicemailMaxBytes: number;
}

export const DEFAULT_VOICEMAIL_OPTIONS: VoicemailOptions = {
  voicemailIngestKey: '',
  voicemailMaxBytes: 10 * 1024 * 1024,
};

export const VOICEMAIL_ENV = {
  VOICEMAIL_INGEST_KEY: z.string().trim().min(32, 'must be at least 32 characters').optional(),
  VOICEMAIL_MAX_BYTES: z.coerce
    .number()
    .int('must be an integer')
    .min(1024)
    .max(200 * 1024 * 1024)
    .optional(),
};

type VoicemailEnv = { [K in keyof typeof VOICEMAIL_ENV]?: z.infer<(typeof VOICEMAIL_ENV)[K]> };

export function voicemailOptionsFromEnv(e: VoicemailEnv): Partial<VoicemailOptions> {
  const out: Partial<VoicemailOptions> = {};
  if (e.VOICEMAIL_INGEST_KEY !== undefined) out.voicemailIngestKey = e.VOICEMAIL_INGEST_KEY;
  if (e.VOICEMAIL_MAX_BYTES !== undefined) out.voicemailMaxBytes = e.VOICEMAIL_MAX_BYTES;
  return out;
}
