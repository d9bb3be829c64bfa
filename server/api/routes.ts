/**
 * `/api/*`: builds the router and lets each feature module register its endpoints.
 * Wire shapes come from src/api/schemas.ts (shared with the app).
 */
import type { ClientConfig, HealthResponse } from '../../src/api/schemas';
import type { PasswordThrottle } from './password-throttle';
import type { Router } from './router';
import { registerSessionRoutes, type SessionStore } from './session';

export interface ApiContext {
  health(): HealthResponse;
  config(): ClientConfig;
  sessions: SessionStore;
  passwordThrottle: PasswordThrottle;
  /** Host pages may embed the app (ADR 0018): the session cookie must then work in their frames. */
  embeddable?: () => boolean;
}

/** Adds one feature's endpoints (webcall, agent, credentials...). */
export type RouteModule = (router: Router) => void;

export function registerApiRoutes(
  router: Router,
  ctx: ApiContext,
  modules: readonly RouteModule[] = [],
): void {
  router.get('/api/health', () => ctx.health());
  router.get('/api/config', () => ctx.config());
  registerSessionRoutes(router, ctx.sessions, ctx.passwordThrottle, ctx.embeddable);
  for (const register of modules) register(router);
}
