/**
 * Open-loop load step: operations are due at a fixed rate (op i at start + i/rate), whatever the server's
 * latency, the way independent users arrive. Each operation needs a free slot (a connection, or a pair of
 * connections for a call): a slot runs one operation at a time, as one phone does. When every slot is
 * busy, due operations wait in a queue; those still queued when the step's window closes count as failures
 * ("not-sent"), and the wait of those that did start shows up as `lag` (start − due time). Latency is
 * measured from the moment an operation is actually sent.
 *
 * Bounded: the step schedules at most rate × duration operations, stops scheduling when its window ends,
 * and waits at most `drainMs` for operations in flight (each of which has its own timeout).
 */
import { performance } from 'node:perf_hooks';

export type OpResult = { ok: true; latencyMs: number } | { ok: false; reason: string };

export interface StepRun {
  /** Operations due in the window (rate × duration). */
  due: number;
  /** Operations that were started. */
  started: number;
  ok: number;
  latenciesMs: number[];
  /** start − due time of every started operation (generator lag or waiting for a free slot). */
  lagMs: number[];
  /** Failure reasons, one entry per failed or never-sent operation. */
  failures: string[];
  /** performance.now() of the window start, of each successful completion, and of the last completion. */
  startedAt: number;
  completedAt: number[];
  lastCompletionAt: number;
}

export async function runOpenLoopStep<S>(o: {
  ratePerSec: number;
  durationMs: number;
  slots: readonly S[];
  op: (slot: S) => Promise<OpResult>;
  /** Longest wait for in-flight operations after the window (they time out by themselves before that). */
  drainMs: number;
}): Promise<StepRun> {
  const due = Math.max(1, Math.round((o.ratePerSec * o.durationMs) / 1000));
  const interval = 1000 / o.ratePerSec;
  const idle: S[] = [...o.slots];
  const queue: number[] = []; // due times of operations waiting for a slot
  const run: StepRun = {
    due,
    started: 0,
    ok: 0,
    latenciesMs: [],
    lagMs: [],
    failures: [],
    startedAt: performance.now(),
    completedAt: [],
    lastCompletionAt: 0,
  };
  const t0 = run.startedAt;
  const windowEnd = t0 + o.durationMs;
  let inFlight = 0;
  let drained: (() => void) | null = null;
  let closed = false;

  const start = (slot: S, dueAt: number): void => {
    run.started++;
    inFlight++;
    run.lagMs.push(performance.now() - dueAt);
    o.op(slot)
      .catch((e: unknown): OpResult => ({ ok: false, reason: `error: ${(e as Error).message}` }))
      .then((r) => {
        if (closed) return; // finished after the drain limit: already counted as a timeout
        inFlight--;
        run.lastCompletionAt = performance.now();
        if (r.ok) {
          run.ok++;
          run.latenciesMs.push(r.latencyMs);
          run.completedAt.push(run.lastCompletionAt);
        } else run.failures.push(r.reason);
        // the slot is free again: serve the oldest waiting operation, if its window is still open
        const next = queue.shift();
        if (next !== undefined && performance.now() < windowEnd) start(slot, next);
        else {
          if (next !== undefined) queue.unshift(next);
          idle.push(slot);
        }
        if (inFlight === 0 && drained) drained();
      });
  };

  let scheduled = 0;
  while (scheduled < due) {
    const upTo = Math.min(due, Math.floor((performance.now() - t0) / interval) + 1);
    for (; scheduled < upTo; scheduled++) {
      const dueAt = t0 + scheduled * interval;
      const slot = idle.pop();
      if (slot !== undefined) start(slot, dueAt);
      else queue.push(dueAt);
    }
    // ~1 ms ticks; a busy event loop (the generator's own limit) makes them longer: shows up as lag
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  // whatever was due but never started (every slot busy until the window closed) failed
  for (let i = queue.splice(0).length; i > 0; i--) run.failures.push('not-sent');

  if (inFlight > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, o.drainMs);
      drained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  // still running after the drain limit: count as timeouts (their late results are ignored)
  for (let i = 0; i < inFlight; i++) run.failures.push('timeout');
  closed = true;
  drained = null;
  if (run.lastCompletionAt === 0) run.lastCompletionAt = performance.now();
  return run;
}
