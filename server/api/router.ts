/**
 * `/api/*` routes on Fastify. Feature modules keep a small, framework-neutral surface
 * (`router.get(path, handler, { auth })`, `ctx.body(schema)`, `throw new HttpError(...)`), so no
 * feature imports Fastify and no single file lists every endpoint. Bodies are parsed by Fastify
 * (JSON only, size-capped) and validated with zod, the one schema language shared with the app.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { safeParse } from 'zod';
import type { $ZodError, $ZodType, output } from 'zod/v4/core';
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
  request: FastifyRequest;
  reply: FastifyReply;
  url: URL;
  params: Record<string, string>;
  /** The signed-in user (always set for routes registered with `auth: true`). */
  user: SessionUser | null;
  /** Validates the JSON body (400 with the first problem when it does not match). */
  body<S extends $ZodType>(schema: S): Promise<output<S>>;
}

/** A handler's return value is sent as JSON 200 (`undefined` → 204), unless it sent the reply. */
export type RouteHandler = (ctx: RequestContext) => unknown;

export interface RouteOptionsLite {
  auth?: boolean;
}

/** JSON bodies above this are refused with 413 before they are buffered. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

export function sendError(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  return reply
    .code(status)
    .header('Cache-Control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ error, message } satisfies ApiError);
}

/** `path: message` of the first zod issue, the wording clients have always seen. */
export function describeZodError(error: $ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'invalid body'}`;
}

function compile(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

export class Router {
  private readonly known: Array<{ method: Method; path: string; pattern: RegExp }> = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly authenticate: (request: FastifyRequest) => SessionUser | null,
  ) {}

  add(method: Method, path: string, handler: RouteHandler, options: RouteOptionsLite = {}): this {
    this.known.push({ method, path, pattern: compile(path) });
    const auth = options.auth ?? false;
    const route: RouteOptions = {
      method,
      url: path,
      handler: async (request, reply) => {
        const user = this.authenticate(request);
        if (auth && !user) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
        const ctx: RequestContext = {
          request,
          reply,
          url: new URL(request.url, 'http://x'),
          params: (request.params ?? {}) as Record<string, string>,
          user,
          body: (schema) => Promise.resolve(validateBody(request, schema)),
        };
        const result = await handler(ctx);
        // A handler that returns the reply has sent it (e.g. a file stream, still being written).
        if (reply.sent || result === reply) return reply;
        reply.header('Cache-Control', 'no-store');
        if (result === undefined) return reply.code(204).send();
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(result));
      },
    };
    this.app.route(route);
    return this;
  }
  get(path: string, handler: RouteHandler, options?: RouteOptionsLite): this {
    return this.add('GET', path, handler, options);
  }
  post(path: string, handler: RouteHandler, options?: RouteOptionsLite): this {
    return this.add('POST', path, handler, options);
  }
  put(path: string, handler: RouteHandler, options?: RouteOptionsLite): this {
    return this.add('PUT', path, handler, options);
  }
  delete(path: string, handler: RouteHandler, options?: RouteOptionsLite): this {
    return this.add('DELETE', path, handler, options);
  }

  /** Every registered endpoint (method and path pattern), e.g. for the fuzz test. */
  endpoints(): Array<{ method: Method; path: string }> {
    return this.known.map(({ method, path }) => ({ method, path }));
  }

  /** Methods served at a path (for a 405's `Allow`); empty when no API route matches it. */
  allowed(pathname: string): string[] {
    const methods = new Set(this.known.filter((r) => r.pattern.test(pathname)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD' as Method);
    return [...methods];
  }
}

function validateBody<S extends $ZodType>(request: FastifyRequest, schema: S): output<S> {
  // Only JSON: a cross-site HTML form cannot send it without a CORS preflight (CSRF defence).
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the request body as application/json.');
  }
  // `safeParse` takes classic and zod/mini schemas alike (src/api's shared schemas are zod/mini).
  const parsed = safeParse(schema, request.body);
  if (!parsed.success) throw new HttpError(400, 'invalid_request', describeZodError(parsed.error));
  return parsed.data;
}
