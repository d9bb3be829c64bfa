/**
 * sipp (Debian package `sip-tester`) as a non-browser SIP peer, the one runner for tests and the load
 * benchmark (bench/sip-load): `runSipp` runs a scenario to its end and returns sipp's exit code and
 * statistics; `startSipp` returns at once with the process (its PID for CPU readings, `stop()`, and `done`),
 * for an answering sipp or a load step.
 *
 *   const r = await runSipp({ target: kam.sipUdp, user: '1001', domain: kam.domain,
 *                             authUser: creds.username, authPassword: creds.password });
 *   // r.exitCode === 0 when every call succeeded; r.stats.successful / r.stats.failed
 *
 * Bounded three ways: sipp's -timeout, -recv_timeout (a call waiting longer for a message fails instead
 * of hanging), and our own timer that ends the process by its PID (SIGTERM, then SIGKILL).
 * sipp reads a password that starts with "0x" as hex: use sippSafeCredentials() to mint around it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type Availability } from './kamailio';

const SIPP_PACKAGE = 'sip-tester';
/** One authenticated REGISTER per call, users from an injection file (see the file's header). */
export const SIPP_REGISTER_SCENARIO = fileURLToPath(new URL('./sipp/register.xml', import.meta.url));
const SIPP_BIN = process.env.SIPP_BIN ?? 'sipp';

export function sippAvailable(): Availability {
  const r = spawnSync(SIPP_BIN, ['-v'], { encoding: 'utf8' });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const version = /SIPp (v[\d.]+)/.exec(out)?.[1];
  if (r.error || !version) {
    return {
      ok: false,
      reason: `sipp is not installed (${SIPP_BIN}: ${r.error?.message ?? 'no version'}). Install it: apt-get install -y ${SIPP_PACKAGE}`,
    };
  }
  return { ok: true, version: `sipp ${version}` };
}

/** True if sipp would use this password as given (it hex-decodes anything starting with "0x"). */
export function isSippSafePassword(password: string): boolean {
  return !password.startsWith('0x');
}

/**
 * Mints credentials that sipp can use: calls `mint(attempt)` (attempt 0, 1, 2, ...: add it to the TTL so
 * each attempt yields a different username and password) until the password does not start with "0x".
 */
export function sippSafeCredentials<T extends { password: string }>(mint: (attempt: number) => T): T {
  for (let attempt = 0; attempt < 100; attempt++) {
    const creds = mint(attempt);
    if (isSippSafePassword(creds.password)) return creds;
  }
  throw new Error('could not mint a sipp-safe password in 100 attempts');
}

/** One injection-file row for the register scenario: user, its [authentication] keyword, Contact host:port. */
export function registerRow(o: {
  user: string;
  authUser?: string;
  authPassword?: string;
  contact: string;
}): string[] {
  const auth = o.authUser ? `[authentication username=${o.authUser} password=${o.authPassword ?? ''}]` : '';
  return [o.user, auth, o.contact];
}

/** Writes a sipp injection file (SEQUENTIAL, ';'-separated) and returns its path. */
export function writeInjectionFile(dir: string, name: string, rows: string[][]): string {
  const file = join(dir, name);
  writeFileSync(file, ['SEQUENTIAL', ...rows.map((r) => r.join(';'))].join('\n') + '\n');
  return file;
}

export interface SippRunOptions {
  /** Server ip:port, e.g. kamailio.sipUdp. */
  target: string;
  scenario: string;
  /** Local address (default 127.0.0.1) and port. */
  localIp?: string;
  localPort: number;
  /** Calls (-m) and rate (-r); omit both for an answering (uas) sipp. */
  calls?: number;
  rate?: number;
  /** Maximum simultaneous calls (-l). */
  limit?: number;
  /** Transport mode (-t): u1 (UDP, one socket, default), un (UDP socket per call), t1 (TCP). */
  transport?: 'u1' | 'un' | 't1' | 'tn';
  /** -key NAME VALUE pairs ([NAME] in the scenario). */
  keys?: Record<string, string>;
  /** Injection file (-inf) for per-call users/credentials. */
  injectionFile?: string;
  /** Digest username and password (-au/-ap) for scenarios that use [authentication]. */
  authUser?: string;
  authPassword?: string;
  /** sipp's own run limit (s); sipp exits with failure when it is reached. */
  timeoutSec: number;
  /** Our hard limit: the process is ended by its PID after this long (default timeoutSec + 5 s). */
  killAfterMs?: number;
  /** Record each response time (rtd) of the scenario. */
  traceRtt?: boolean;
  /** Socket buffers (-buff_size): sipp's 64 KB default overflows at thousands of messages per second. */
  socketBufferBytes?: number;
  /** Extra raw arguments. */
  extraArgs?: string[];
}

export interface SippStats {
  successful: number;
  failed: number;
  created: number;
  /** Failed calls by cause, from the statistics columns (FailedUnexpectedMessage, FailedMaxUDPRetrans, ...). */
  failures: Record<string, number>;
  /** Elapsed seconds as sipp measured it. */
  elapsedSec: number | null;
  /** All columns of the last statistics row. */
  raw: Record<string, string>;
}

export interface SippResult {
  /**
   * sipp's exit code: 0 all calls succeeded, 1 at least one failed, 97 stopped by internal command,
   * 99 normal exit without calls processed, 255 (-1) fatal error, 254 (-2) cannot bind socket.
   */
  exitCode: number;
  stats: SippStats | null;
  /** Response times (ms) and when they were taken (ms since sipp started), with traceRtt. */
  rtt: { atMs: number; ms: number }[];
  /** The first lines of sipp's error log (unexpected messages etc.), or its stderr; empty when none. */
  errors: string;
  /** The end of sipp's screen output. */
  stdout: string;
  stderr: string;
  /** True when our hard limit ended the process. */
  killed: boolean;
  command: string[];
}

export interface SippProcess {
  pid: number;
  child: ChildProcess;
  statFile: string;
  done: Promise<SippResult>;
  stop(): Promise<void>;
}

export function startSipp(o: SippRunOptions): SippProcess {
  const dir = mkdtempSync(join(tmpdir(), 'openline-sipp-'));
  const statFile = join(dir, 'stats.csv');
  const errorFile = join(dir, 'errors.log');
  if (!existsSync(o.scenario)) throw new Error(`sipp scenario not found: ${o.scenario}`);
  if (o.authPassword && !isSippSafePassword(o.authPassword)) {
    throw new Error(
      'sipp would read a password starting with "0x" as hex: mint another (sippSafeCredentials)',
    );
  }
  const args = [
    o.target,
    '-sf',
    o.scenario,
    '-i',
    o.localIp ?? '127.0.0.1',
    '-p',
    String(o.localPort),
    '-t',
    o.transport ?? 'u1',
    ...(o.calls !== undefined ? ['-m', String(o.calls)] : []),
    ...(o.rate !== undefined ? ['-r', String(o.rate)] : []),
    ...(o.limit ? ['-l', String(o.limit)] : []),
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
    ...(o.socketBufferBytes ? ['-buff_size', String(o.socketBufferBytes)] : []),
    ...(o.extraArgs ?? []),
  ];
  const child = spawn(SIPP_BIN, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  // sipp's screen output is long: keep the end of it
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout = (stdout + d).slice(-4000)));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
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
  const timer = setTimeout(kill, o.killAfterMs ?? (o.timeoutSec + 5) * 1000);
  const done = exited.then((exitCode): SippResult => {
    clearTimeout(timer);
    const rttName = readdirSync(dir).find((f) => f.endsWith('_rtt.csv'));
    const result: SippResult = {
      exitCode,
      stats: existsSync(statFile) ? parseStats(readFileSync(statFile, 'utf8')) : null,
      rtt: rttName ? parseRtt(readFileSync(join(dir, rttName), 'utf8')) : [],
      errors: existsSync(errorFile)
        ? readFileSync(errorFile, 'utf8').trim().split('\n').slice(0, 20).join('\n').slice(0, 4000)
        : '',
      stdout,
      stderr,
      killed,
      command: [SIPP_BIN, ...args],
    };
    rmSync(dir, { recursive: true, force: true });
    return result;
  });
  const stop = async () => {
    kill();
    await exited;
  };
  return { pid: child.pid ?? -1, child, statFile, done, stop };
}

export interface RegisterOptions {
  /** Server ip:port, e.g. kamailio.sipUdp. */
  target: string;
  /** SIP user part for From/To/Contact. */
  user: string;
  /** SIP domain. */
  domain: string;
  /** Digest username, e.g. "<expiry>:1001", and password (must not start with "0x"). */
  authUser?: string;
  authPassword?: string;
  /** Registration lifetime (default 60 s). */
  expires?: number;
  /** Whole run limit (default 15 s). */
  timeoutSec?: number;
}

/** One REGISTER with digest authentication, as a desk phone would do it, run to its end. */
export async function runSipp(o: RegisterOptions): Promise<SippResult> {
  const localIp = '127.0.0.1';
  const localPort = await freePort(localIp, true);
  const dir = mkdtempSync(join(tmpdir(), 'openline-sipp-inf-'));
  try {
    const row = registerRow({ ...o, contact: `${localIp}:${localPort}` });
    if (o.authPassword && !isSippSafePassword(o.authPassword)) {
      throw new Error(
        'sipp would read a password starting with "0x" as hex: mint another (sippSafeCredentials)',
      );
    }
    return await startSipp({
      target: o.target,
      scenario: SIPP_REGISTER_SCENARIO,
      localIp,
      localPort,
      calls: 1,
      rate: 10,
      injectionFile: writeInjectionFile(dir, 'register.csv', [row]),
      keys: { domain: o.domain, expires: String(o.expires ?? 60) },
      timeoutSec: o.timeoutSec ?? 15,
    }).done;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

/** The last statistics row of a running sipp (a row is appended to its -trace_stat file every second). */
export function currentStats(p: SippProcess): SippStats | null {
  try {
    return parseStats(readFileSync(p.statFile, 'utf8'));
  } catch {
    return null;
  }
}

/** Last row of sipp's -trace_stat CSV (';'-separated, one header row). */
export function parseStats(csv: string): SippStats | null {
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]?.split(';');
  const last = lines.at(-1)?.split(';');
  if (!header || !last || lines.length < 2) return null;
  const raw: Record<string, string> = {};
  header.forEach((h, i) => {
    if (h) raw[h] = last[i] ?? '';
  });
  const num = (k: string) => Number(raw[k] ?? 0) || 0;
  const failures: Record<string, number> = {};
  for (const k of Object.keys(raw)) {
    const m = /^Failed(\w+)\(C\)$/.exec(k);
    if (m?.[1] && num(k) > 0) failures[m[1]] = num(k);
  }
  const elapsed = /(\d+):(\d+):(\d+)/.exec(raw['ElapsedTime(C)'] ?? '');
  return {
    successful: num('SuccessfulCall(C)'),
    failed: num('FailedCall(C)'),
    created: num('TotalCallCreated'),
    failures,
    elapsedSec: elapsed ? Number(elapsed[1]) * 3600 + Number(elapsed[2]) * 60 + Number(elapsed[3]) : null,
    raw,
  };
}
