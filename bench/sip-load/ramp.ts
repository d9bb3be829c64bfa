/**
 * The shape every target reports (embedded server and Kamailio alike), and the ramp: run the offered rates
 * in ascending order, stop after the first step that does not hold, skip what the time budget cannot fit.
 */
import { machineBusySeconds } from './procfs';
import {
  HELD_P95_MS,
  cpuPercent,
  highestHeld,
  highestWithoutFailures,
  held,
  round,
  type LatencySummary,
} from './stats';

export interface StepReport {
  offeredPerSec: number;
  durationS: number;
  /** Operations started (REGISTER dances or calls). */
  attempted: number;
  succeeded: number;
  /** Seconds from the step's start to its last completion (the step lasts durationS; more = a late tail). */
  lastCompletionS: number;
  /** Non-2xx finals, timeouts, operations that could not be sent in the window, unfinished ones. */
  failures: number;
  failureReasons: Record<string, number>;
  achievedPerSec: number;
  /** Per-operation latency (ms): REGISTER → 200 OK (401 round included); INVITE → 200 OK for calls. */
  latencyMs: LatencySummary | null;
  /** 0 failures, achieved ≥ 95 % of offered, p95 latency < 500 ms. */
  held: boolean;
  /** The server under test over the step: CPU in % of one core, memory in MB. */
  server: { cpuPercent: number; rssMb?: number; peakRssMb?: number; pssMb?: number };
  /** The load generator(s) over the step (our Node process, or sipp). */
  generator: {
    cpuPercent: number;
    /** Our generator: p95 of (start − due time) of operations. */
    lagMsP95?: number;
    /** sipp: retransmissions (UDP; a sign of late answers or lost datagrams). */
    retransmissions?: number;
    /** sipp: CPU of the answering sipp (calls). */
    calleeCpuPercent?: number;
  };
  /**
   * CPU used meanwhile by every other process on the machine (% of one core). Anything but small means
   * the figures of this step were taken on a machine that was busy with something else.
   */
  otherCpuPercent: number;
  /** UDP only: datagrams dropped on full receive buffers during the step (machine-wide, and Kamailio's socket). */
  udpDrops?: { machine: number; serverSocket?: number };
}

export interface PhaseReport {
  /** What one operation is. */
  operation: string;
  /** Issue 3's goal for this phase, if any (operations per second). */
  targetPerSec?: number;
  steps: StepReport[];
  /** The highest step that held (0 failures, ≥ 95 % of offered completed, p95 < 500 ms). */
  highestHeld: { offeredPerSec: number; achievedPerSec: number } | null;
  /** The highest step with 0 failures, whatever its latency (issue 3's literal criterion). */
  highestWithoutFailures: { offeredPerSec: number; achievedPerSec: number } | null;
  meetsTarget?: boolean;
  /** Why the ramp ended early (a step that did not hold, the time budget). */
  stopped?: string;
  /** One sentence: what limited the rate in this run. */
  limit: string;
}

export class Budget {
  private readonly end: number;
  constructor(seconds: number) {
    this.end = Date.now() + seconds * 1000;
  }
  remainingS(): number {
    return (this.end - Date.now()) / 1000;
  }
}

/** Steps finished so far, by phase label: what the watchdog prints if the run has to be cut short. */
export const finishedSteps: Record<string, StepReport[]> = {};

/** Clean-ups of processes this run started (each stops one PID it owns); the watchdog runs them. */
export const cleanups = new Set<() => Promise<void>>();

export const progress = (line: string): void => {
  process.stderr.write(`[sip-load] ${line}\n`);
};

export function formatStep(label: string, s: StepReport): string {
  const lat = s.latencyMs ? `p50 ${s.latencyMs.p50} ms, p95 ${s.latencyMs.p95} ms` : 'no latency';
  const fails = s.failures ? `${s.failures} failures ${JSON.stringify(s.failureReasons)}` : '0 failures';
  return (
    `${label} ${s.offeredPerSec}/s: achieved ${s.achievedPerSec}/s, ${fails}, ${lat}, ` +
    `server CPU ${s.server.cpuPercent}%, generator CPU ${s.generator.cpuPercent}%, others ${s.otherCpuPercent}%` +
    (s.held ? '' : '  (not held)')
  );
}

/** How long (at most) to wait before each step for the rest of the machine to go quiet (--wait-quiet). */
export const quiet = { maxWaitS: 0, thresholdPercent: 30 };

/**
 * Waits, in 1 s samples and at most `maxWaitS`, until the machine's busy CPU (everything: the processes
 * under test are idle between steps) is below the threshold. Returns the last sample (% of one core).
 */
export async function waitForQuiet(maxWaitS: number): Promise<number> {
  const end = Date.now() + maxWaitS * 1000;
  let busy = 0;
  do {
    const b0 = machineBusySeconds();
    await new Promise((r) => setTimeout(r, 1000));
    busy = cpuPercent(machineBusySeconds() - b0, 1);
    if (busy < quiet.thresholdPercent) return busy;
  } while (Date.now() < end);
  progress(`machine still busy (${busy}% CPU used by others) after waiting ${maxWaitS} s; going on`);
  return busy;
}

/**
 * Runs `step(rate)` for each rate in ascending order while the budget allows `stepCostS` more seconds;
 * stops after the first step that does not hold.
 */
export async function ramp(o: {
  label: string;
  rates: readonly number[];
  budget: Budget;
  stepCostS: number;
  step: (rate: number) => Promise<StepReport>;
}): Promise<{ steps: StepReport[]; stopped?: string }> {
  const steps: StepReport[] = [];
  for (const rate of [...o.rates].sort((a, b) => a - b)) {
    if (o.budget.remainingS() < o.stepCostS) {
      const stopped = `time budget (--max-seconds) left no room for ${rate}/s and above`;
      progress(`${o.label}: ${stopped}`);
      return { steps, stopped };
    }
    const spare = o.budget.remainingS() - o.stepCostS;
    if (quiet.maxWaitS > 0 && spare > 1) await waitForQuiet(Math.min(quiet.maxWaitS, round(spare)));
    const s = await o.step(rate);
    steps.push(s);
    (finishedSteps[o.label] ??= []).push(s);
    progress(formatStep(o.label, s));
    if (!held(s)) {
      return {
        steps,
        stopped: `${rate}/s did not hold (${s.failures} failures, achieved ${s.achievedPerSec}/s, p95 ${
          s.latencyMs?.p95 ?? '-'
        } ms); higher rates not run`,
      };
    }
  }
  return { steps };
}

export function phaseReport(
  operation: string,
  r: { steps: StepReport[]; stopped?: string },
  limit: string,
  targetPerSec?: number,
): PhaseReport {
  const best = highestHeld(r.steps);
  return {
    operation,
    ...(targetPerSec !== undefined ? { targetPerSec } : {}),
    steps: r.steps,
    highestHeld: best,
    highestWithoutFailures: highestWithoutFailures(r.steps),
    ...(targetPerSec !== undefined ? { meetsTarget: (best?.offeredPerSec ?? 0) >= targetPerSec } : {}),
    ...(r.stopped ? { stopped: r.stopped } : {}),
    limit,
  };
}

/**
 * A sentence on what limited a phase, from the first step that did not hold (or the top step): a process
 * at ≥ 90 % of a core is saturated (a Node.js server or generator is one thread, so is sipp).
 */
export function diagnose(
  steps: readonly StepReport[],
  names: { server: string; generator: string; serverCores: number; machineCores: number },
): string {
  if (steps.length === 0) return 'no step ran';
  const bad = steps.find((s) => !held(s));
  const s = bad ?? steps[steps.length - 1]!;
  const serverBusy = s.server.cpuPercent >= 90 * names.serverCores;
  const genCpu = Math.max(s.generator.cpuPercent, s.generator.calleeCpuPercent ?? 0);
  const genBusy = genCpu >= 90;
  const total = round(
    s.server.cpuPercent + s.generator.cpuPercent + (s.generator.calleeCpuPercent ?? 0) + s.otherCpuPercent,
  );
  const machineBusy = total >= 80 * names.machineCores;
  const cpu =
    `${names.server} CPU ${s.server.cpuPercent}%, ${names.generator} CPU ${s.generator.cpuPercent}%` +
    (s.generator.calleeCpuPercent !== undefined ? ` (answering side ${s.generator.calleeCpuPercent}%)` : '') +
    (s.otherCpuPercent >= 10 ? `, other processes ${s.otherCpuPercent}%` : '');
  const latency = `p95 ${s.latencyMs?.p95 ?? '-'} ms`;
  const lost = s.udpDrops?.machine ?? 0;
  const retrans = s.generator.retransmissions ?? 0;
  if (!bad) {
    const edge: string[] = [];
    if (serverBusy) edge.push(`${names.server} at ${s.server.cpuPercent}%`);
    if (genBusy) edge.push(`${names.generator} at ${genCpu}%`);
    if (total >= 75 * names.machineCores)
      edge.push(`the machine's ${names.machineCores} cores at ${total}% of ${100 * names.machineCores}%`);
    if (lost || retrans) edge.push(`${lost} datagrams dropped, ${retrans} retransmissions`);
    if (edge.length)
      return `held every step up to ${s.offeredPerSec}/s (${latency}), at the edge: ${edge.join('; ')}; expect the next step to fail (${cpu})`;
    return `held every step up to ${s.offeredPerSec}/s with headroom (${cpu}, ${latency}): the ceiling is above the highest step offered`;
  }
  const drops = s.udpDrops
    ? ` UDP datagrams dropped on full receive buffers: ${s.udpDrops.machine}` +
      (s.udpDrops.serverSocket !== undefined
        ? ` (${s.udpDrops.serverSocket} at ${names.server}'s socket)`
        : '') +
      ', recovered only by 500 ms retransmissions or not at all.'
    : '';
  let why: string;
  if (s.otherCpuPercent >= 50)
    why = `other processes used ${s.otherCpuPercent}% CPU meanwhile: the step was starved by the rest of the machine; rerun on an idle machine (--wait-quiet)`;
  else if (serverBusy) why = `${names.server} is CPU-bound`;
  else if (genBusy) why = `${names.generator} is CPU-bound (it, not the server, is the limit)`;
  else if (machineBusy)
    why = `the machine's ${names.machineCores} cores were saturated by server and generators together (${total}% of ${100 * names.machineCores}%)`;
  else if (lost > 0) why = 'datagrams were lost';
  else why = 'no process was CPU-saturated (see the failure reasons)';
  if (s.failures === 0) {
    const slow = (s.latencyMs?.p95 ?? 0) >= HELD_P95_MS;
    why = `nothing failed, but ${slow ? `p95 latency reached ${s.latencyMs?.p95} ms` : 'completions fell behind the offered rate'}; ${why}`;
  }
  return `breaks at ${s.offeredPerSec}/s (achieved ${s.achievedPerSec}/s, ${s.failures} failures ${JSON.stringify(
    s.failureReasons,
  )}, ${latency}; ${cpu}): ${why}.${drops} CPU figures of a failing step are averaged over its timeouts too.`;
}
