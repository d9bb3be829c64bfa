/**
 * Ephemeral SIP credentials for the session service (reference server in front of Kamailio,
 * `sipAuth: 'ephemeral'` in `/api/config`). Signing in opens the API session with the account's
 * password, fetches short-lived credentials from `POST /api/sip/credentials`, and registers with
 * them; they are refreshed at 80 % of their lifetime and handed to the running engine, so neither
 * the registration nor a call in progress is interrupted.
 *
 * Static digest passwords stay the default: embedded mode, an older server, or an account that
 * points at another SIP server (a third-party PBX) sign in with the password as before.
 */
import { t } from '@lingui/core/macro';
import type { ClientConfig, SipCredentials } from '../api/schemas';
import { resolveWebSocketUrl } from '../lib/ws-url';
import type { CredentialsUpdate, PhoneConfig, RegistrationError } from '../phone/types';
import { errorMessage } from '../lib/errors';

/** Refresh when this share of the lifetime has passed. */
export const REFRESH_AT = 0.8;
/** Never refresh more often than this (ms), whatever the lifetime. */
export const MIN_REFRESH_MS = 5_000;
/** A failed refresh is tried again after this long (ms), while the current credentials last. */
export const REFRESH_RETRY_MS = 30_000;

export const WRONG_PASSWORD_MESSAGE = 'Wrong username or password';
export const EPHEMERAL_REJECTED_MESSAGE =
  'The SIP server rejected the temporary sign-in credentials (401): they have expired or were signed with a different secret. Sign in again; if it keeps happening, ask your administrator to check EPHEMERAL_SECRET.';
export const EPHEMERAL_WRONG_USER_MESSAGE =
  'The SIP server refused the credentials for this account (403): they were issued for a different user.';

/** What the bridge needs from the platform API for ephemeral credentials. */
export interface SipCredentialsApi {
  openSession(username: string, password: string): Promise<unknown>;
  fetchCredentials(): Promise<SipCredentials>;
}

function sameWebSocketUrl(a: string, b: string): boolean {
  try {
    const x = new URL(a.trim());
    const y = new URL(b.trim());
    const path = (u: URL) => u.pathname.replace(/\/+$/, '');
    return x.protocol === y.protocol && x.host === y.host && path(x) === path(y);
  } catch {
    return false;
  }
}

/**
 * Whether signing in to `wsUrl` needs ephemeral credentials: the serving backend says so and the
 * account uses the SIP server that backend points at (any other server keeps its static password).
 */
export function usesEphemeralCredentials(
  server: ClientConfig | null,
  wsUrl: string,
  location: { href: string },
): boolean {
  if (server?.sipAuth !== 'ephemeral') return false;
  return sameWebSocketUrl(resolveWebSocketUrl(server.wsUrl, location), wsUrl);
}

function status(error: unknown): number | null {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const value = (error as { status: unknown }).status;
    return typeof value === 'number' ? value : null;
  }
  return null;
}

/**
 * The server's own sentence when it refused this account although the password was right (403:
 * disabled, or Restrict Customer Login), e.g. "Accounts of Acme cannot sign in here."; otherwise null.
 */
export function accountRefusal(error: unknown): string | null {
  if (status(error) !== 403) return null;
  const code = (error as { code?: unknown }).code;
  if (code !== 'account_disabled' && code !== 'company_not_allowed') return null;
  return errorMessage(error);
}

export type Acquired = { ok: true; credentials: SipCredentials } | { ok: false; error: RegistrationError };

/** Opens the API session with the password, then fetches credentials. */
export async function acquireCredentials(
  api: SipCredentialsApi,
  username: string,
  password: string,
): Promise<Acquired> {
  try {
    await api.openSession(username, password);
  } catch (error) {
    if (status(error) === 401) {
      return { ok: false, error: { kind: 'auth', status: 401, message: WRONG_PASSWORD_MESSAGE } };
    }
    const refused = accountRefusal(error);
    if (refused) return { ok: false, error: { kind: 'config', message: refused } };
    return {
      ok: false,
      error: { kind: 'config', message: t`Could not sign in to the server: ${errorMessage(error)}` },
    };
  }
  try {
    return { ok: true, credentials: await api.fetchCredentials() };
  } catch (error) {
    return {
      ok: false,
      error: {
        kind: 'config',
        message: t`Could not get SIP credentials from the server: ${errorMessage(error)}`,
      },
    };
  }
}

/** Fetches fresh credentials; if the API session is gone (server restarted), opens it again first. */
export async function refreshCredentials(
  api: SipCredentialsApi,
  username: string,
  password: string,
): Promise<SipCredentials> {
  try {
    return await api.fetchCredentials();
  } catch (error) {
    if (status(error) !== 401) throw error;
    await api.openSession(username, password);
    return api.fetchCredentials();
  }
}

/** The credentials as an engine update (their ICE servers after the user's own). */
export function credentialsUpdate(base: PhoneConfig, credentials: SipCredentials): CredentialsUpdate {
  return {
    authorizationUsername: credentials.authorizationUsername,
    password: credentials.password,
    iceServers: [...base.iceServers, ...credentials.iceServers],
    iceTransportPolicy: credentials.iceTransportPolicy ?? base.iceTransportPolicy ?? 'all',
  };
}

/** `base` (from Settings) signed in with `credentials`. */
export function withCredentials(base: PhoneConfig, credentials: SipCredentials): PhoneConfig {
  return { ...base, ...credentialsUpdate(base, credentials) };
}

/** When to refresh (ms from `now`): at 80 % of the lifetime, not sooner than MIN_REFRESH_MS. */
export function refreshDelay(credentials: SipCredentials, now: number): number {
  const lifetimeMs = credentials.ttlSeconds * 1000;
  const due = credentials.expiresAt - (1 - REFRESH_AT) * lifetimeMs - now;
  return Math.max(MIN_REFRESH_MS, Math.min(due, REFRESH_AT * lifetimeMs));
}

/** SIP auth failures with ephemeral credentials mean something else than a wrong password. */
export function explainEphemeralError(error: RegistrationError | null): RegistrationError | null {
  if (!error || error.kind !== 'auth') return error;
  const message = error.status === 403 ? EPHEMERAL_WRONG_USER_MESSAGE : EPHEMERAL_REJECTED_MESSAGE;
  return { kind: 'credentials', status: error.status, message };
}
