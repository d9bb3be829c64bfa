import type { Browser } from '@playwright/test';

/**
 * One list benchmark of `npm run bench:lists` (History, Contacts, ...). Each lives in
 * `bench/lists/<name>.scenario.ts` with a default export; the runner finds them by file name, runs
 * them against the built app served by the reference server, and prints one JSON object keyed by name.
 */
export interface ListScenario {
  name: string;
  run(ctx: ListBenchContext): Promise<Record<string, unknown>>;
}

export interface ListBenchContext {
  /** The reference server serving the built app, e.g. http://127.0.0.1:18180. */
  baseURL: string;
  browser: Browser;
  /** Entry counts to measure, e.g. [1000, 10000]. */
  sizes: readonly number[];
  /** Repetitions per measurement; report median and max. */
  runs: number;
}
