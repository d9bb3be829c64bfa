/**
 * Server configuration: environment variables → validated `ServerOptions`.
 * `startServer()` takes a partial `ServerOptions` so tests can override anything.
 */
import { z } from 'zod';
import {
  CREDENTIALS_ENV,
  credentialsEnvProblems,
  credentialsOptionsFromEnv,
  DEFAULT_CREDENTIALS_OPTIONS,
  type CredentialsOptions,
} from './credentials/options';
import {
  CHANNELS_ENV,
  channelsOptionsFromEnv,
  DEFAULT_CHANNELS_OPTIONS,
  type ChannelsOptions,
} from './channels/options';
import { DEFAULT_PASSWORD_THROTTLE, type PasswordThrottleOptions } from './api/password-throttle';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from './api/session';
import { LOG_LEVELS } from './log';
import { DEFAULT_PUSH_OPTIONS, PUSH_ENV, pushOptionsFromEnv, type PushOptions } from './push/options';
import type { SipTimings } from './sip';
import {
  DEFAULT_WEBCALL_OPTIONS,
  WEBCALL_ENV,
  webcallOptionsFromEnv,
  type WebcallOptions,
} from './webcall/options';
import {
  DEFAULT_VOICEMAIL_OPTIONS,
  VOICEMAIL_ENV,
  voicemailOptionsFromEnv,
  type VoicemailOptions,
} from './voicemail/options';

/** The seeded accounts' password when DEMO_PASSWORD is not set: fine on loopback, never on a network. */
export const DEFAULT_DEMO_PASSWORD = 'openline';

/** Hostname, IPv4 address or bracketed IPv6 address. */
const hostLike =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;

const EnvSchema = z.object({
  PORT: z.coerce.number().int('must be an integer').min(0).max(65535).default(8080),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  SIP_DOMAIN: z
    .string()
    .trim()
    .toLowerCase()
    .regex(hostLike, 'must be a host name such as openline.local')
    .default('openline.local'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DEMO_PASSWORD: z.string().min(1, 'must not be empty').default(DEFAULT_DEMO_PASSWORD),
  STATIC_DIR: z.string().trim().min(1).default('dist'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  TRUST_PROXY: z.enum(['0', '1', 'false', 'true']).default('0'),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int('must be an integer').min(1).default(600),
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int('must be an integer').min(0).default(1000),
  ...CREDENTIALS_ENV,
  ...WEBCALL_ENV,
  ...CHANNELS_ENV,
  ...VOICEMAIL_ENV,
  ...PUSH_ENV,
});

/** SIP server mode, ephemeral credentials and TURN: see server/credentials/options.ts. */
export interface ServerOptions
  extends CredentialsOptions, WebcallOptions, ChannelsOptions, VoicemailOptions, PushOptions, SipTimings {
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** SIP domain and digest realm, e.g. `openline.local`. */
  sipDomain: string;
  /** Directory for `openline.db`; created when missing. */
  dataDir: string;
  /** Password of the seeded demo accounts 1001–1003 (re-applied on every start). */
  demoPassword: string;
  /** Built PWA (`npm run build` output). */
  staticDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Extra host names that mean "this server" in Request-URIs (the SIP domain always does). */
  localHosts: string[];
  /** Behind a reverse proxy: honour X-Forwarded-Proto/-For (HTTPS detection, client IPs). */
  trustProxy: boolean;
  /** Requests per minute per client IP on `/api` before 429. */
  apiRateLimitPerMinute: number;
  /** Load shedding: answer 503 while the event loop lags more than this (0: off). */
  maxEventLoopDelayMs: number;
  /** Backoff for wrong passwords on the API (per IP and per account). */
  passwordThrottle: PasswordThrottleOptions;
  /** API session lifetime, idle timeout and per-account cap. */
  sessionLimits: SessionLimits;
  /** Load shedding: answer 503 while the JS heap is above this (0: off; tests). */
  maxHeapUsedBytes: number;
}

export const DEFAULT_OPTIONS: ServerOptions = {
  port: 8080,
  host: '127.0.0.1',
  sipDomain: 'openline.local',
  dataDir: './data',
  demoPassword: DEFAULT_DEMO_PASSWORD,
  staticDir: 'dist',
  logLevel: 'info',
  wsPingIntervalMs: 30_000,
  maxFrameBytes: 64 * 1024,
  nonceTtlMs: 5 * 60_000,
  minExpires: 60,
  maxExpires: 3600,
  defaultExpires: 600,
  maxBindingsPerAor: 16,
  inviteTimeoutMs: 180_000,
  nonInviteTimeoutMs: 32_000,
  localHosts: [],
  trustProxy: false,
  apiRateLimitPerMinute: 600,
  maxEventLoopDelayMs: 1000,
  maxHeapUsedBytes: 0,
  passwordThrottle: DEFAULT_PASSWORD_THROTTLE,
  sessionLimits: DEFAULT_SESSION_LIMITS,
  ...DEFAULT_CREDENTIALS_OPTIONS,
  ...DEFAULT_WEBCALL_OPTIONS,
  ...DEFAULT_CHANNELS_OPTIONS,
  ...DEFAULT_VOICEMAIL_OPTIONS,
  ...DEFAULT_PUSH_OPTIONS,
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Variables whose values are never repeated in an error message or a log line. */
// CHANNELS holds the channels' secrets.
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|KEY|^CHANNELS$/;

function shown(key: string, value: unknown): string {
  if (SECRET_NAME.test(key)) return `(hidden, ${String(value ?? '').length} characters)`;
  return JSON.stringify(value ?? '');
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Issue 15.8: the well-known demo password must not guard accounts reachable from a network. */
export function defaultPasswordProblem(o: Pick<ServerOptions, 'host' | 'demoPassword'>): string | undefined {
  if (o.demoPassword !== DEFAULT_DEMO_PASSWORD || isLoopbackHost(o.host)) return undefined;
  return (
    `HOST=${o.host} exposes the demo accounts 1001-1003 with the default password "${DEFAULT_DEMO_PASSWORD}". ` +
    'Set DEMO_PASSWORD to a strong password of your own, or keep HOST=127.0.0.1 (loopback only).'
  );
}

/** Reads the environment (only the variables this server knows) and validates it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Partial<ServerOptions> {
  const picked = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = EnvSchema.safeParse(picked);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? 'env');
        return `${key}=${shown(key, picked[key])}: ${issue.message}`;
      }),
    );
  }
  const e = result.data;
  const problems = credentialsEnvProblems(e);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: e.PORT,
    host: e.HOST,
    sipDomain: e.SIP_DOMAIN,
    dataDir: e.DATA_DIR,
    demoPassword: e.DEMO_PASSWORD,
    staticDir: e.STATIC_DIR,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === '1' || e.TRUST_PROXY === 'true',
    apiRateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
    maxEventLoopDelayMs: e.MAX_EVENT_LOOP_DELAY_MS,
    ...credentialsOptionsFromEnv(e),
    ...webcallOptionsFromEnv(e),
    ...channelsOptionsFromEnv(e),
    ...voicemailOptionsFromEnv(e),
    ...pushOptionsFromEnv(e),
  };
}
