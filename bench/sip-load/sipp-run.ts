/**
 * Runs sipp for the load benchmark and keeps what e2e/support/sipp.ts's runSipp (made for one-shot
 * tests) does not: every response time (-trace_rtt), the PID (to read its CPU, and to stop it), and a
 * background mode for the answering side. Statistics are parsed with runSipp's own parseStats.
 *
 * Bounded three ways: sipp's -timeout, -recv_timeout (a call waiting longer for a message fails instead of
 * hanging forever), and our own timer that ends the process by its PID (SIGTERM, then SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStats, type SippStats } from '../../e2e/support/sipp';
import { cleanups } from './ramp';

const SIPP_BIN = process.env.SIPP_BIN ?? 'sipp';
const SOCKET_BUFFER = 4 * 1024 * 1024;
export const SCENARIOS = {
  register: fileURLToPath(new URL('./sipp/register.xml', import.meta.url)),
  uac: fileURLToPath(new URL('./sipp/uac.xml', import.meta.url)),
  uas: fileURLToPath(new URL('./sipp/uas.xml', import.meta.url)),
};

export interface SippRunOptions {
  target: string;
  scenario: string;
  localPort: number;
  /** Calls (-m) and rate (-r); omit both for an answering (uas) sipp. */
  calls?: number;
  rate?: number;
  keys?: Record<string, string>;
  injectionFile?: string;
  authUser?: string;
  authPassword?: string;
  /** sipp's own run limit (s). */
  timeoutSec: number;
  /** Our hard limit: the process is ended by its PID after this long (ms). */
  killAfterMs: number;
  /** Record each response time (rtd) of the scenario. */
  traceRtt?: boolean;
}

export interface SippOutcome {
  exitCode: number;
  stats: SippStats | null;
  /** Response times (ms) and when they were taken (ms since sipp started). */
  rtt: { atMs: number; ms: number }[];
  /** First lines of sipp's error log, when it has one. */
  errors: string;
  killed: boolean;
  command: string[];
}

export interface SippProcess {
  pid: number;
  child: ChildProcess;
  statFile: string;
  done: Promise<SippOutcome>;
  stop(): Promise<void>;
}

/** "Date_ms;response_time_ms;rtd_no" rows of a -trace_rtt file. */
export function parseRtt(csv: string): { atMs: number; ms: number }[] {
  const out: { atMs: number; ms: number }[] = [];
  for (const line of csv.split('\n')) {
    const [at, ms] = line.split(';');
    const a = Number(at);
    const m = Number(ms);
    if (at && ms && Number.isFinite(a) && Number.isFinite(m)) out.push({ atMs: a, ms: m });
  }
  return out;
}

export function startSipp(o: SippRunOptions): SippProcess {
  const dir = mkdtempSync(join(tmpdir(), 'openline-sip-load-sipp-'));
  const statFile = join(dir, 'stats.csv');
  const errorFile = join(dir, 'errors.log');
  const args = [
    o.target,
    '-sf',
    o.scenario,
    '-i',
    '127.0.0.1',
    '-p',
    String(o.localPort),
    '-t',
    'u1',
    ...(o.calls !== undefined ? ['-m', String(o.calls)] : []),
    ...(o.rate !== undefined ? ['-r', String(o.rate)] : []),
    ...(o.injectionFile ? ['-inf', o.injectionFile] : []),
    ...(o.authUser ? ['-au', o.authUser] : []),
    ...(o.authPassword ? ['-ap', o.authPassword] : []),
    ...Object.entries(o.keys ?? {}).flatMap(([k, v]) => ['-key', k, v]),
    '-nostdin',
    '-trace_stat',
    '-stf',
    statFile,
    '-fd',
    '1',
    '-trace_err',
    '-error_file',
    errorFile,
    ...(o.traceRtt ? ['-trace_rtt', '-rtt_freq', '1'] : []),
    '-timeout',
    `${o.timeoutSec}s`,
    '-timeout_error',
    '-recv_timeout',
    '5000',
    '-max_retrans',
    '5',
    // socket buffers: sipp's 64 KB default overflows within milliseconds at thousands of messages per
    // second (datagrams lost → 500 ms retransmissions); 4 MB is what net.core.rmem_max allows here
    '-buff_size',
    String(SOCKET_BUFFER),
  ];
  const child = spawn(SIPP_BIN, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
  let killed = false;
  const exited = new Promise<number>((resolve) => {
    child.once('error', () => resolve(255));
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 255)));
  });
  const kill = () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    killed = true;
    child.kill('SIGTERM');
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }, 2000).unref();
  };
  const timer = setTimeout(kill, o.killAfterMs);
  const stop = async () => {
    kill();
    await exited;
  };
  cleanups.add(stop);
  const done = exited.then((exitCode): SippOutcome => {
    clearTimeout(timer);
    cleanups.delete(stop);
    const rttName = readdirSync(dir).find((f) => f.endsWith('_rtt.csv'));
    const outcome: SippOutcome = {
      exitCode,
      stats: existsSync(statFile) ? parseStats(readFileSync(statFile, 'utf8')) : null,
      rtt: rttName ? parseRtt(readFileSync(join(dir, rttName), 'utf8')) : [],
      errors: existsSync(errorFile)
        ? readFileSync(errorFile, 'utf8').split('\n').slice(0, 12).join('\n').slice(0, 1500)
        : stderr.trim(),
      killed,
      command: [SIPP_BIN, ...args],
    };
    rmSync(dir, { recursive: true, force: true });
    return outcome;
  });
  return { pid: child.pid ?? -1, child, statFile, done, stop };
}

/** The last statistics row of a running sipp (a row is appended to its -trace_stat file every second). */
export function currentStats(p: SippProcess): SippStats | null {
  try {
    return parseStats(readFileSync(p.statFile, 'utf8'));
  } catch {
    return null;
  }
}
