/**
 * SIP load benchmark (issue 3): REGISTER and call rates the embedded server and Kamailio hold with 0
 * failures, with the CPU and memory they use. Prints one JSON object on stdout; progress goes to stderr.
 *
 *   npm run bench:sip-load -- [--target embedded|kamailio|both] [--quick] [--max-seconds N]
 *        [--step-seconds S] [--connections N] [--server-log-level info|warn|...]
 *        [--register-rates 500,1000,...] [--call-rates 100,250,...]
 *        [--kamailio-register-rates ...] [--kamailio-call-rates ...] [--wait-quiet S]
 *
 * --wait-quiet S: before each step, wait up to S seconds for the rest of the machine to use < 30 % CPU
 * (for shared machines; the wait counts against --max-seconds).
 *
 * Loopback only. Bounded: each step schedules rate × step-seconds operations and waits a bounded time for
 * the last ones; steps that the --max-seconds budget cannot fit are skipped, and a watchdog stops every
 * process this run started (by its PID) and prints what was measured if the budget is overrun anyway.
 * See docs/performance.md for what the numbers mean and what limits them.
 */
import { cpus, loadavg, release, totalmem } from 'node:os';
import { runEmbedded, type EmbeddedReport } from './embedded';
import { runKamailio, type KamailioReport } from './kamailio';
import { Budget, cleanups, finishedSteps, progress, quiet } from './ramp';
import { parseRates, round } from './stats';
import { LOG_LEVELS, type LogLevel } from '../../server/log';
import { errorMessage } from '../../src/lib/errors';

const USAGE =
  'usage: bench:sip-load [--target embedded|kamailio|both] [--quick] [--max-seconds N] [--step-seconds S] ' +
  '[--connections N] [--server-log-level L] [--register-rates a,b] [--call-rates a,b] ' +
  '[--kamailio-register-rates a,b] [--kamailio-call-rates a,b] [--wait-quiet S]';

function parseArgs(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}\n${USAGE}`);
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (a === '--quick' || a === '--help') out.set(a.slice(2), 'true');
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value\n${USAGE}`);
      out.set(a.slice(2), v);
      i++;
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const known = [
    'target',
    'quick',
    'max-seconds',
    'step-seconds',
    'connections',
    'server-log-level',
    'register-rates',
    'call-rates',
    'kamailio-register-rates',
    'kamailio-call-rates',
    'wait-quiet',
  ];
  for (const k of args.keys()) if (!known.includes(k)) throw new Error(`unknown option --${k}\n${USAGE}`);
  const target = args.get('target') ?? 'both';
  if (!['embedded', 'kamailio', 'both'].includes(target)) throw new Error(`--target ${target}?\n${USAGE}`);
  const quick = args.has('quick');
  const maxSeconds = Number(args.get('max-seconds') ?? (quick ? 60 : 175));
  const stepSeconds = Number(args.get('step-seconds') ?? (quick ? 1 : 5));
  const connections = Number(args.get('connections') ?? (quick ? 200 : 1000));
  const logLevel = (args.get('server-log-level') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`--server-log-level: one of ${LOG_LEVELS.join(', ')}`);
  quiet.maxWaitS = Number(args.get('wait-quiet') ?? 0);
  for (const [name, v] of [
    ['max-seconds', maxSeconds],
    ['step-seconds', stepSeconds],
    ['connections', connections],
    ['wait-quiet', quiet.maxWaitS + 1],
  ] as const) {
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  }
  const rates = (name: string, full: string, short: string) =>
    parseRates(args.get(name) ?? (quick ? short : full));
  const plan = {
    embedded: {
      register: rates('register-rates', '1000,2000,4000,5000,6000', '500,2000'),
      calls: rates('call-rates', '250,500,1000,1500,2000', '100,500'),
    },
    kamailio: {
      register: rates('kamailio-register-rates', '2000,4000,8000,12000,16000', '1000,4000'),
      calls: rates('kamailio-call-rates', '500,1000,2000,2500,3200', '250,1000'),
    },
  };

  const started = Date.now();
  const budget = new Budget(maxSeconds);
  const result: {
    benchmark: 'sip-load';
    date: string;
    machine: Record<string, unknown>;
    mode: 'quick' | 'full';
    options: Record<string, unknown>;
    definitions: Record<string, string>;
    embedded?: EmbeddedReport | { skipped: string };
    kamailio?: KamailioReport | { skipped: string };
    summary?: Record<string, unknown>;
    elapsedS?: number;
  } = {
    benchmark: 'sip-load',
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '?',
      memoryGb: round(totalmem() / 2 ** 30),
      node: process.version,
      kernel: release(),
      loadAverageAtStart: loadavg().map((x) => round(x, 2)),
    },
    mode: quick ? 'quick' : 'full',
    options: {
      target,
      maxSeconds,
      stepSeconds,
      connections,
      serverLogLevel: logLevel,
      waitQuietS: quiet.maxWaitS,
      plan,
    },
    definitions: {
      register: 'one operation = REGISTER → 401 challenge → REGISTER with digest → 200 OK (two requests)',
      call: 'one operation = a whole call: INVITE (→ 407 → ACK → INVITE with credentials where challenged) → 180 → 200 → ACK → BYE → 200, no hold time, no media',
      offeredPerSec: 'open loop: operations are started at this rate whatever the latency',
      achievedPerSec:
        'successful operations completed inside the step window / its duration (in-flight ones at the end do not count; late stragglers cost nothing, see lastCompletionS)',
      failures:
        'non-2xx finals, timeouts, operations that could not be sent in the window. Embedded: 3 s per transaction over WebSocket; sipp: 5 s per expected message (-recv_timeout), UDP retransmissions every 500 ms (up to 5)',
      held: '0 failures, achieved ≥ 95 % of offered and p95 latency < 500 ms (over UDP: no retransmission at p95); highestHeld is the highest such step, highestWithoutFailures the highest step with 0 failures whatever its latency',
      latencyMs:
        'REGISTER: first REGISTER sent → 200 OK; call: first INVITE sent → 200 OK (set-up). sipp reports whole milliseconds (truncated), our generator 0.1 ms',
      cpuPercent:
        'CPU time / wall time of the step, in % of one core (200 % = both cores of a 2-core machine)',
    },
  };

  // Watchdog: if the budget is overrun (a hung child, a slow drain), stop what we started and report.
  const watchdog = setTimeout(
    () => {
      progress(`watchdog: ${maxSeconds + 30} s passed; stopping and printing the steps finished so far`);
      void Promise.race([
        Promise.all([...cleanups].map((c) => c().catch(() => undefined))),
        new Promise((r) => setTimeout(r, 8000)),
      ]).finally(() => {
        process.stdout.write(
          `${JSON.stringify({ ...result, aborted: 'watchdog: --max-seconds overrun', finishedSteps }, null, 2)}\n`,
        );
        process.exit(3);
      });
    },
    (maxSeconds + 30) * 1000,
  );
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      progress(`${signal}: stopping the processes this run started`);
      void Promise.all([...cleanups].map((c) => c().catch(() => undefined))).finally(() => process.exit(130));
    });
  }

  if (target === 'embedded' || target === 'both') {
    try {
      result.embedded = await runEmbedded({
        registerRates: plan.embedded.register,
        callRates: plan.embedded.calls,
        stepSeconds,
        connections,
        logLevel,
        budget,
      });
    } catch (e) {
      progress(`embedded: failed: ${(e as Error).stack ?? String(e)}`);
      result.embedded = { skipped: `failed: ${errorMessage(e)}` };
    }
  }
  if (target === 'kamailio' || target === 'both') {
    try {
      result.kamailio = await runKamailio({
        registerRates: plan.kamailio.register,
        callRates: plan.kamailio.calls,
        stepSeconds,
        budget,
      });
    } catch (e) {
      progress(`kamailio: failed: ${(e as Error).stack ?? String(e)}`);
      result.kamailio = { skipped: `failed: ${errorMessage(e)}` };
    }
  }

  const best = (r: EmbeddedReport | KamailioReport | { skipped: string } | undefined) =>
    r && !('skipped' in r)
      ? {
          registerPerSec: r.register.highestHeld?.achievedPerSec ?? 0,
          callsPerSec: r.calls.highestHeld?.achievedPerSec ?? 0,
          withoutFailures: {
            registerPerSec: r.register.highestWithoutFailures?.achievedPerSec ?? 0,
            callsPerSec: r.calls.highestWithoutFailures?.achievedPerSec ?? 0,
          },
          ...(r.register.meetsTarget !== undefined
            ? { meetsIssueTargets: { register2000: r.register.meetsTarget, calls500: r.calls.meetsTarget } }
            : {}),
          registerLimit: r.register.limit,
          callsLimit: r.calls.limit,
        }
      : undefined;
  const allSteps = Object.values(finishedSteps).flat();
  const busiest = Math.max(0, ...allSteps.map((s) => s.otherCpuPercent));
  result.machine.loadAverageAtEnd = loadavg().map((x) => round(x, 2));
  result.summary = {
    note: 'registerPerSec/callsPerSec: achieved rate of the highest step that held (0 failures, ≥ 95 % of offered, p95 < 500 ms); withoutFailures: of the highest step with 0 failures',
    ...(best(result.embedded) ? { embedded: best(result.embedded) } : {}),
    ...(best(result.kamailio) ? { kamailio: best(result.kamailio) } : {}),
    ...(busiest > 25
      ? {
          warning: `other processes used up to ${busiest}% CPU during a step (see otherCpuPercent): the machine was not idle, so these figures understate what it can do`,
        }
      : {}),
  };
  result.elapsedS = round((Date.now() - started) / 1000);
  clearTimeout(watchdog);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).message ?? String(e)}\n`);
    void Promise.all([...cleanups].map((c) => c().catch(() => undefined))).finally(() => process.exit(2));
  },
);
