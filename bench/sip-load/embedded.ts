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
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { LogLevel } from '../../server/log';
import type { SipClient } from '../../server/sip/testing';
import { callOp, connectAll, registerOp, TXN_TIMEOUT_MS } from './embedded-ops';
import { runOpenLoopStep, type OpResult, type StepRun } from './open-loop';
import { cpuSeconds, machineBusySeconds, memory } from './procfs';
import {
  diagnose,
  phaseReport,
  progress,
  ramp,
  type Budget,
  type PhaseReport,
  type StepReport,
} from './ramp';
import { ServerChild } from './server-process';
import { achievedRate, countBy, cpuPercent, held, round, summarize } from './stats';

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
    const phase = <S>(
      label: string,
      rates: number[],
      slots: readonly S[],
      op: (slot: S) => Promise<OpResult>,
    ) =>
      ramp({
        label,
        rates,
        budget: o.budget,
        stepCostS,
        step: async (rate) => {
          const s = await measuredStep(server, rate, o.stepSeconds, slots, op);
          await pause();
          return s;
        },
      });
    const reg = await phase('embedded REGISTER', o.registerRates, clients, registerOp);
    const pairs = Array.from(
      { length: clients.length / 2 },
      (_, i) => [clients[2 * i]!, clients[2 * i + 1]!] as const,
    );
    const calls = await phase('embedded calls', o.callRates, pairs, callOp);
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
