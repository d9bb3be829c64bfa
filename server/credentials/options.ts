/**
 * Configuration of SIP credentials and the SIP server mode (environment variables → ServerOptions):
 *
 *   SIP_SERVER            embedded | external (default embedded)
 *   SIP_WS_URL            the external SIP server's WebSocket URL (required with SIP_SERVER=external)
 *   SIP_WS_ORIGINS        other SIP WebSocket origins users may sign in to (third-party PBXs), or * for any wss:
 *   EPHEMERAL_SECRET      shared with Kamailio (AUTH_SECRET) and coturn (static-auth-secret)
 *   SIP_CREDENTIALS_TTL   lifetime of minted SIP and TURN credentials, seconds (default 3600)
 *   TURN_URLS             comma- or space-separated turn:/turns:/stun: URLs handed to the app
 *   ICE_TRANSPORT_POLICY  all | relay (relay: media only through TURN)
 *
 * Parsed by server/config.ts (the shape is spread into its env schema) so every variable is validated and
 * reported with its name like the others.
 */
import { z } from 'zod';

export type SipServerMode = 'embedded' | 'external';

export interface CredentialsOptions {
  /** `embedded`: the reference server is the SIP registrar (`/sip`). `external`: Kamailio (or another
   *  RFC 7118 server) is; no `/sip` WebSocket here, the app is pointed at `sipWsUrl` and signs in with
   *  ephemeral credentials from `POST /api/sip/credentials`. */
  sipServer: SipServerMode;
  /** The external SIP server's WebSocket URL (`wss://sip.example.com` in production). */
  sipWsUrl: string;
  /**
   * Other SIP servers the app may open a WebSocket to (the page's CSP `connect-src`): exact `ws(s)://host[:port]`
   * origins of third-party PBXs a user may sign in to, or `*` for any `wss:` server. Empty: only this
   * deployment's own SIP server.
   */
  sipWsOrigins: string[];
  /** Secret for ephemeral SIP/TURN credentials; empty: a random one per start (a warning when it matters). */
  ephemeralSecret: string;
  /** Lifetime of minted credentials (seconds). */
  sipCredentialsTtlS: number;
  /** TURN (and STUN) URLs handed to the app with TURN REST credentials. */
  turnUrls: string[];
  /** `relay` forces every call's media through TURN (privacy, or to test the relay). */
  iceTransportPolicy: 'all' | 'relay';
}

export const DEFAULT_CREDENTIALS_OPTIONS: CredentialsOptions = {
  sipServer: 'embedded',
  sipWsUrl: '',
  sipWsOrigins: [],
  ephemeralSecret: '',
  sipCredentialsTtlS: 3600,
  turnUrls: [],
  iceTransportPolicy: 'all',
};

/** Shortest and longest credential lifetime accepted from the environment (seconds). */
export const MIN_CREDENTIALS_TTL_S = 60;
export const MAX_CREDENTIALS_TTL_S = 7 * 24 * 3600;

const ICE_URL = /^(?:stun|stuns|turn|turns):[^\s,]+$/;
/** A WebSocket origin as CSP writes a host source: scheme, host, optional port; no path, quote or `;`. */
const WS_ORIGIN = /^wss?:\/\/(?:\[[0-9a-f:.]+\]|[a-z0-9*](?:[a-z0-9.-]*[a-z0-9])?)(?::\d{1,5})?$/i;

/** Zod shape spread into server/config.ts's env schema (all optional: defaults come from DEFAULT_OPTIONS). */
export const CREDENTIALS_ENV = {
  SIP_SERVER: z.enum(['embedded', 'external']).optional(),
  SIP_WS_URL: z
    .string()
    .trim()
    .regex(/^wss?:\/\/[^\s/]+/i, 'must be a ws:// or wss:// URL')
    .optional(),
  SIP_WS_ORIGINS: z
    .string()
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .pipe(
      z.array(
        z.union([
          z.literal('*'),
          z
            .string()
            .regex(
              WS_ORIGIN,
              'each entry must be * or a ws:// or wss:// origin, e.g. wss://pbx.example.com:8089',
            ),
        ]),
      ),
    )
    .optional(),
  EPHEMERAL_SECRET: z
    .string()
    .min(8, 'must be at least 8 characters (use `openssl rand -base64 32`)')
    .regex(
      /^[^"\\\s]+$/,
      'must not contain quotes, backslashes or spaces (Kamailio reads it as a quoted string)',
    )
    .optional(),
  SIP_CREDENTIALS_TTL: z.coerce
    .number()
    .int('must be an integer (seconds)')
    .min(MIN_CREDENTIALS_TTL_S)
    .max(MAX_CREDENTIALS_TTL_S)
    .optional(),
  TURN_URLS: z
    .string()
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(ICE_URL, 'each URL must start with turn:, turns:, stun: or stuns:')))
    .optional(),
  ICE_TRANSPORT_POLICY: z.enum(['all', 'relay']).optional(),
};

type CredentialsEnv = { [K in keyof typeof CREDENTIALS_ENV]?: z.infer<(typeof CREDENTIALS_ENV)[K]> };

/** The options present in the environment (absent ones keep their defaults). */
export function credentialsOptionsFromEnv(e: CredentialsEnv): Partial<CredentialsOptions> {
  const out: Partial<CredentialsOptions> = {};
  if (e.SIP_SERVER !== undefined) out.sipServer = e.SIP_SERVER;
  if (e.SIP_WS_URL !== undefined) out.sipWsUrl = e.SIP_WS_URL;
  if (e.SIP_WS_ORIGINS !== undefined) out.sipWsOrigins = e.SIP_WS_ORIGINS;
  if (e.EPHEMERAL_SECRET !== undefined) out.ephemeralSecret = e.EPHEMERAL_SECRET;
  if (e.SIP_CREDENTIALS_TTL !== undefined) out.sipCredentialsTtlS = e.SIP_CREDENTIALS_TTL;
  if (e.TURN_URLS !== undefined) out.turnUrls = e.TURN_URLS;
  if (e.ICE_TRANSPORT_POLICY !== undefined) out.iceTransportPolicy = e.ICE_TRANSPORT_POLICY;
  return out;
}

/** Problems that involve more than one variable, as `NAME=value: message` lines. */
export function credentialsEnvProblems(e: CredentialsEnv): string[] {
  const problems: string[] = [];
  if (e.SIP_SERVER === 'external' && !e.SIP_WS_URL) {
    problems.push('SIP_WS_URL="": required with SIP_SERVER=external (e.g. wss://sip.example.com)');
  }
  if (e.ICE_TRANSPORT_POLICY === 'relay' && !(e.TURN_URLS ?? []).some((u) => u.startsWith('turn'))) {
    problems.push('ICE_TRANSPORT_POLICY="relay": needs at least one turn: or turns: URL in TURN_URLS');
  }
  return problems;
}
