/** Summary statistics and small helpers shared by the call benchmarks. */
export interface Stats {
  median: number;
  min: number;
  max: number;
  n: number;
}

const round = (n: number): number => Math.round(n * 10) / 10;

export function summarize(xs: readonly number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length === 0 ? NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median: round(median), min: round(s[0] ?? NaN), max: round(s[s.length - 1] ?? NaN), n: s.length };
}

export const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Medians of each key over several traces (keys missing from a trace are skipped for it). */
export function traceMedians(traces: readonly Record<string, number | undefined>[]): Record<string, number> {
  const keys = new Set(traces.flatMap((t) => Object.keys(t)));
  const out: Record<string, number> = {};
  for (const key of keys) {
    const values = traces.map((t) => t[key]).filter((v): v is number => typeof v === 'number');
    if (values.length > 0) out[key] = summarize(values).median;
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => a[1] - b[1]));
}
