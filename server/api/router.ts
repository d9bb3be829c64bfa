/**
 * A small router for `/api/*`: method + path patterns with `:params`, JSON bodies validated with
 * zod, and an `auth` flag that requires an API session. Feature modules add their routes through
 * `register*Routes(router, deps)` functions so no single file lists every endpoint.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { ApiError } from '../../src/api/schemas';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Thrown by handlers for an expected failure: becomes `{error, message}` with the status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface SessionUser {
  username: string;
  displayName: string;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** The signed-in user (always set for routes registered with `auth: true`). */
  user: SessionUser | null;
  /** Reads and validates the JSON body (400 with the first problem when it does not match). */
  body<S extends z.ZodType>(schema: S): Promise<z.infer<S>>;
}

/** A handler's return value is sent as JSON 200 (`undefined` → 204), unless it wrote the response. */
export type RouteHandler = (ctx: RequestContext) => unknown;

interface Route {
  method: Method;
  pattern: RegExp;
  keys: string[];
  path: string;
  auth: boolean;
  handler: RouteHandler;
}

export const MAX_JSON_BODY_BYTES = 256 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

export function sendError(res: ServerResponse, status: number, error: string, message: string): void {
  sendJson(res, status, { error, message } satisfies ApiError);
}

function compile(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = path
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      keys.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}/?$`), keys };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const type = req.headers['content-type'] ?? '';
  // Only JSON: a cross-site HTML form cannot send it without a CORS preflight (CSRF defence).
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the request body as application/json.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY_BYTES) throw new HttpError(413, 'too_large', 'The request body is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class Router {
  private readonly routes: Route[] = [];

  constructor(private readonly authenticate: (req: IncomingMessage) => SessionUser | null) {}

  add(method: Method, path: string, handler: RouteHandler, options: { auth?: boolean } = {}): this {
    this.routes.push({ method, path, handler, auth: options.auth ?? false, ...compile(path) });
    return this;
  }
  get(path: string, handler: RouteHandler, options?: { auth?: boolean }): this {
    return this.add('GET', path, handler, options);
  }
  post(path: string, handler: RouteHandler, options?: { auth?: boolean }): this {
    return this.add('POST', path, handler, options);
  }
  put(path: string, handler: RouteHandler, options?: { auth?: boolean }): this {
    return this.add('PUT', path, handler, options);
  }
  delete(path: string, handler: RouteHandler, options?: { auth?: boolean }): this {
    return this.add('DELETE', path, handler, options);
  }

  /** Handles a request under `/api`; always answers (404/405 JSON for unknown routes). */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method === 'HEAD' ? 'GET' : ((req.method ?? 'GET') as Method);
    const matching = this.routes.filter((r) => r.pattern.test(url.pathname));
    if (matching.length === 0) return sendError(res, 404, 'not_found', `No API endpoint at ${url.pathname}.`);
    const route = matching.find((r) => r.method === method);
    if (!route) {
      const allow: string[] = [...new Set(matching.map((r) => r.method))];
      if (allow.includes('GET')) allow.push('HEAD');
      res.setHeader('Allow', allow.join(', '));
      return sendError(res, 405, 'method_not_allowed', `${req.method} is not supported on ${url.pathname}.`);
    }
    const match = route.pattern.exec(url.pathname)!;
    const params: Record<string, string> = {};
    try {
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1]!)));
    } catch {
      return sendError(res, 400, 'bad_request', 'The URL is not valid.');
    }
    try {
      const user = this.authenticate(req);
      if (route.auth && !user) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
      const ctx: RequestContext = {
        req,
        res,
        url,
        params,
        user,
        async body(schema) {
          const text = await readBody(req);
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            throw new HttpError(400, 'bad_json', 'The request body is not valid JSON.');
          }
          const parsed = schema.safeParse(json);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
            throw new HttpError(400, 'invalid_request', `${where}${issue?.message ?? 'invalid body'}`);
          }
          return parsed.data;
        },
      };
      const result = await route.handler(ctx);
      if (res.writableEnded || res.headersSent) return;
      if (result === undefined) {
        res.statusCode = 204;
        res.end();
      } else sendJson(res, 200, result);
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpError) {
        for (const [k, v] of Object.entries(error.headers)) res.setHeader(k, v);
        return sendError(res, error.status, error.code, error.message);
      }
      console.error(`[api] ${method} ${url.pathname}:`, error);
      sendError(res, 500, 'internal', 'Something went wrong on the server.');
    }
  }
}
