/**
 * Load against Kamailio (deploy/kamailio/kamailio.cfg, started by e2e/support/kamailio.ts on loopback)
 * with sipp over UDP, every request authenticated with ephemeral credentials minted by our own code
 * (server/credentials/ephemeral.ts, made sipp-safe by sippSafeCredentials).
 *
 *  - REGISTER: sipp/register.xml, each "call" one registration of the next of 10,000 users (injection
 *    file: user, its `[authentication username=… password=…]`, its contact).
 *  - Calls: user 1002 is registered with the address of an answering sipp (sipp/uas.xml); a calling sipp
 *    (sipp/uac.xml, user 1001) places the calls: INVITE → 407 → ACK → INVITE with credentials → 180 →
 *    200 → ACK → BYE → 200, all through Kamailio (record-routed).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, kamailioAvailable, startKamailio, type KamailioHandle } from '../../e2e/support/kamailio';
import {
  currentStats,
  registerRow,
  sippAvailable,
  sippSafeCredentials,
  writeInjectionFile,
  type SippProcess,
  type SippResult,
} from '../../e2e/support/sipp';
import { mintEphemeralCredentials } from '../../server/credentials/ephemeral';
import {
  cpuSeconds,
  groupPids,
  machineBusySeconds,
  reapedChildrenCpuSeconds,
  totalCpuSeconds,
  totalPssKb,
  udpRcvbufErrors,
  udpSocketDrops,
} from './procfs';
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
import type { SippRunOptions } from '../../e2e/support/sipp';
import { SCENARIOS, startLoadSipp } from './sipp-run';
import { achievedRate, cpuPercent, held, round, summarize } from './stats';

const REGISTER_USERS = 10_000;
const CALLER = '1001';
const CALLEE = '1002';

export interface KamailioOptions {
  registerRates: number[];
  callRates: number[];
  stepSeconds: number;
  budget: Budget;
}

export interface KamailioReport {
  kamailio: { version: string; workers: number; shmMb: number; processes: number; pssMbAtEnd?: number };
  sipp: string;
  register: PhaseReport;
  calls: PhaseReport & { callee?: { successful: number; failed: number; failures: Record<string, number> } };
}

function mint(secret: string, user: string) {
  // long enough for the run; sipp reads a password that starts with "0x" as hex: mint around it
  return sippSafeCredentials((attempt) =>
    mintEphemeralCredentials({ secret, user, ttlSeconds: 3600 + attempt }),
  );
}

/** sipp's view of one step turned into the common report. */
function stepFromSipp(o: {
  rate: number;
  stepSeconds: number;
  out: SippResult;
  kamCpuS: number;
  wallS: number;
  sippCpuS: number;
  calleeCpuS?: number;
  otherCpuS: number;
  pssKb: number;
  udpDrops: { machine: number; serverSocket?: number };
}): StepReport {
  const due = Math.max(1, Math.round(o.rate * o.stepSeconds));
  const st = o.out.stats;
  const created = st?.created ?? 0;
  const ok = st?.successful ?? 0;
  const failed = st?.failed ?? 0;
  // sipp's Failed*(C) columns by cause ("Call" is their total, kept as `failed`)
  const reasons: Record<string, number> = {};
  for (const [k, v] of Object.entries(st?.failures ?? {})) if (k !== 'Call') reasons[k] = v;
  const unfinished = Math.max(0, created - ok - failed);
  if (unfinished) reasons.unfinished = unfinished;
  const notSent = Math.max(0, due - created);
  if (notSent) reasons['not-sent'] = notSent;
  if (!st) reasons[`sipp exit ${o.out.exitCode}, no statistics`] = due;
  const failures = st ? failed + unfinished + notSent : due;
  // sipp's clock: ms since it started; the first call starts at once
  const firstStart = o.out.rtt.length ? Math.min(...o.out.rtt.map((r) => r.atMs - r.ms)) : 0;
  const lastEnd = o.out.rtt.length ? Math.max(...o.out.rtt.map((r) => r.atMs)) : 0;
  const inWindow = achievedRate(
    o.out.rtt.map((r) => r.atMs),
    firstStart,
    o.stepSeconds,
  );
  const retrans = Number(st?.raw['Retransmissions(C)'] ?? 0) || 0;
  const report: StepReport = {
    offeredPerSec: o.rate,
    durationS: o.stepSeconds,
    attempted: created,
    succeeded: ok,
    lastCompletionS: round((lastEnd - firstStart) / 1000, 2),
    failures,
    failureReasons: reasons,
    // a call that reached 200 OK but failed later (BYE) has a response time too: never count more than ok
    achievedPerSec: Math.min(inWindow, round(ok / o.stepSeconds)),
    latencyMs: summarize(o.out.rtt.map((r) => r.ms)),
    held: false,
    server: { cpuPercent: cpuPercent(o.kamCpuS, o.wallS), pssMb: round(o.pssKb / 1024) },
    generator: {
      cpuPercent: cpuPercent(o.sippCpuS, o.wallS),
      retransmissions: retrans,
      ...(o.calleeCpuS !== undefined ? { calleeCpuPercent: cpuPercent(o.calleeCpuS, o.wallS) } : {}),
    },
    otherCpuPercent: cpuPercent(o.otherCpuS, o.wallS),
    udpDrops: o.udpDrops,
  };
  report.held = held(report);
  if (!report.held && o.out.errors.trim()) progress(`sipp errors (first lines):\n${o.out.errors}`);
  return report;
}

export async function runKamailio(o: KamailioOptions): Promise<KamailioReport | { skipped: string }> {
  const kamOk = kamailioAvailable();
  if (!kamOk.ok) return { skipped: kamOk.reason };
  const sippOk = sippAvailable();
  if (!sippOk.ok) return { skipped: sippOk.reason };

  const secret = randomBytes(18).toString('base64url');
  const workers = 4;
  const shmMb = 512;
  progress(`kamailio: starting ${kamOk.version} (${workers} workers, ${shmMb} MB shm)`);
  // The load generator is one address: lift the per-address flood ban (pike) for the measurement.
  const kam: KamailioHandle = await startKamailio({
    secret,
    workers,
    shmMb,
    defines: ['PIKE_DENSITY=1000000'],
  });
  const stopKam = () => kam.stop();
  cleanups.add(stopKam);
  const dir = mkdtempSync(join(tmpdir(), 'openline-sip-load-kam-'));
  let uas: SippProcess | undefined;
  try {
    // let every worker come up before counting processes
    await new Promise((r) => setTimeout(r, 300));
    const pids = groupPids(kam.pid);
    progress(`kamailio: pid ${kam.pid} (${pids.length} processes), SIP UDP ${kam.sipUdp}`);
    const measure = async (run: () => Promise<SippResult>, calleePid?: number) => {
      const kam0 = totalCpuSeconds(pids);
      const reaped0 = reapedChildrenCpuSeconds();
      const callee0 = calleePid ? cpuSeconds(calleePid) : undefined;
      const machine0 = machineBusySeconds();
      const udp0 = udpRcvbufErrors();
      const sock0 = udpSocketDrops(kam.sipPort);
      const t0 = performance.now();
      const out = await run();
      const wallS = (performance.now() - t0) / 1000;
      const kamCpuS = totalCpuSeconds(pids) - kam0;
      const sippCpuS = reapedChildrenCpuSeconds() - reaped0;
      const calleeCpuS =
        calleePid && callee0 !== undefined ? (cpuSeconds(calleePid) ?? callee0) - callee0 : undefined;
      // everything else on the machine, our own (idle) Node process included
      const otherCpuS = Math.max(0, machineBusySeconds() - machine0 - kamCpuS - sippCpuS - (calleeCpuS ?? 0));
      const sock1 = udpSocketDrops(kam.sipPort);
      return {
        out,
        wallS,
        udpDrops: {
          machine: udpRcvbufErrors() - udp0,
          ...(sock0 !== undefined && sock1 !== undefined ? { serverSocket: sock1 - sock0 } : {}),
        },
        kamCpuS,
        sippCpuS,
        ...(calleeCpuS !== undefined ? { calleeCpuS } : {}),
        otherCpuS,
        pssKb: totalPssKb(pids),
      };
    };
    const stepCostS = o.stepSeconds + 3;
    const pause = () => new Promise((r) => setTimeout(r, 1000));
    /** Ramps one sipp load (a step per rate, each `stepSeconds` long) and measures every step. */
    const rampSipp = (
      label: string,
      rates: number[],
      load: Omit<SippRunOptions, 'target' | 'calls' | 'rate' | 'timeoutSec' | 'killAfterMs'>,
      calleePid?: number,
    ) =>
      ramp({
        label,
        rates,
        budget: o.budget,
        stepCostS,
        step: async (rate) => {
          const m = await measure(
            () =>
              startLoadSipp({
                ...load,
                target: kam.sipUdp,
                calls: Math.round(rate * o.stepSeconds),
                rate,
                timeoutSec: o.stepSeconds + 10,
                killAfterMs: (o.stepSeconds + 15) * 1000,
                traceRtt: true,
              }).done,
            calleePid,
          );
          await pause();
          return stepFromSipp({ rate, stepSeconds: o.stepSeconds, ...m });
        },
      });

    // ---- REGISTER ----
    const regPort = await freePort('127.0.0.1', true);
    const users = Array.from({ length: REGISTER_USERS }, (_, i) => String(200000 + i));
    const regFile = writeInjectionFile(
      dir,
      'register-users.csv',
      users.map((u) => {
        const c = mint(secret, u);
        return registerRow({
          user: u,
          authUser: c.username,
          authPassword: c.password,
          contact: `127.0.0.1:${regPort}`,
        });
      }),
    );
    const reg = await rampSipp('kamailio REGISTER', o.registerRates, {
      scenario: SCENARIOS.register,
      localPort: regPort,
      injectionFile: regFile,
      keys: { domain: kam.domain, expires: '600' },
    });

    // ---- calls ----
    let callSteps: { steps: StepReport[]; stopped?: string } = { steps: [] };
    let callee: KamailioReport['calls']['callee'];
    if (o.budget.remainingS() > stepCostS + 2) {
      const uasPort = await freePort('127.0.0.1', true);
      const uacPort = await freePort('127.0.0.1', true);
      const calleeFile = writeInjectionFile(dir, 'callee.csv', [
        (() => {
          const c = mint(secret, CALLEE);
          return registerRow({
            user: CALLEE,
            authUser: c.username,
            authPassword: c.password,
            contact: `127.0.0.1:${uasPort}`,
          });
        })(),
      ]);
      // the answering sipp, for the whole call phase; its address registered as user 1002
      const phaseS = Math.ceil(Math.max(10, o.budget.remainingS()));
      uas = startLoadSipp({
        target: kam.sipUdp,
        scenario: SCENARIOS.uas,
        localPort: uasPort,
        timeoutSec: phaseS,
        killAfterMs: (phaseS + 5) * 1000,
      });
      const registered = await startLoadSipp({
        target: kam.sipUdp,
        scenario: SCENARIOS.register,
        localPort: regPort,
        calls: 1,
        rate: 1,
        injectionFile: calleeFile,
        keys: { domain: kam.domain, expires: '3600' },
        timeoutSec: 5,
        killAfterMs: 8000,
      }).done;
      if (registered.stats?.successful !== 1) {
        throw new Error(
          `could not register the callee (sipp exit ${registered.exitCode}): ${registered.errors}`,
        );
      }
      const caller = mint(secret, CALLER);
      const uasPid = uas.pid;
      callSteps = await rampSipp(
        'kamailio calls',
        o.callRates,
        {
          scenario: SCENARIOS.uac,
          localPort: uacPort,
          authUser: caller.username,
          authPassword: caller.password,
          keys: { domain: kam.domain, user: CALLER, callee: CALLEE },
        },
        uasPid,
      );
      // the answering side's own count (its statistics file is written every second)
      await new Promise((r) => setTimeout(r, 1100));
      const cs = currentStats(uas);
      if (cs) callee = { successful: cs.successful, failed: cs.failed, failures: cs.failures };
    } else {
      callSteps.stopped = 'time budget (--max-seconds) left no room for the call phase';
    }

    const names = {
      server: 'Kamailio (all processes)',
      generator: 'sipp',
      serverCores: cpus().length,
      machineCores: cpus().length,
    };
    const pssKb = totalPssKb(pids);
    return {
      kamailio: {
        version: kamOk.version,
        workers,
        shmMb,
        processes: pids.length,
        ...(pssKb ? { pssMbAtEnd: round(pssKb / 1024) } : {}),
      },
      sipp: sippOk.version,
      register: phaseReport(
        `REGISTER → 401 → REGISTER (digest, ephemeral credentials) → 200 over UDP, ${REGISTER_USERS} users in turn`,
        reg,
        diagnose(reg.steps, names),
      ),
      calls: {
        ...phaseReport(
          'INVITE → 407 → ACK → INVITE (digest) → 180 → 200 → ACK → BYE → 200 over UDP, sipp to sipp through Kamailio, 0 s hold',
          callSteps,
          diagnose(callSteps.steps, names),
        ),
        ...(callee ? { callee } : {}),
      },
    };
  } finally {
    await uas?.stop();
    await kam.stop();
    cleanups.delete(stopKam);
    rmSync(dir, { recursive: true, force: true });
  }
}
