/**
 * Load against the embedded SIP registrar/proxy (server/sip) with a WebSocket load generator of ours.
 *
 * The server runs in a child process (server-child.ts) with `connections` extra accounts, one per
 * WebSocket, so that REGISTERs come from as many distinct users as connections, each its own
 * address-of-record (no per-AOR contact cap involved), as browsers would. The generator speaks through
 * server/sip/testing/sip-client.ts (a browser-like SIP-over-WebSocket UA with digest auth).
 *
 *  - REGISTER: a random idle connection does REGISTER → 401 → REGISTER with digest → 200 (expires 600).
 *  - Calls: connections are paired; the caller INVITEs the callee's AOR (answering a 407 if one came),
 *    the callee (auto-answer, in the generator) sends 180 and 200 with SDP, the caller ACKs and hangs up
 *    at once (BYE → 200). Bodies are ~2.7 KB SDP each way, the size of an audio-only WebRTC offer.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { LogLevel } from '../../server/log';
import { SipClient } from '../../server/sip/testing';
import { callOp, registerOp, TXN_TIMEOUT_MS } from './embedded-ops';
import { runOpenLoopStep, type OpResult, type StepRun } from './open-loop';
import { cpuSeconds, machineBusySeconds, memory } from './procfs';
import {
  cleanups,
  diagnose,
  phaseReport,
  progress,
  ramp,
  type Budget,
  type PhaseReport,
  type StepReport,
} from './ramp';
import { achievedRate, countBy, cpuPercent, held, round, summarize } from './stats';
import type { ChildMessage, ServerChildConfig } from './server-child';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));
const DOMAIN = 'openline.local';

export interface EmbeddedOptions {
  registerRates: number[];
  callRates: number[];
  stepSeconds: number;
  connections: number;
  logLevel: LogLevel;
  budget: Budget;
}

export interface EmbeddedReport {
  server: {
    pid: number;
    logLevel: LogLevel;
    accounts: number;
    connections: number;
    bindingsAfterSetup: number;
    startupRssMb: number;
    peakRssMb?: number;
    sipStatsAtEnd?: Record<string, number>;
  };
  register: PhaseReport;
  calls: PhaseReport;
}

/** The server child: started, asked for stats, stopped by its own PID. */
class ServerChild {
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    private readonly dataDir: string,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  static async start(users: string[], password: string, logLevel: LogLevel): Promise<ServerChild> {
    const dataDir = mkdtempSync(join(tmpdir(), 'openline-sip-load-'));
    const cfg: ServerChildConfig = {
      dataDir,
      domain: DOMAIN,
      password,
      users,
      logLevel,
      staticDir: join(REPO, 'dist'),
    };
    // stdout (the server's info log) goes to /dev/null: formatting each line still costs what it costs
    const child = fork(CHILD, [], {
      cwd: REPO,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, OPENLINE_BENCH_SERVER: JSON.stringify(cfg) },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      for (const line of d.split('\n')) if (line.trim()) progress(`[server] ${line}`);
    });
    try {
      const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('server child did not start in 30 s')), 30_000);
        child.on('message', (m: ChildMessage) => {
          if (m.type === 'ready') {
            clearTimeout(timer);
            resolve(m);
          } else if (m.type === 'error') {
            clearTimeout(timer);
            reject(new Error(`server child failed: ${m.message}`));
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`server child exited (${code}) during start-up`));
        });
      });
      const handle = new ServerChild(child, ready.url, dataDir);
      cleanups.add(handle.stopper);
      return handle;
    } catch (e) {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      throw e;
    }
  }

  stats(): Promise<Record<string, number> | undefined> {
    return new Promise((resolve) => {
      if (!this.child.connected) return resolve(undefined);
      const timer = setTimeout(() => {
        this.child.off('message', onMessage);
        resolve(undefined);
      }, 2000);
      const onMessage = (m: ChildMessage) => {
        if (m.type !== 'stats') return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(m.sip);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'stats' });
    });
  }

  private readonly stopper = () => this.stop();

  async stop(): Promise<void> {
    cleanups.delete(this.stopper);
    const child = this.child;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

const toMb = (kb: number | undefined) => (kb === undefined ? undefined : round(kb / 1024));

async function measuredStep<S>(
  server: ServerChild,
  rate: number,
  stepSeconds: number,
  slots: readonly S[],
  op: (slot: S) => Promise<OpResult>,
): Promise<StepReport> {
  const cpu0 = cpuSeconds(server.pid) ?? 0;
  const gen0 = process.cpuUsage();
  const machine0 = machineBusySeconds();
  const wall0 = performance.now();
  const run: StepRun = await runOpenLoopStep({
    ratePerSec: rate,
    durationMs: stepSeconds * 1000,
    slots,
    op,
    drainMs: TXN_TIMEOUT_MS * 3 + 1000,
  });
  const wallS = (performance.now() - wall0) / 1000;
  const serverCpu = (cpuSeconds(server.pid) ?? cpu0) - cpu0;
  const gen = process.cpuUsage(gen0);
  const genS = (gen.user + gen.system) / 1e6;
  const otherS = Math.max(0, machineBusySeconds() - machine0 - serverCpu - genS);
  const mem = memory(server.pid);
  const achievedPerSec = achievedRate(run.completedAt, run.startedAt, stepSeconds);
  const lag = summarize(run.lagMs);
  const report: StepReport = {
    offeredPerSec: rate,
    durationS: stepSeconds,
    attempted: run.started,
    succeeded: run.ok,
    lastCompletionS: round((run.lastCompletionAt - run.startedAt) / 1000, 2),
    failures: run.failures.length,
    failureReasons: countBy(run.failures),
    achievedPerSec,
    latencyMs: summarize(run.latenciesMs),
    held: false,
    server: {
      cpuPercent: cpuPercent(serverCpu, wallS),
      ...(mem ? { rssMb: toMb(mem.rssKb)!, peakRssMb: toMb(mem.hwmKb)! } : {}),
    },
    generator: {
      cpuPercent: cpuPercent(genS, wallS),
      ...(lag ? { lagMsP95: lag.p95 } : {}),
    },
    otherCpuPercent: cpuPercent(otherS, wallS),
  };
  report.held = held(report);
  return report;
}

async function connectAll(url: string, users: string[], password: string): Promise<SipClient[]> {
  const clients: SipClient[] = [];
  const batch = 100;
  for (let i = 0; i < users.length; i += batch) {
    const part = await Promise.all(
      users
        .slice(i, i + batch)
        .map((user) => SipClient.ws(url, { user, domain: DOMAIN, username: user, password }, {}, 10_000)),
    );
    clients.push(...part);
    // every connection registers once, so that it is a reachable, authenticated phone
    const regs = await Promise.all(part.map((c) => registerOp(c)));
    const bad = regs.find((r) => !r.ok);
    if (bad && !bad.ok) throw new Error(`set-up REGISTER failed: ${bad.reason}`);
  }
  return clients;
}

export async function runEmbedded(o: EmbeddedOptions): Promise<EmbeddedReport> {
  const connections = Math.max(2, o.connections - (o.connections % 2));
  const users = Array.from({ length: connections }, (_, i) => String(100000 + i));
  const password = randomBytes(12).toString('base64url');
  progress(`embedded: starting the server (child process) with ${connections} load accounts`);
  const server = await ServerChild.start(users, password, o.logLevel);
  let clients: SipClient[] = [];
  try {
    const startupRss = memory(server.pid);
    progress(`embedded: server pid ${server.pid} at ${server.url}; connecting ${connections} WebSockets`);
    clients = await connectAll(`${server.url.replace(/^http/, 'ws')}/sip`, users, password);
    const afterSetup = await server.stats();
    progress(`embedded: ${clients.length} connections registered (bindings: ${afterSetup?.bindings ?? '?'})`);

    const stepCostS = o.stepSeconds + 2;
    const pause = () => new Promise((r) => setTimeout(r, 500));
    const reg = await ramp({
      label: 'embedded REGISTER',
      rates: o.registerRates,
      budget: o.budget,
      stepCostS,
      step: async (rate) => {
        const s = await measuredStep(server, rate, o.stepSeconds, clients, registerOp);
        await pause();
        return s;
      },
    });
    const pairs = Array.from(
      { length: clients.length / 2 },
      (_, i) => [clients[2 * i]!, clients[2 * i + 1]!] as const,
    );
    const calls = await ramp({
      label: 'embedded calls',
      rates: o.callRates,
      budget: o.budget,
      stepCostS,
      step: async (rate) => {
        const s = await measuredStep(server, rate, o.stepSeconds, pairs, callOp);
        await pause();
        return s;
      },
    });
    const end = await server.stats();
    const mem = memory(server.pid);
    const names = {
      server: 'server (one Node.js thread)',
      generator: 'load generator',
      serverCores: 1,
      machineCores: cpus().length,
    };
    return {
      server: {
        pid: server.pid,
        logLevel: o.logLevel,
        accounts: users.length + 3,
        connections: clients.length,
        bindingsAfterSetup: afterSetup?.bindings ?? -1,
        startupRssMb: toMb(startupRss?.rssKb) ?? -1,
        ...(mem ? { peakRssMb: toMb(mem.hwmKb)! } : {}),
        ...(end ? { sipStatsAtEnd: end } : {}),
      },
      register: phaseReport(
        'REGISTER → 401 → REGISTER (digest) → 200, one per distinct user over its own WebSocket',
        reg,
        diagnose(reg.steps, names),
        2000,
      ),
      calls: phaseReport(
        'INVITE → (407) → 100/180 → 200 → ACK → BYE → 200 between two WebSocket clients, 0 s hold',
        calls,
        diagnose(calls.steps, names),
        500,
      ),
    };
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await server.stop();
  }
}
