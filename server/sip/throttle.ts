/**
 * Password-guessing brake for SIP digest: failures are counted per client IP and per account; the
 * `freeFailures`-th failure and each further one close that key for an exponentially longer quiet
 * period (base, 2×base, … up to max), during which every attempt, right password included, is refused.
 * One warning is logged when a key locks, not one line per guess.
 */
import type { Logger } from '../log';
import { parseCredentials, type DigestAuthenticator, type DigestVerdict } from './digest';

export interface ThrottleOptions {
  freeFailures: number;
  baseMs: number;
  maxMs: number;
  log: Logger;
  now?: () => number;
  /** Most keys remembered at once (oldest dropped first), so a spray of IPs cannot grow memory. */
  maxEntries?: number;
}

interface Entry {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
  /** A warning was logged for the current burst. */
  warned: boolean;
}

export type GuardedVerdict =
  DigestVerdict | { ok: false; reason: 'locked'; retryAfterS: number; stale: false };

/** Failures that mean a wrong guess (not a stale nonce, a missing header or a client bug). */
const GUESSES = new Set(['bad-response', 'unknown-user']);

export class AuthThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxEntries: number;
  /** Attempts refused while locked (stats, abuse bench). */
  refused = 0;

  constructor(private readonly o: ThrottleOptions) {
    this.now = o.now ?? Date.now;
    this.maxEntries = o.maxEntries ?? 100_000;
  }

  /** Checks digest credentials unless the IP or the account is in a quiet period. */
  verify(
    auth: DigestAuthenticator,
    method: string,
    uri: string,
    header: string | undefined,
    ip: string,
  ): GuardedVerdict {
    if (!header) return auth.verify(method, uri, header);
    const username = parseCredentials(header)?.username;
    const keys = [`ip ${ip}`, ...(username === undefined ? [] : [`account ${username}`])];
    const wait = this.waitMs(keys);
    if (wait > 0) {
      this.refused++;
      return { ok: false, reason: 'locked', retryAfterS: Math.ceil(wait / 1000), stale: false };
    }
    const verdict = auth.verify(method, uri, header);
    if (verdict.ok) for (const key of keys) this.entries.delete(key);
    else if (GUESSES.has(verdict.reason)) for (const key of keys) this.fail(key);
    return verdict;
  }

  private waitMs(keys: readonly string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) wait = Math.max(wait, (this.entries.get(key)?.lockedUntil ?? 0) - now);
    return wait;
  }

  private fail(key: string): void {
    const now = this.now();
    let entry = this.entries.get(key);
    if (entry && now - entry.lastFailure > this.o.maxMs) entry = undefined; // the last burst is over
    entry ??= { failures: 0, lockedUntil: 0, lastFailure: now, warned: false };
    entry.failures++;
    entry.lastFailure = now;
    // The `freeFailures`-th failure starts the first quiet period; each further one doubles it.
    const over = entry.failures - this.o.freeFailures;
    if (over >= 0) {
      entry.lockedUntil = now + Math.min(this.o.maxMs, this.o.baseMs * 2 ** Math.min(over, 30));
      if (!entry.warned) {
        entry.warned = true;
        this.o.log.warn(`${key}: ${entry.failures} failed password checks; backing off`);
      }
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets keys whose last failure is older than the longest quiet period. */
  sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (now - entry.lastFailure > this.o.maxMs && entry.lockedUntil <= now) this.entries.delete(key);
    }
  }
}
