/**
 * `/api/*`: JSON endpoints. Wire shapes come from src/api/schemas.ts (shared with the app).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError, ClientConfig, HealthResponse } from '../../src/api/schemas';

export interface ApiContext {
  health(): HealthResponse;
  config(): ClientConfig;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

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

export function createApiHandler(
  ctx: ApiContext,
): (req: IncomingMessage, res: ServerResponse, pathname: string) => void {
  const routes = new Map<string, Map<string, Handler>>([
    ['/api/health', new Map([['GET', (_req, res) => sendJson(res, 200, ctx.health())]])],
    ['/api/config', new Map([['GET', (_req, res) => sendJson(res, 200, ctx.config())]])],
  ]);
  return (req, res, pathname) => {
    const route = routes.get(
      pathname.length > 5 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname,
    );
    if (!route) return sendError(res, 404, 'not_found', `No API endpoint at ${pathname}.`);
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const handler = route.get(method);
    if (!handler) {
      const allow = [...route.keys()];
      if (allow.includes('GET')) allow.push('HEAD');
      res.setHeader('Allow', allow.join(', '));
      return sendError(res, 405, 'method_not_allowed', `${req.method} is not supported on ${pathname}.`);
    }
    handler(req, res);
  };
}
