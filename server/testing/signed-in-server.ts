/**
 * Route tests' common set-up: a reference server on a free loopback port with its own data folder,
 * and API sessions for some of the seeded accounts. One place, so every route test signs in the way
 * the app does (`POST /api/session`, the session cookie) and cleans up the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../app';

/** The demo password the test servers seed every account with. */
export const TEST_PASSWORD = 'pw';

/** Signs in over the API and returns the session cookie (`name=value`); fails loudly on a refusal. */
export async function sessionCookie(
  baseUrl: string,
  username: string,
  password = TEST_PASSWORD,
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username} answered ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (!cookie) throw new Error(`sign-in as ${username} set no session cookie`);
  return cookie;
}

export interface SignedInServer {
  server: RunningServer;
  dataDir: string;
  /** Session cookie per signed-in username. */
  cookies: Record<string, string>;
  close(): Promise<void>;
}

/** Starts a server (extra options override the defaults) and signs `users` in. */
export async function startSignedInServer(
  users: readonly string[],
  options: Partial<ServerOptions> = {},
  prefix = 'openline-test-',
): Promise<SignedInServer> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    demoPassword: TEST_PASSWORD,
    logLevel: 'error',
    ...options,
  });
  const cookies: Record<string, string> = {};
  for (const user of users) cookies[user] = await sessionCookie(server.url, user);
  return {
    server,
    dataDir,
    cookies,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
