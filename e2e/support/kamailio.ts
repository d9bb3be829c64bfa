/**
 * Kamailio for tests: runs deploy/kamailio/kamailio.cfg as a child process on free loopback ports, with its
 * runtime dir and log in a temp folder, and stops it by its PID. Never touches a system service.
 *
 *   const kam = await startKamailio({ secret: 'test-secret' });
 *   // kam.wsUrl = "ws://127.0.0.1:<port>", kam.sipUdp = "127.0.0.1:<port>", kam.domain, kam.logFile
 *   await kam.stop();
 *
 * Usable from Vitest and Playwright (plain Node APIs only). The command line it runs is printed by
 * `kam.command` and documented in docs/operations/kamailio.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer, Socket } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DaemonHandle } from './daemon';

/** The config under test: deploy/kamailio/kamailio.cfg, or $OPENLINE_KAMAILIO_CFG (e.g. a site's variant). */
export const KAMAILIO_CFG =
  process.env.OPENLINE_KAMAILIO_CFG ??
  fileURLToPath(new URL('../../deploy/kamailio/kamailio.cfg', import.meta.url));
/** Debian packages that provide the binary and the modules the config loads. */
export const KAMAILIO_PACKAGES = 'kamailio kamailio-websocket-modules kamailio-autheph-modules';
export const KAMAILIO_BIN = process.env.KAMAILIO_BIN ?? 'kamailio';
/** Modules of the config that are not in the base `kamailio` package. */
const MODULE_PACKAGES: Record<string, string> = {
  websocket: 'kamailio-websocket-modules',
  auth_ephemeral: 'kamailio-autheph-modules',
  tls: 'kamailio-tls-modules',
};

/**
 * The empty db_text tables of the offline-message store: Kamailio's own templates
 * (/usr/share/kamailio/dbtext/kamailio) with the columns msilo 5.6 and htable leave empty made nullable
 * (db_text refuses a row without a value for a NOT NULL column).
 */
export const OFFLINE_MSG_DB_TEMPLATE = fileURLToPath(
  new URL('../../deploy/kamailio/offline-db', import.meta.url),
);
const OFFLINE_MSG_TABLES = ['version', 'silo', 'htable'];

/**
 * Creates the db_text database of the offline-message store (msilo, and the table of known users) in
 * `dir` from {@link OFFLINE_MSG_DB_TEMPLATE}, keeping tables that are already there. Returns the OFFLINE_MSG_DB URL.
 */
export function prepareOfflineMessageDb(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const table of OFFLINE_MSG_TABLES) {
    const target = join(dir, table);
    if (!existsSync(target)) copyFileSync(join(OFFLINE_MSG_DB_TEMPLATE, table), target);
  }
  return `text://${dir}`;
}

export interface OfflineMessageOptions {
  /** db_text directory (created from the templates when missing); default `<runDir>/offline-db`. */
  dir?: string;
  /** OFFLINE_MSG_MAX_PER_USER (config default 100). */
  maxPerUser?: number;
  /** OFFLINE_MSG_MAX_BYTES (config default 4096). */
  maxBytes?: number;
  /** OFFLINE_MSG_CHECK_SECONDS: how often answered messages are deleted / failed ones freed (default 10). */
  checkSeconds?: number;
}

/** WS_ORIGIN of test instances that do not name one. */
export const TEST_WS_ORIGIN = 'http://127.0.0.1';

export interface KamailioOptions {
  /** Shared secret for auth_ephemeral (what the credentials are minted with). */
  secret: string;
  /** Also accept credentials minted with this older secret (rotation). */
  previousSecret?: string;
  /** Also accept credentials minted with this upcoming secret (rotation). */
  nextSecret?: string;
  /** WebSocket port; a free one when omitted. */
  wsPort?: number;
  /** UDP+TCP SIP port; a free one (free for both) when omitted. */
  sipPort?: number;
  /** SIP domain / realm (default "openline.local"). */
  domain?: string;
  /** Listen address (default 127.0.0.1). */
  listenIp?: string;
  /** Shared memory in MB (default 512; load runs need >= 512). */
  shmMb?: number;
  /** Worker processes per listener (default 4). */
  workers?: number;
  /**
   * The web origin allowed to open WebSockets (WS_ORIGIN, required by the config). Default
   * {@link TEST_WS_ORIGIN}; test clients without an Origin header are not affected by it.
   */
  wsOrigin?: string;
  /** Offline messages (msilo, OFFLINE_MSG_DB) on, with a db_text database. */
  offlineMessages?: boolean | OfflineMessageOptions;
  /** Extra `-A` defines, e.g. ['WITH_DEBUG'] or ['PIKE_DENSITY=16']. */
  defines?: string[];
  /** Config file (default deploy/kamailio/kamailio.cfg). */
  configFile?: string;
  /** Give up waiting for the WebSocket port after this long (default 10 s). */
  startTimeoutMs?: number;
}

export interface KamailioHandle extends DaemonHandle {
  /** ws://ip:wsPort, the URL for sip.js / a raw WebSocket with subprotocol "sip". */
  wsUrl: string;
  /** ip:sipPort for UDP/TCP peers (sipp, desk phones). */
  sipUdp: string;
  wsPort: number;
  sipPort: number;
  domain: string;
}

export type Availability = { ok: true; version: string } | { ok: false; reason: string };

/**
 * Whether Kamailio and every module the config loads are installed. Runs the binary's own config check
 * (`kamailio -c`), which loads all modules, so a missing kamailio-websocket-modules or
 * kamailio-autheph-modules is reported by name. `defines` checks a variant, e.g. ['WITH_TLS', ...].
 */
export function kamailioAvailable(opts: { configFile?: string; defines?: string[] } = {}): Availability {
  const configFile = opts.configFile ?? KAMAILIO_CFG;
  const version = spawnSync(KAMAILIO_BIN, ['-v'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    return {
      ok: false,
      reason: `kamailio is not installed (${KAMAILIO_BIN}: ${version.error?.message ?? `exit ${version.status}`}). Install it: apt-get install -y ${KAMAILIO_PACKAGES}`,
    };
  }
  const versionLine = /version: (kamailio [^\s]+)/.exec(version.stdout)?.[1] ?? 'kamailio';
  const runDir = mkdtempSync(join(tmpdir(), 'openline-kam-check-'));
  try {
    const check = spawnSync(
      KAMAILIO_BIN,
      [
        '-c',
        '-f',
        configFile,
        ...[
          'AUTH_SECRET="availability-check"',
          `WS_ORIGIN="${TEST_WS_ORIGIN}"`,
          `RUN_DIR="${runDir}"`,
          ...(opts.defines ?? []),
        ].flatMap((d) => ['-A', d]),
      ],
      { encoding: 'utf8' },
    );
    if (check.status !== 0) {
      const out = `${check.stdout}\n${check.stderr}`;
      const missing =
        /could not find module <([^>]+)>|cannot open shared object file[^\n]*?([\w]+\.so)/i.exec(out);
      const module = (missing?.[1] ?? missing?.[2] ?? '').replace(/\.so$/, '');
      const hint = missing
        ? `module ${module} is missing (Debian package ${MODULE_PACKAGES[module] ?? 'kamailio'})`
        : out
            .split('\n')
            .filter((l) => /ERROR|CRITICAL/.test(l))
            .slice(0, 3)
            .join(' | ');
      return {
        ok: false,
        reason: `${versionLine} cannot load ${configFile}: ${hint}. Install: apt-get install -y ${KAMAILIO_PACKAGES}`,
      };
    }
    return { ok: true, version: versionLine };
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** A TCP port on `ip` that is free now (and, with `udpToo`, free for UDP as well). */
export async function freePort(ip = '127.0.0.1', udpToo = false): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = createServer();
      srv.once('error', reject);
      srv.listen(0, ip, () => {
        const addr = srv.address();
        srv.close(() =>
          typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
        );
      });
    });
    if (!udpToo || (await udpFree(ip, port))) return port;
  }
  throw new Error('no free port found');
}

function udpFree(ip: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    sock.once('error', () => resolve(false));
    sock.bind(port, ip, () => sock.close(() => resolve(true)));
  });
}

/** Resolves once something accepts TCP connections on ip:port. */
export async function waitForTcp(
  ip: string,
  port: number,
  timeoutMs: number,
  alive: () => string | null = () => null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = alive();
    if (dead) throw new Error(dead);
    const ok = await new Promise<boolean>((resolve) => {
      const s = new Socket();
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
      s.connect(port, ip);
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on ${ip}:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A crashed test run must not leave a Kamailio behind: kill what we started. SIGKILL to the main
  // process alone would orphan its workers, so signal its process group (its own: spawned detached).
  process.once('exit', () => {
    for (const child of running) {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  });
}

function offlineMessageDefines(
  option: KamailioOptions['offlineMessages'],
  runDir: string,
  listenIp: string,
  sipPort: number,
): string[] {
  if (!option) return [];
  const o: OfflineMessageOptions = option === true ? {} : option;
  const dir = o.dir ?? join(runDir, 'offline-db');
  if (/["\\\n]/.test(dir))
    throw new Error('Kamailio offline message dir must not contain quotes or backslashes');
  return [
    `OFFLINE_MSG_DB="${prepareOfflineMessageDb(dir)}"`,
    `OFFLINE_MSG_SELF="sip:${listenIp}:${sipPort}"`,
    ...(o.maxPerUser !== undefined ? [`OFFLINE_MSG_MAX_PER_USER=${o.maxPerUser}`] : []),
    ...(o.maxBytes !== undefined ? [`OFFLINE_MSG_MAX_BYTES=${o.maxBytes}`] : []),
    ...(o.checkSeconds !== undefined ? [`OFFLINE_MSG_CHECK_SECONDS=${o.checkSeconds}`] : []),
  ];
}

export async function startKamailio(opts: KamailioOptions): Promise<KamailioHandle> {
  const listenIp = opts.listenIp ?? '127.0.0.1';
  const domain = opts.domain ?? 'openline.local';
  const sipPort = opts.sipPort ?? (await freePort(listenIp, true));
  let wsPort = opts.wsPort ?? (await freePort(listenIp));
  while (wsPort === sipPort) wsPort = await freePort(listenIp);
  const configFile = opts.configFile ?? KAMAILIO_CFG;
  if (!existsSync(configFile)) throw new Error(`Kamailio config not found: ${configFile}`);
  for (const [name, value] of [
    ['secret', opts.secret],
    ['domain', domain],
    ['previousSecret', opts.previousSecret ?? ''],
    ['nextSecret', opts.nextSecret ?? ''],
    ['wsOrigin', opts.wsOrigin ?? ''],
  ] as const) {
    // values go inside a double-quoted cfg string token
    if (/["\\\n]/.test(value))
      throw new Error(`Kamailio ${name} must not contain quotes, backslashes or newlines`);
  }
  if (!opts.secret) throw new Error('startKamailio: secret is required');

  const runDir = mkdtempSync(join(tmpdir(), 'openline-kamailio-'));
  const logFile = join(runDir, 'kamailio.log');
  const defines = [
    `LISTEN_IP=${listenIp}`,
    `SIP_PORT=${sipPort}`,
    `WS_PORT=${wsPort}`,
    `SIP_DOMAIN="${domain}"`,
    `AUTH_SECRET="${opts.secret}"`,
    `RUN_DIR="${runDir}"`,
    `WORKERS=${opts.workers ?? 4}`,
    `WS_ORIGIN="${opts.wsOrigin ?? TEST_WS_ORIGIN}"`,
    ...(opts.previousSecret ? [`AUTH_SECRET_PREVIOUS="${opts.previousSecret}"`] : []),
    ...(opts.nextSecret ? [`AUTH_SECRET_NEXT="${opts.nextSecret}"`] : []),
    ...offlineMessageDefines(opts.offlineMessages, runDir, listenIp, sipPort),
    ...(opts.defines ?? []),
  ];
  const args = [
    '-DD', // stay in the foreground (do not daemonize), so the PID we get is the main process
    '-E', // log to stderr (captured to logFile)
    '-f',
    configFile,
    '-m',
    String(opts.shmMb ?? 512),
    '-M',
    '16',
    ...defines.flatMap((d) => ['-A', d]),
  ];
  const logFd = openSync(logFile, 'a');
  // Own process group, so that a SIGKILL fallback can reach the workers of this Kamailio (and only them).
  const child = spawn(KAMAILIO_BIN, args, { stdio: ['ignore', logFd, logFd], detached: true });
  closeSync(logFd);
  installExitHook();
  running.add(child);
  let spawnError: Error | null = null;
  child.once('error', (e) => (spawnError = e));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => running.delete(child));

  const readLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const tail = () => readLog().split('\n').slice(-25).join('\n');

  const stop = async ({ keepRunDir = false } = {}): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(() => {
        // Kamailio's main process did not finish its shutdown: kill its process group (ours).
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    if (!keepRunDir) rmSync(runDir, { recursive: true, force: true });
  };

  try {
    await waitForTcp(listenIp, wsPort, opts.startTimeoutMs ?? 10_000, () => {
      if (spawnError) return `cannot run ${KAMAILIO_BIN}: ${(spawnError as Error).message}`;
      if (child.exitCode !== null || child.signalCode !== null) {
        return `kamailio exited (${child.exitCode ?? child.signalCode}) during start-up; log ${logFile}:\n${tail()}`;
      }
      return null;
    });
  } catch (e) {
    await stop({ keepRunDir: true });
    throw e;
  }

  return {
    wsUrl: `ws://${listenIp}:${wsPort}`,
    sipUdp: `${listenIp}:${sipPort}`,
    listenIp,
    wsPort,
    sipPort,
    domain,
    pid: child.pid!,
    runDir,
    logFile,
    command: [KAMAILIO_BIN, ...args],
    readLog,
    stop,
  };
}
