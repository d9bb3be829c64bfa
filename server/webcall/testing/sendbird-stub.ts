/**
 * Test-only local HTTP stub of the documented Sendbird endpoints (Chat users/tokens, Calls rooms),
 * with switches to make it answer 429s or error envelopes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  method: string;
  path: string;
  apiToken: string | undefined;
  body: unknown;
}

export interface SendbirdStub {
  url: string;
  requests: StubRequest[];
  users: Set<string>;
  /** Answer the next N requests with 429 and this Retry-After (seconds). */
  rateLimit(count: number, retryAfterS: number): void;
  /** Answer the next request with this status and envelope (or raw text). */
  failNext(status: number, body: unknown): void;
  close(): Promise<void>;
}

export async function startSendbirdStub(apiToken = 'test-token'): Promise<SendbirdStub> {
  const requests: StubRequest[] = [];
  const users = new Set<string>();
  let limited = 0;
  let retryAfter = 0;
  let failure: { status: number; body: unknown } | null = null;
  let rooms = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text ? JSON.parse(text) : undefined;
    const path = req.url ?? '/';
    const token = req.headers['api-token'];
    requests.push({
      method: req.method ?? '',
      path,
      apiToken: typeof token === 'string' ? token : undefined,
      body,
    });
    if (limited > 0) {
      limited--;
      return send(
        res,
        429,
        { error: true, code: 429100, message: 'Too many requests.' },
        { 'X-RateLimit-RetryAfter': String(retryAfter) },
      );
    }
    if (failure) {
      const f = failure;
      failure = null;
      return send(res, f.status, f.body);
    }
    if (token !== apiToken)
      return send(res, 401, { error: true, code: 400401, message: 'Invalid API Token.' });
    const tokenPath = /^\/v3\/users\/([^/]+)\/token$/.exec(path);
    if (req.method === 'POST' && tokenPath) {
      const userId = decodeURIComponent(tokenPath[1]!);
      if (!users.has(userId))
        return send(res, 400, { error: true, code: 400201, message: '"User" not found.' });
      const expiresAt = (body as { expires_at?: number }).expires_at ?? Date.now() + 7 * 86_400_000;
      return send(res, 200, { token: `session-${userId}-${requests.length}`, expires_at: expiresAt });
    }
    if (req.method === 'POST' && path === '/v3/users') {
      const userId = (body as { user_id?: string }).user_id ?? '';
      users.add(userId);
      return send(res, 200, { user_id: userId, nickname: (body as { nickname?: string }).nickname });
    }
    if (req.method === 'POST' && path === '/v1/rooms') {
      rooms++;
      return send(res, 200, {
        room: { room_id: `room-${rooms}`, room_type: (body as { type?: string }).type, state: 'open' },
      });
    }
    return send(res, 404, { error: true, code: 400300, message: 'Not found.' });
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    users,
    rateLimit(count, seconds) {
      limited = count;
      retryAfter = seconds;
    },
    failNext(status, body) {
      failure = { status, body };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
