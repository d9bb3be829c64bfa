/**
 * Bench-only launcher of the embedded reference server, run as a child process by embedded.ts so that its
 * CPU and memory can be read from /proc apart from the load generator's.
 *
 * Before starting the server it adds the load-test accounts to a fresh data directory, through the
 * server's own AccountStore (the same table and HA1 the demo seed writes); startServer() then loads them
 * with the demo accounts. Nothing in server/ is changed or patched.
 *
 * Config: JSON in $OPENLINE_BENCH_SERVER ({ dataDir, domain, password, users: string[], logLevel }).
 * IPC: sends { type: 'ready', port, url } once listening; answers { type: 'stats' } with the SIP counters;
 * { type: 'stop' } (or SIGTERM, or the parent going away) closes the server and exits.
 */
import { AccountStore } from '../../server/accounts';
import { startServer } from '../../server/app';
import { openDatabase } from '../../server/db';
import type { LogLevel } from '../../server/log';

export interface ServerChildConfig {
  dataDir: string;
  domain: string;
  password: string;
  users: string[];
  logLevel: LogLevel;
  staticDir: string;
}

export type ChildMessage =
  | { type: 'ready'; port: number; url: string; accounts: number }
  | { type: 'stats'; sip: Record<string, number> }
  | { type: 'error'; message: string };

async function main(): Promise<void> {
  const cfg = JSON.parse(process.env.OPENLINE_BENCH_SERVER ?? '') as ServerChildConfig;
  const db = openDatabase(cfg.dataDir);
  try {
    new AccountStore(db, cfg.domain).upsert(
      cfg.users.map((username) => ({ username, displayName: `Load ${username}`, password: cfg.password })),
    );
  } finally {
    db.close();
  }
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: cfg.dataDir,
    sipDomain: cfg.domain,
    demoPassword: cfg.password,
    staticDir: cfg.staticDir,
    logLevel: cfg.logLevel,
  });
  const send = (m: ChildMessage) => process.send?.(m);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    void server.close().finally(() => process.exit(0));
  };
  process.on('message', (m: { type?: string }) => {
    if (m.type === 'stats') send({ type: 'stats', sip: { ...server.sipStats() } });
    else if (m.type === 'stop') stop();
  });
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  send({ type: 'ready', port: server.port, url: server.url, accounts: cfg.users.length });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'error', message: (error as Error).stack ?? String(error) });
  process.exit(1);
});
