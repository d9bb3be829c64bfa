/**
 * sipp (Debian package `sip-tester`) as a non-browser SIP peer for tests and load runs: runs a scenario
 * once (or `calls` times) against a SIP server and returns sipp's exit code and statistics.
 *
 *   const r = await runSipp({ target: kam.sipUdp, user: '1001', domain: kam.domain,
 *                             authUser: creds.username, authPassword: creds.password });
 *   // r.exitCode === 0 when every call succeeded; r.stats.successful / r.stats.failed
 *
 * sipp reads a password that starts with "0x" as hex: use sippSafeCredentials() to mint around it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type Availability } from './kamailio';

export const SIPP_PACKAGE = 'sip-tester';
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

export interface SippOptions {
  /** Server ip:port, e.g. kamailio.sipUdp. */
  target: string;
  /** Scenario XML (default: e2e/support/sipp/register.xml). */
  scenario?: string;
  /** SIP user part for From/To/Contact ([user] in the scenario). */
  user: string;
  /** SIP domain ([domain]). */
  domain: string;
  /** Digest username (-au), e.g. "<expiry>:1001". */
  authUser?: string;
  /** Digest password (-ap); must not start with "0x" (see sippSafeCredentials). */
  authPassword?: string;
  /** Registration lifetime ([expires], default 60). */
  expires?: number;
  /** Number of calls (scenario runs) before exiting (-m, default 1). */
  calls?: number;
  /** Calls per second (-r, default 10). */
  rate?: number;
  /** Maximum simultaneous calls (-l). */
  limit?: number;
  /** Transport mode (-t): u1 (UDP, one socket, default), un (UDP socket per call), t1 (TCP). */
  transport?: 'u1' | 'un' | 't1' | 'tn';
  /** Local address (default 127.0.0.1) and port (default: a free one). */
  localIp?: string;
  localPort?: number;
  /** Injection file (-inf) for per-call users/credentials in load runs. */
  injectionFile?: string;
  /** Extra -key NAME VALUE pairs. */
  keys?: Record<string, string>;
  /** Extra raw arguments. */
  extraArgs?: string[];
  /** Whole run limit (default 15 s); sipp exits with failure when it is reached. */
  timeoutSec?: number;
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
  /** sipp's error log (unexpected messages etc.), empty when none. */
  errors: string;
  stdout: string;
  stderr: string;
  command: string[];
}

export async function runSipp(opts: SippOptions): Promise<SippResult> {
  if (opts.authPassword && !isSippSafePassword(opts.authPassword)) {
    throw new Error(
      'sipp would read a password starting with "0x" as hex: mint another (sippSafeCredentials)',
    );
  }
  const scenario = opts.scenario ?? SIPP_REGISTER_SCENARIO;
  if (!existsSync(scenario)) throw new Error(`sipp scenario not found: ${scenario}`);
  const localIp = opts.localIp ?? '127.0.0.1';
  const localPort = opts.localPort ?? (await freePort(localIp, true));
  const dir = mkdtempSync(join(tmpdir(), 'openline-sipp-'));
  const statFile = join(dir, 'stats.csv');
  const errorFile = join(dir, 'errors.log');
  const keys: Record<string, string> = {
    user: opts.user,
    domain: opts.domain,
    expires: String(opts.expires ?? 60),
    ...opts.keys,
  };
  const args = [
    opts.target,
    '-sf',
    scenario,
    '-i',
    localIp,
    '-p',
    String(localPort),
    '-t',
    opts.transport ?? 'u1',
    '-m',
    String(opts.calls ?? 1),
    '-r',
    String(opts.rate ?? 10),
    ...(opts.limit ? ['-l', String(opts.limit)] : []),
    ...(opts.authUser ? ['-au', opts.authUser] : []),
    ...(opts.authPassword ? ['-ap', opts.authPassword] : []),
    ...(opts.injectionFile ? ['-inf', opts.injectionFile] : []),
    ...Object.entries(keys).flatMap(([k, v]) => ['-key', k, v]),
    '-nostdin',
    '-trace_stat',
    '-stf',
    statFile,
    '-fd',
    '1',
    '-trace_err',
    '-error_file',
    errorFile,
    '-timeout',
    `${opts.timeoutSec ?? 15}s`,
    '-timeout_error',
    '-max_retrans',
    '5',
    ...(opts.extraArgs ?? []),
  ];
  try {
    const child = spawn(SIPP_BIN, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 255)));
    });
    return {
      exitCode,
      stats: existsSync(statFile) ? parseStats(readFileSync(statFile, 'utf8')) : null,
      errors: existsSync(errorFile) ? readFileSync(errorFile, 'utf8').trim() : '',
      // sipp's screen output is long; keep the end of it
      stdout: stdout.slice(-4000),
      stderr: stderr.slice(-4000),
      command: [SIPP_BIN, ...args],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
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
