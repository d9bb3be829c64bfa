/**
 * Voicemail configuration (environment variables → ServerOptions), spread into server/config.ts:
 *
 *   VOICEMAIL_INGEST_KEY   server-to-server key for `POST /api/voicemail` (32+ characters); unset: ingest off
 *   VOICEMAIL_MAX_BYTES    largest accepted audio file (default 10 MiB)
 *   VOICEMAIL_DEPOSIT      `off` turns the embedded voicemail endpoint off (calls then fail as before: 480/486/408)
 *   VOICEMAIL_NO_ANSWER_MS how long a registered callee's phones ring before the call goes to voicemail (default 20000)
 *   VOICEMAIL_MAX_MS       longest recorded message (default 120000)
 *   VOICEMAIL_SIP_LISTEN   Kamailio mode (SIP_SERVER=external): loopback host:port of the voicemail
 *                          endpoint's SIP/TCP listener that Kamailio's failure_route relays to
 *                          (default 127.0.0.1:5090; `off` for none)
 */
import { z } from 'zod';
import { parseListenAddress } from './loopback';

export interface VoicemailOptions {
  voicemailIngestKey: string;
  voicemailMaxBytes: number;
  voicemailDeposit: boolean;
  voicemailNoAnswerMs: number;
  voicemailMaxMs: number;
  /** "host:port" on loopback, or "off"; used only with SIP_SERVER=external. */
  voicemailSipListen: string;
}

export const DEFAULT_VOICEMAIL_OPTIONS: VoicemailOptions = {
  voicemailIngestKey: '',
  voicemailMaxBytes: 10 * 1024 * 1024,
  voicemailDeposit: true,
  voicemailNoAnswerMs: 20_000,
  voicemailMaxMs: 120_000,
  voicemailSipListen: '127.0.0.1:5090',
};

const ms = (min: number, max: number) =>
  z.coerce.number().int('must be an integer').min(min).max(max).optional();

export const VOICEMAIL_ENV = {
  VOICEMAIL_INGEST_KEY: z.string().trim().min(32, 'must be at least 32 characters').optional(),
  VOICEMAIL_MAX_BYTES: z.coerce
    .number()
    .int('must be an integer')
    .min(1024)
    .max(200 * 1024 * 1024)
    .optional(),
  VOICEMAIL_DEPOSIT: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).optional(),
  VOICEMAIL_NO_ANSWER_MS: ms(100, 300_000),
  VOICEMAIL_MAX_MS: ms(1000, 600_000),
  VOICEMAIL_SIP_LISTEN: z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (value === 'off') return;
      try {
        parseListenAddress(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .optional(),
};

type VoicemailEnv = { [K in keyof typeof VOICEMAIL_ENV]?: z.infer<(typeof VOICEMAIL_ENV)[K]> };

export function voicemailOptionsFromEnv(e: VoicemailEnv): Partial<VoicemailOptions> {
  const out: Partial<VoicemailOptions> = {};
  if (e.VOICEMAIL_INGEST_KEY !== undefined) out.voicemailIngestKey = e.VOICEMAIL_INGEST_KEY;
  if (e.VOICEMAIL_MAX_BYTES !== undefined) out.voicemailMaxBytes = e.VOICEMAIL_MAX_BYTES;
  if (e.VOICEMAIL_DEPOSIT !== undefined) out.voicemailDeposit = e.VOICEMAIL_DEPOSIT === 'on';
  if (e.VOICEMAIL_NO_ANSWER_MS !== undefined) out.voicemailNoAnswerMs = e.VOICEMAIL_NO_ANSWER_MS;
  if (e.VOICEMAIL_MAX_MS !== undefined) out.voicemailMaxMs = e.VOICEMAIL_MAX_MS;
  if (e.VOICEMAIL_SIP_LISTEN !== undefined) out.voicemailSipListen = e.VOICEMAIL_SIP_LISTEN;
  return out;
}
