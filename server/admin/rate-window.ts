/**
 * A fixed-window counter per key (e.g. sign-ups per IP) plus one for everyone, so a flood from many
 * addresses is capped too. In memory: a restart forgets it, which only lets a few more through.
 */
export interface RateWindowOptions {
  /** Allowed per key per window. */
  perKey: number;
  /** Allowed for all keys together per window. */
  total: number;
  windowMs: number;
  now?: () => number;
}

export class RateWindow {
  private readonly counts = new Map<string, number>();
  private total = 0;
  private windowStart: number;
  private readonly now: () => number;

  constructor(private readonly o: RateWindowOptions) {
    this.now = o.now ?? Date.now;
    this.windowStart = this.now();
  }

  /** Counts one attempt for `key`; returns the seconds to wait when over a limit (0: go ahead). */
  take(key: string): number {
    const now = this.now();
    if (now - this.windowStart >= this.o.windowMs) {
      this.counts.clear();
      this.total = 0;
      this.windowStart = now;
    }
    const mine = this.counts.get(key) ?? 0;
    if (mine >= this.o.perKey || this.total >= this.o.total) {
      return Math.max(1, Math.ceil((this.windowStart + this.o.windowMs - now) / 1000));
    }
    this.counts.set(key, mine + 1);
    this.total++;
    return 0;
  }
}
