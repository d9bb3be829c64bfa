/**
 * Pure helpers of the SIP load benchmark: percentiles, latency summaries, per-step verdicts and the ramp
 * summary ("highest rate held with 0 failures"). No I/O, so stats.test.ts covers them.
 */

/** Percentile `p` (0..100) of an ascending array, linear interpolation between ranks (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  if (p <= 0) return sorted[0]!;
  if (p >= 100) return sorted[sorted.length - 1]!;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (rank - lo);
}

export const round = (n: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** p50/p95/p99/max/mean of a list of milliseconds (rounded to 0.1 ms); null when there is none. */
export function summarize(values: readonly number[]): LatencySummary | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const sorted = Array.from(s);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]!),
    mean: round(sum / sorted.length),
  };
}

/** Counts equal strings: ['a','b','a'] → { a: 2, b: 1 }. */
export function countBy(items: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[item] = (out[item] ?? 0) + 1;
  return out;
}

/**
 * Throughput of a step: successful operations that completed inside the step's window (`durationS` from
 * its start), per second. Operations still in flight when the window closes (about one latency's worth)
 * do not count, so a server that keeps pace reads just below the offered rate and one that falls behind
 * reads well below it, while a few stragglers that finish late (a retransmission) cost nothing.
 */
export function achievedRate(completedAtMs: readonly number[], startMs: number, durationS: number): number {
  if (durationS <= 0) return 0;
  const end = startMs + durationS * 1000;
  let n = 0;
  for (const t of completedAtMs) if (t <= end) n++;
  return round(n / durationS);
}

/** A step "holds" its rate when nothing failed and at least this share of the offered rate completed... */
export const HELD_SHARE = 0.95;
/**
 * ...and its p95 latency stayed under this: over UDP a response that took 500 ms is a lost datagram and a
 * retransmission (Timer T1), over WebSocket it is half a second of queueing; either way the server is
 * past its sustainable rate even if every operation eventually succeeded.
 */
export const HELD_P95_MS = 500;

export interface StepOutcome {
  offeredPerSec: number;
  achievedPerSec: number;
  failures: number;
  latencyMs?: { p95: number } | null;
}

export function held(step: StepOutcome): boolean {
  return (
    step.failures === 0 &&
    step.achievedPerSec >= HELD_SHARE * step.offeredPerSec &&
    (step.latencyMs?.p95 ?? 0) < HELD_P95_MS
  );
}

const rates = (s: StepOutcome) => ({ offeredPerSec: s.offeredPerSec, achievedPerSec: s.achievedPerSec });

/** The highest step that held (see held()), as offered and achieved rates; null when none did. */
export function highestHeld(
  steps: readonly StepOutcome[],
): { offeredPerSec: number; achievedPerSec: number } | null {
  let best: StepOutcome | null = null;
  for (const s of steps) if (held(s) && (!best || s.offeredPerSec > best.offeredPerSec)) best = s;
  return best ? rates(best) : null;
}

/** The highest step with 0 failures, whatever its latency and throughput; null when none. */
export function highestWithoutFailures(
  steps: readonly StepOutcome[],
): { offeredPerSec: number; achievedPerSec: number } | null {
  let best: StepOutcome | null = null;
  for (const s of steps) if (s.failures === 0 && (!best || s.offeredPerSec > best.offeredPerSec)) best = s;
  return best ? rates(best) : null;
}

/** CPU use over a wall-clock interval, in percent of one core (200 = both cores of a 2-core machine). */
export function cpuPercent(cpuSeconds: number, wallSeconds: number): number {
  return wallSeconds > 0 ? round((100 * cpuSeconds) / wallSeconds) : 0;
}

/** Parses "500,1000,2000" into positive numbers; throws on anything else. */
export function parseRates(text: string): number[] {
  const rates = text.split(',').map((s) => Number(s.trim()));
  if (rates.length === 0 || rates.some((r) => !Number.isFinite(r) || r <= 0)) {
    throw new Error(`not a list of positive rates: ${text}`);
  }
  return rates;
}
