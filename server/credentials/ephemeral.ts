/**
 * Ephemeral SIP/TURN credentials: the "TURN REST" scheme (draft-uberti-rtcweb-turn-rest) that Kamailio's
 * `auth_ephemeral` module and coturn's `use-auth-secret` both verify with nothing but a shared secret.
 *
 *     username = "<unix-expiry-seconds>:<user>"
 *     password = base64(HMAC-SHA1(secret, username))
 *
 * The credentials are valid until (and including) the expiry second: Kamailio rejects them once
 * `now > expiry`, coturn likewise. The secret never leaves the server; the browser only ever sees the
 * minted pair. Pure node:crypto, no I/O, so the same code serves the API, the embedded registrar and tests.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface MintOptions {
  /** Shared secret (Kamailio `modparam("auth_ephemeral", "secret", ...)`, coturn `static-auth-secret`). */
  secret: string;
  /** The SIP user part (e.g. "1001") or TURN user; it may itself contain ':' (only the first ':' splits). */
  user: string;
  /** Lifetime in seconds from `now`; must be a positive integer. */
  ttlSeconds: number;
  /** Current time in milliseconds since the epoch (default `Date.now()`); injectable for tests. */
  now?: number;
}

export interface EphemeralCredentials {
  /** `"<unix-expiry>:<user>"`: the digest username (SIP) or TURN username. */
  username: string;
  /** base64(HMAC-SHA1(secret, username)): the digest password (SIP) or TURN credential. */
  password: string;
  /** Expiry as a Date (second precision). */
  expiresAt: Date;
}

/** HMAC-SHA1 of the username under the secret, base64 (with padding), exactly as auth_ephemeral computes it. */
export function ephemeralPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username, 'utf8').digest('base64');
}

export function mintEphemeralCredentials({
  secret,
  user,
  ttlSeconds,
  now = Date.now(),
}: MintOptions): EphemeralCredentials {
  if (!secret) throw new Error('ephemeral credentials: empty secret');
  if (!user) throw new Error('ephemeral credentials: empty user');
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error(`ephemeral credentials: ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  }
  const expiry = Math.floor(now / 1000) + ttlSeconds;
  const username = `${expiry}:${user}`;
  return { username, password: ephemeralPassword(secret, username), expiresAt: new Date(expiry * 1000) };
}

export interface ParsedEphemeralUsername {
  /** Expiry in Unix seconds. */
  expiry: number;
  /** Everything after the first ':' (may contain further ':'). */
  user: string;
}

/** Splits `"<expiry>:<user>"` at the first ':'; null if the expiry is not a plain decimal number or user is empty. */
export function parseEphemeralUsername(username: string): ParsedEphemeralUsername | null {
  const colon = username.indexOf(':');
  if (colon <= 0 || colon === username.length - 1) return null;
  const stamp = username.slice(0, colon);
  if (!/^\d{1,12}$/.test(stamp)) return null;
  return { expiry: Number(stamp), user: username.slice(colon + 1) };
}

export type VerifyResult =
  | { ok: true; user: string; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'expired' | 'bad-password' };

/**
 * Checks a username/password pair minted by {@link mintEphemeralCredentials} (for the embedded server,
 * which accepts the same credentials as Kamailio). `secret` may be a list to accept credentials minted
 * under a previous secret during rotation. `now` is milliseconds since the epoch.
 */
export function verifyEphemeral(
  secret: string | readonly string[],
  username: string,
  password: string,
  now: number = Date.now(),
): VerifyResult {
  const parsed = parseEphemeralUsername(username);
  if (!parsed) return { ok: false, reason: 'malformed' };
  // Same rule as auth_ephemeral: valid while now <= expiry (seconds).
  if (Math.floor(now / 1000) > parsed.expiry) return { ok: false, reason: 'expired' };
  const given = Buffer.from(password, 'utf8');
  const secrets = typeof secret === 'string' ? [secret] : secret;
  for (const s of secrets) {
    if (!s) continue;
    const expected = Buffer.from(ephemeralPassword(s, username), 'utf8');
    if (expected.length === given.length && timingSafeEqual(expected, given)) {
      return { ok: true, user: parsed.user, expiresAt: new Date(parsed.expiry * 1000) };
    }
  }
  return { ok: false, reason: 'bad-password' };
}
