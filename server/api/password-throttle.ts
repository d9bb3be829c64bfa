/**
 * Exponential backoff for password checks on the API, per client IP and per account (issue 15.4).
 * After `freeFailures` wrong guesses a key is locked for `baseMs`, then twice as long after each further
 * failure, up to `maxMs`. While any key of a request is locked, the password is not even checked, so the
 * right password is refused too until the lock expires. One warning is logged per burst (when a key first
 * locks), not one line per attempt. Memory is bounded: at most `maxKeys` keys are remembered.
 */
import type { Logger } from '../log';

export interface PasswordThrottleOptions {
  /** Wrong guesses allowed per account before the first lock. */
  accountFreeFailures: number;
  /** Wrong guesses allowed per IP (offices share one) before the first lock. */
  ipFreeFailures: number;
  baseMs: number;
  maxMs: number;
  /** Keys remembered at most (oldest forgotten first). */
  maxKeys: number;
}

export const DEFAULT_PASSWORD_THROTTLE: PasswordThrottleOptions = {
  accountFreeFailures: 5,
  ipFreeFailures: 20,
  baseMs: 1000,
  maxMs: 15 * 60_000,
  maxKeys: 50_000,
};

interface Entry {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
  /** A warning was logged for the current burst. */
  warned: boolean;
}

export interface ThrottleKeys {
  ip: string;
  account: string;
}

export class PasswordThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly log: Logger,
    private readonly options: PasswordThrottleOptions = DEFAULT_PASSWORD_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until this request may check a password again; 0 when it may now. */
  retryAfterMs(keys: ThrottleKeys): number {
    const now = this.now();
    return Math.max(0, ...this.keysOf(keys).map(([key]) => (this.entries.get(key)?.lockedUntil ?? 0) - now));
  }

  failed(keys: ThrottleKeys): void {
    const now = this.now();
    for (const [key, free] of this.keysOf(keys)) {
      const entry = this.fresh(key, now) ?? { failures: 0, lockedUntil: 0, lastFailure: 0, warned: false };
      entry.failures += 1;
      entry.lastFailure = now;
      const over = entry.failures - free;
      if (over > 0) {
        const lockMs = Math.min(this.options.maxMs, this.options.baseMs * 2 ** Math.min(over - 1, 30));
        entry.lockedUntil = now + lockMs;
        if (!entry.warned) {
          entry.warned = true;
          this.log.warn(`sign-in throttled for ${key} after ${entry.failures} wrong passwords`);
        }
      }
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    this.evict();
  }

  /** A right password clears the account's record (not the IP's: one good login must not hide a spray). */
  succeeded(keys: ThrottleKeys): void {
    this.entries.delete(`account ${keys.account}`);
  }

  private keysOf(keys: ThrottleKeys): Array<[string, number]> {
    return [
      [`ip ${keys.ip}`, this.options.ipFreeFailures],
      [`account ${keys.account}`, this.options.accountFreeFailures],
    ];
  }

  /** The entry, unless its burst is over (no failure for twice the longest lock). */
  private fresh(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastFailure > 2 * this.options.maxMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.options.maxKeys) break;
      this.entries.delete(key);
    }
  }
}
