/**
 * A sliding-window limit per key (a room's author): at most `max` sends in `windowMs`. In memory: a
 * restart forgets it, which is fine for a limit meant against a stuck key or a flooding script.
 */
export class SendRate {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly max = 20,
    private readonly windowMs = 10_000,
  ) {}

  /** Counts a send; answers how many ms to wait when over the limit (the send is not counted then). */
  take(key: string, now: number): number {
    const recent = (this.sent.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.max) {
      this.sent.set(key, recent);
      return recent[0]! + this.windowMs - now;
    }
    recent.push(now);
    this.sent.set(key, recent);
    if (this.sent.size > 10_000) this.forgetIdle(now);
    return 0;
  }

  private forgetIdle(now: number): void {
    for (const [key, times] of this.sent)
      if (times.every((t) => t <= now - this.windowMs)) this.sent.delete(key);
  }
}
