/**
 * A route test file's server, in one line: `const api = routeTestServer(['1001', '1002'])` starts a
 * signed-in reference server before the file's tests (startSignedInServer) and closes it after them,
 * and sends JSON requests as one of its users (`api.call`) or with any session cookie (`api.request`).
 * Vitest only: it registers the file's beforeAll/afterAll.
 */
import { afterAll, beforeAll } from 'vitest';
import type { ServerOptions } from '../app';
import { startSignedInServer, type SignedInServer } from './signed-in-server';

/** A request to `baseUrl + path` with this session cookie (null: none); a body is sent as JSON. */
export function apiRequest(
  baseUrl: string,
  method: string,
  path: string,
  cookie: string | null,
  body?: unknown,
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(cookie !== null ? { cookie } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export interface RouteTestServer {
  /** The running server (from beforeAll on). */
  readonly running: SignedInServer;
  /** Its base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Session cookie per signed-in username. */
  readonly cookies: Record<string, string>;
  /** A request as `user` (its session cookie; null: no session); a body is sent as JSON. */
  call(method: string, path: string, user: string | null, body?: unknown): Promise<Response>;
  /** A request with this session cookie (null: none); a body is sent as JSON. */
  request(method: string, path: string, cookie: string | null, body?: unknown): Promise<Response>;
}

export function routeTestServer(
  users: readonly string[],
  options: Partial<ServerOptions> = {},
  prefix = 'openline-test-',
): RouteTestServer {
  let started: SignedInServer | undefined;
  beforeAll(async () => {
    started = await startSignedInServer(users, options, prefix);
  });
  afterAll(() => started?.close());
  const running = (): SignedInServer => {
    if (!started) throw new Error('The route test server starts in beforeAll.');
    return started;
  };
  return {
    get running() {
      return running();
    },
    get url() {
      return running().server.url;
    },
    get cookies() {
      return running().cookies;
    },
    call: (method, path, user, body) =>
      apiRequest(running().server.url, method, path, user ? (running().cookies[user] ?? '') : null, body),
    request: (method, path, cookie, body) => apiRequest(running().server.url, method, path, cookie, body),
  };
}
