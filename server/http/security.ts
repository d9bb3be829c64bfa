/**
 * Security headers: a Content-Security-Policy whose `connect-src` names only what this deployment
 * talks to, plus the headers @fastify/helmet does not cover (Permissions-Policy).
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';

/** The embedding allow-list as it is now (it follows config changes without a restart). */
export type EmbedOrigins = () => readonly string[];

const NOT_EMBEDDABLE: EmbedOrigins = () => [];

export interface ConnectSourcesInput {
  sipServer: 'embedded' | 'external';
  /** The external SIP server's WebSocket URL (external mode). */
  sipWsUrl: string;
  /** Third-party SIP servers users may sign in to: origins, or `*` for any `wss:` one (SIP_WS_ORIGINS). */
  sipWsOrigins?: readonly string[];
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
 * external SIP WebSocket origin, the third-party SIP servers the operator lists (`*`: any `wss:` server),
 * and Sendbird only when Sendbird rooms are configured.
 */
export function connectSources(input: ConnectSourcesInput): string[] {
  const sources = ["'self'"];
  const sip = input.sipServer === 'external' ? wsOrigin(input.sipWsUrl) : undefined;
  if (sip) sources.push(sip);
  for (const origin of input.sipWsOrigins ?? []) {
    const source = origin === '*' ? 'wss:' : wsOrigin(origin);
    if (source && !sources.includes(source)) sources.push(source);
  }
  if (input.sendbirdAppId) sources.push(...SENDBIRD_SOURCES);
  return sources;
}

/**
 * `frame-ancestors`: 'none' when no host page is allowed (the default), else the app itself and the
 * listed origins (validated exact origins: no spaces or semicolons can reach the header).
 */
export function frameAncestorSources(origins: readonly string[]): string[] {
  return origins.length === 0 ? ["'none'"] : ["'self'", ...origins];
}

/**
 * X-Frame-Options agrees with `frame-ancestors`: DENY when nobody may frame the app; left out when some
 * origins may, since it cannot name them (browsers with CSP ignore it anyway when frame-ancestors is set).
 */
export function xFrameOptions(origins: readonly string[]): string | undefined {
  return origins.length === 0 ? 'DENY' : undefined;
}

type Directive = string | ((req: unknown, res: unknown) => string);

/** `scriptHashes`: the built pages' inline boot scripts (see inline-scripts.ts), allowed by hash only. */
export function cspDirectives(
  connectSrc: readonly string[],
  embedOrigins: EmbedOrigins = NOT_EMBEDDABLE,
  scriptHashes: readonly string[] = [],
): Record<string, Directive[]> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...scriptHashes],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'blob:', 'mediastream:'],
    connectSrc: [...connectSrc],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    frameAncestors: [() => frameAncestorSources(embedOrigins()).join(' ')],
    formAction: ["'self'"],
  };
}

/** The header value, as helmet renders it (tests compare against this). */
export function contentSecurityPolicy(
  connectSrc: readonly string[],
  embedOrigins: readonly string[] = [],
  scriptHashes: readonly string[] = [],
): string {
  return Object.entries(cspDirectives(connectSrc, () => embedOrigins, scriptHashes))
    .map(([name, values]) => {
      const rendered = values.map((v) => (typeof v === 'string' ? v : v(null, null)));
      return `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${rendered.join(' ')}`;
    })
    .join(';');
}

export const PERMISSIONS_POLICY = 'camera=(self), microphone=(self), display-capture=(self)';

/** HSTS is only meaningful (and only sent) on HTTPS responses: see `server/http/app.ts`. */
export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

export function helmetOptions(
  connectSrc: readonly string[],
  embedOrigins: EmbedOrigins = NOT_EMBEDDABLE,
  scriptHashes: readonly string[] = [],
): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: cspDirectives(connectSrc, embedOrigins, scriptHashes),
    },
    // Per request, from the embedding allow-list (see xFrameOptions and server/http/app.ts).
    xFrameOptions: false,
    // Sent per request when the request arrived over HTTPS (never on plain HTTP).
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    // The Sendbird SDK and media elements need no cross-origin isolation; COEP would break them.
    crossOriginEmbedderPolicy: false,
  };
}
