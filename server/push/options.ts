/**
 * Push-then-INVITE configuration (environment variables → ServerOptions), spread into server/config.ts:
 *
 *   PUSH_HOLD_MS               how long an INVITE for a closed app is held for it to wake (default 30000)
 *   PUSH_SUBJECT               VAPID contact for push services: mailto:… or https://… (default mailto:openline@<SIP_DOMAIN>)
 *   PUSH_ALLOW_HTTP_ENDPOINTS  1: accept http:// push endpoints (a local push service; tests only)
 */
import { z } from 'zod';

export interface PushOptions {
  pushHoldMs: number;
  /** Empty: `mailto:openline@<sipDomain>`. */
  pushSubject: string;
  pushAllowHttpEndpoints: boolean;
}

export const DEFAULT_PUSH_OPTIONS: PushOptions = {
  pushHoldMs: 30_000,
  pushSubject: '',
  pushAllowHttpEndpoints: false,
};

export const PUSH_ENV = {
  PUSH_HOLD_MS: z.coerce.number().int('must be an integer').min(1000).max(120_000).optional(),
  PUSH_SUBJECT: z
    .string()
    .trim()
    .regex(/^(?:mailto:\S+@\S+|https:\/\/\S+)$/, 'must be a mailto: or https:// contact')
    .optional(),
  PUSH_ALLOW_HTTP_ENDPOINTS: z.enum(['0', '1', 'false', 'true']).optional(),
};

type PushEnv = { [K in keyof typeof PUSH_ENV]?: z.infer<(typeof PUSH_ENV)[K]> };

export function pushOptionsFromEnv(e: PushEnv): Partial<PushOptions> {
  const out: Partial<PushOptions> = {};
  if (e.PUSH_HOLD_MS !== undefined) out.pushHoldMs = e.PUSH_HOLD_MS;
  if (e.PUSH_SUBJECT !== undefined) out.pushSubject = e.PUSH_SUBJECT;
  if (e.PUSH_ALLOW_HTTP_ENDPOINTS !== undefined)
    out.pushAllowHttpEndpoints =
      e.PUSH_ALLOW_HTTP_ENDPOINTS === '1' || e.PUSH_ALLOW_HTTP_ENDPOINTS === 'true';
  return out;
}
