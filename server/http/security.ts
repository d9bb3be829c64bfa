/**
 * Security headers: a Content-Security-Policy whose `connect-src` names only what this deployment
 * talks to, plus the headers @fastify/helmet does not cover (Permissions-Policy).
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';

export interface ConnectSourcesInput {
  sipServer: 'embedded' | 'external';
  /** The external SIP server's WebSocket URL (external mode). */
  sipWsUrl: string;
  /** Set when Sendbird rooms are configured: the page then talks to Sendbird's API and WebSocket. */
  sendbirdAppId: string;
}

/** Sendbird's HTTPS API and its WebSocket hosts (`api-<app>.sendbird.com`, `*.calls.sendbird.com`...). */
const SENDBIRD_SOURCES = ['https://*.sendbird.com', 'wss://*.sendbird.com'];

function wsOrigin(url: string): string | undefined {
  try {
    const u = new URL(url);
    return /^wss?:$/.test(u.protocol) ? u.origin.replace(/^http/, 'ws') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the page may connect: 'self' (which covers the same-origin `/sip` WebSocket), the configured
 * external SIP WebSocket origin, and Sendbird only when Sendbird rooms are configured.
 */
export function connectSources(input: ConnectSourcesInput): string[] {
  const sources = ["'self'"];
  const sip = input.sipServer === 'external' ? wsOrigin(input.sipWsUrl) : undefined;
  if (sip) sources.push(sip);
  if (input.sendbirdAppId) sources.push(...SENDBIRD_SOURCES);
  return sources;
}

export function cspDirectives(connectSrc: readonly string[]): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'blob:', 'mediastream:'],
    connectSrc: [...connectSrc],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  };
}

/** The header value, as helmet renders it (tests compare against this). */
export function contentSecurityPolicy(connectSrc: readonly string[]): string {
  return Object.entries(cspDirectives(connectSrc))
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
    .join(';');
}

export const PERMISSIONS_POLICY = 'camera=(self), microphone=(self), display-capture=(self)';

/** HSTS is only meaningful (and only sent) on HTTPS responses: see `server/http/app.ts`. */
export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

export function helmetOptions(connectSrc: readonly string[]): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(connectSrc) },
    // Sent per request when the request arrived over HTTPS (never on plain HTTP).
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    // The Sendbird SDK and media elements need no cross-origin isolation; COEP would break them.
    crossOriginEmbedderPolicy: false,
  };
}
