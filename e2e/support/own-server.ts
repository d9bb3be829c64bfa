/**
 * A reference server owned by one test (separate port and data dir), for tests that stop or restart it.
 * Runs as a child process, exactly as `npm start` runs it, and is ended by its own PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from './ports';

/**
 * How long `start()` lets the server be unhealthy. The start is CPU-bound (tsx loading the whole server from
 * its transform cache, then SQLite and the SIP stack): ~4 s of CPU; 3.3-3.8 s to healthy on a quiet machine,
 * 7-14 s with the two cores oversubscribed 3-4x, and once over 30 s beside two e2e runs. A wall-clock
 * deadline measured the machine's load, not the server, so what ends the wait is the server's own state,
 * read from /proc: it has exited, it has burnt a CPU budget far beyond a start's without answering (a loop),
 * or it has used no CPU at all for a while (blocked on something). `maxWallMs` only backs those up (a server
 * trickling along on timers, or no /proc), within a test's budget (120 s).
 */
export const START_LIMITS = { cpuBudgetMs: 30_000, stallMs: 15_000, maxWallMs: 100_000 };

/** CPU time (user + system, all threads) a process has used so far, in ms; null where /proc is not there. */
export function cpuTimeMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3: utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    // USER_HZ is 100 on every Linux we run on (getconf CLK_TCK).
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

export class OwnServer {
  private child: ChildProcess | null = null;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'openline-own-'));

  /**
   * `env`: extra server environment, e.g. `STATIC_DIR` to serve a copy of the build a test changes.
   * `cwd`: the checkout whose `server/main.ts` runs (a benchmark's older build, with its own server).
   */
  constructor(
    readonly port: number,
    private readonly env: Record<string, string> = {},
    private readonly cwd?: string,
  ) {
    // Kept across stop() and start() (a restart keeps its data); gone with the test process, not left in
    // /tmp run after run (a development machine had collected 422 of them).
    process.once('exit', () => rmSync(this.dataDir, { recursive: true, force: true }));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The server process (for memory readings in benchmarks); null when not running. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        DEMO_PASSWORD,
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      // The child's banner goes to stderr so a benchmark's stdout stays pure JSON.
      stdio: ['ignore', 2, 2],
      ...(this.cwd ? { cwd: this.cwd } : {}),
    });
    this.child = child;
    // A benchmark that throws (no Chromium, say) must not leave its server holding the port and the
    // terminal's pipe: 'exit' handlers run on every way out of Node but a SIGKILL.
    const endChild = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    process.once('exit', endChild);
    child.once('exit', () => process.removeListener('exit', endChild));
    const health = `${this.url}/api/health`;
    const started = Date.now();
    let cpuAtProgress = cpuTimeMs(child.pid ?? -1);
    let progressAt = started;
    let lastAnswer = 'not listening yet';
    for (;;) {
      try {
        // A server that accepts but never answers must not hold the loop (and its checks) up.
        const res = await fetch(health, { signal: AbortSignal.timeout(5000) });
        if (res.ok) return;
        lastAnswer = `answered ${res.status}`;
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        lastAnswer = `not answering (${cause ?? (error as Error).name})`;
      }
      const now = Date.now();
      const waited = `${((now - started) / 1000).toFixed(1)} s`;
      // The message says what was waited for and the child's state; a child left running is ended (our PID).
      const fail = (what: string): Error => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        this.child = null;
        return new Error(`OwnServer on port ${this.port}: ${what}; ${health} ${lastAnswer}`);
      };
      if (child.exitCode !== null || child.signalCode !== null) {
        throw fail(`the server exited (code ${child.exitCode}, signal ${child.signalCode}) after ${waited}`);
      }
      const cpu = cpuTimeMs(child.pid ?? -1);
      if (cpu !== null && cpu !== cpuAtProgress) {
        cpuAtProgress = cpu;
        progressAt = now;
      }
      if (cpu !== null && cpu > START_LIMITS.cpuBudgetMs) {
        throw fail(`server PID ${child.pid} used ${cpu} ms of CPU in ${waited} and is not healthy (a loop?)`);
      }
      if (cpu !== null && now - progressAt > START_LIMITS.stallMs) {
        const idle = ((now - progressAt) / 1000).toFixed(1);
        throw fail(
          `server PID ${child.pid} is alive but used no CPU for the last ${idle} s (${cpu} ms in all) ` +
            `and is not healthy after ${waited} (blocked?)`,
        );
      }
      if (now - started > START_LIMITS.maxWallMs) {
        throw fail(
          `server PID ${child.pid} is alive (${cpu ?? '?'} ms of CPU) but not healthy after ${waited}`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    // A child ended by a signal has no exit code: waiting for its 'exit' again would never end.
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }
}
