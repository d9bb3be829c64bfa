/**
 * While the SIP server is unreachable, ask it "are you back?" cheaply and often, so a client
 * re-registers within ~2 s of the server answering however long the outage was, instead of
 * waiting out a backoff of up to 30 s. The interval is jittered per client and per round, so
 * a fleet that lost the server together comes back spread over the interval, not in one burst.
 */
import type { ReachabilityProbe } from './ports';
import type { Clock, Logger, TimerHandle } from './util';

export const PROBE_INTERVAL_MIN_MS = 750;
export const PROBE_INTERVAL_MAX_MS = 1500;

export interface RecoveryProbeDeps {
  clock: Clock;
  random(): number;
  probe: ReachabilityProbe;
  wsUrl: string;
  logger: Logger;
  /** The server answered: try now. The probe stops itself before calling this. */
  onReachable(): void;
}

export function probeDelay(random: number): number {
  return Math.round(PROBE_INTERVAL_MIN_MS + random * (PROBE_INTERVAL_MAX_MS - PROBE_INTERVAL_MIN_MS));
}

export class RecoveryProbe {
  private timer: TimerHandle | null = null;
  /** Bumped by stop(): a probe in flight from an older round is ignored. */
  private round = 0;
  private active = false;

  constructor(private readonly deps: RecoveryProbeDeps) {}

  get running(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.schedule(this.round);
  }

  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.round++;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(round: number): void {
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      void this.once(round);
    }, probeDelay(this.deps.random()));
  }

  private async once(round: number): Promise<void> {
    let reachable = false;
    try {
      reachable = await this.deps.probe(this.deps.wsUrl);
    } catch (error) {
      this.deps.logger.warn('Reachability probe failed', error);
    }
    if (round !== this.round || !this.active) return;
    if (!reachable) {
      this.schedule(round);
      return;
    }
    this.stop();
    this.deps.onReachable();
  }
}
