/**
 * `/api/*`: builds the router and lets each feature module register its endpoints.
 * Wire shapes come from src/api/schemas.ts (shared with the app).
 */
import type { ClientConfig, HealthResponse } from '../../src/api/schemas';
import { Router } from './router';
import { registerSessionRoutes, readCookie, SESSION_COOKIE, type SessionStore } from './session';

export { sendError, sendJson } from './router';

export interface ApiContext {
  health(): HealthResponse;
  config(): ClientConfig;
  sessions: SessionStore;
}

/** Adds one feature's endpoints (webcall, agent, credentials...). */
export type RouteModule = (router: Router) => void;

export function createApiRouter(ctx: ApiContext, modules: readonly RouteModule[] = []): Router {
  const router = new Router((req) => ctx.sessions.lookup(readCookie(req, SESSION_COOKIE)));
  router.get('/api/health', () => ctx.health());
  router.get('/api/config', () => ctx.config());
  registerSessionRoutes(router, ctx.sessions);
  for (const register of modules) register(router);
  return router;
}
