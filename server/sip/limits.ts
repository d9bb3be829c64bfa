/**
 * Abuse limits of the embedded SIP server. Every one has a default and an environment variable
 * (documented in README.md), so `server/app.ts` needs no change to tune them; a caller (tests, the
 * abuse bench) may also pass any of them explicitly to `createSipService`.
 */
import { z } from 'zod';

export interface SipLimits {
  /** Open SIP WebSockets in total; upgrades beyond get HTTP 503 (keeps file descriptors for HTTP). */
  maxConnections: number;
  /** Open SIP WebSockets per client IP. */
  maxConnectionsPerIp: number;
  /** A socket that has not registered or proved a password within this time is closed. */
  authTimeoutMs: number;
  /** A socket that sent nothing (not even a CRLF keep-alive or REGISTER refresh) for this long is closed. */
  idleTimeoutMs: number;
  /** Pending proxy transactions one connection may have open; more get 503. */
  maxTransactionsPerConnection: number;
  /** Pending proxy transactions one user (over all its connections) may have open. */
  maxTransactionsPerUser: number;
  /** Largest body accepted for methods that carry SDP (INVITE, UPDATE, PRACK, ACK). */
  maxSdpBodyBytes: number;
  /** Largest body accepted for MESSAGE, INFO, NOTIFY and the other methods. */
  maxOtherBodyBytes: number;
  /** After a dialog's socket closes, how long its party may take to come back before we BYE the other. */
  dialogGraceMs: number;
  /** Failed password checks allowed per IP and per account before backoff starts. */
  authFreeFailures: number;
  /** First quiet period after the free failures; doubles with every further failure. */
  authBackoffBaseMs: number;
  /** Longest quiet period. */
  authBackoffMaxMs: number;
  /** Browser origins allowed to open `/sip` besides the one the request was sent to (same host). */
  allowedOrigins: readonly string[];
}

const int = (min: number) => z.coerce.number().int('must be an integer').min(min);

const EnvSchema = z.object({
  SIP_MAX_CONNECTIONS: int(1).default(5000),
  SIP_MAX_CONNECTIONS_PER_IP: int(1).default(100),
  SIP_AUTH_TIMEOUT_MS: int(100).default(10_000),
  SIP_IDLE_TIMEOUT_MS: int(1000).default(3_900_000),
  SIP_MAX_TRANSACTIONS_PER_CONNECTION: int(1).default(32),
  SIP_MAX_TRANSACTIONS_PER_USER: int(1).default(64),
  SIP_MAX_SDP_BODY_BYTES: int(256).default(32 * 1024),
  SIP_MAX_OTHER_BODY_BYTES: int(256).default(16 * 1024),
  SIP_DIALOG_GRACE_MS: int(0).default(25_000),
  SIP_AUTH_FREE_FAILURES: int(0).default(5),
  SIP_AUTH_BACKOFF_BASE_MS: int(1).default(1000),
  SIP_AUTH_BACKOFF_MAX_MS: int(1).default(15 * 60_000),
  SIP_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim().replace(/\/+$/, '').toLowerCase())
        .filter(Boolean),
    ),
});

/** Reads the limits from the environment; throws naming every bad variable. */
export function sipLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): SipLimits {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid SIP limits in the environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    maxConnections: e.SIP_MAX_CONNECTIONS,
    maxConnectionsPerIp: e.SIP_MAX_CONNECTIONS_PER_IP,
    authTimeoutMs: e.SIP_AUTH_TIMEOUT_MS,
    idleTimeoutMs: e.SIP_IDLE_TIMEOUT_MS,
    maxTransactionsPerConnection: e.SIP_MAX_TRANSACTIONS_PER_CONNECTION,
    maxTransactionsPerUser: e.SIP_MAX_TRANSACTIONS_PER_USER,
    maxSdpBodyBytes: e.SIP_MAX_SDP_BODY_BYTES,
    maxOtherBodyBytes: e.SIP_MAX_OTHER_BODY_BYTES,
    dialogGraceMs: e.SIP_DIALOG_GRACE_MS,
    authFreeFailures: e.SIP_AUTH_FREE_FAILURES,
    authBackoffBaseMs: e.SIP_AUTH_BACKOFF_BASE_MS,
    authBackoffMaxMs: e.SIP_AUTH_BACKOFF_MAX_MS,
    allowedOrigins: e.SIP_ALLOWED_ORIGINS,
  };
}

const SDP_METHODS = new Set(['INVITE', 'UPDATE', 'PRACK', 'ACK']);

/** The body cap for a request method. */
export function maxBodyBytes(limits: SipLimits, method: string): number {
  return SDP_METHODS.has(method) ? limits.maxSdpBodyBytes : limits.maxOtherBodyBytes;
}
