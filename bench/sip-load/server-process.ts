/**
 * The embedded server for the load run, in a child process (server-child.ts): started, asked for stats,
 * stopped by its own PID.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogLevel } from '../../server/log';
import { cleanups, progress } from './ramp';
import type { ChildMessage, ServerChildConfig } from './server-child';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));
export const DOMAIN = 'openline.local';

export class ServerChild {
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
