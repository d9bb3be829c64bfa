/**
 * The HTTP side on Fastify 5 (ADR 0003): security headers, cookies, compression, rate limiting,
 * load shedding, JSON bodies validated with zod, the static PWA, and one error envelope for
 * everything under `/api`. The `/sip` WebSocket upgrade is wired by `server/app.ts`, not here.
 */
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyUnderPressure from '@fastify/under-pressure';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from '../log';
import { HttpError, MAX_JSON_BODY_BYTES, Router, sendError, type SessionUser } from '../api/router';
import { helmetOptions, HSTS_VALUE, PERMISSIONS_POLICY, xFrameOptions, type EmbedOrigins } from './security';
import { pageScriptHashes } from './inline-scripts';
import { registerStatic, sendText, vetStaticPath, type StaticSite } from './static';

export interface HttpOptions {
  staticDir: string;
  /** `connect-src` of the CSP (see `connectSources`). */
  connectSrc: readonly string[];
  /** Honour X-Forwarded-Proto/-For from a reverse proxy (`TRUST_PROXY`). */
  trustProxy: boolean;
  /** Requests per minute per client IP on `/api` before 429. */
  apiRateLimitPerMinute: number;
  /** Load shedding thresholds (@fastify/under-pressure); 0 disables one. */
  maxEventLoopDelayMs: number;
  maxHeapUsedBytes: number;
  /** Origins allowed to frame the app (the operator's embedding allow-list); none when absent. */
  embedOrigins?: EmbedOrigins;
}

export interface HttpApp {
  app: FastifyInstance;
  router: Router;
  site: StaticSite;
}

const isApi = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/** `password: Required`-style text for a fastify-type-provider-zod validation error. */
function validationMessage(error: FastifyError): string {
  const first = error.validation?.[0];
  if (!first) return error.message;
  const where = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  return `${where ? `${where}: ` : ''}${first.message ?? 'invalid value'}`;
}

function clientErrorCode(error: FastifyError): [number, string, string] | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [413, 'too_large', 'The request body is too large.'];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [415, 'unsupported_media_type', 'Send the request body as application/json.'];
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return [400, 'bad_json', 'The request body is not valid JSON.'];
    default:
      break;
  }
  if (error.validation) return [400, 'invalid_request', validationMessage(error)];
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return [400, 'bad_json', 'The request body is not valid JSON.'];
  }
  const status = error.statusCode ?? 500;
  if (status === 429) return [429, 'rate_limited', error.message];
  if (status >= 400 && status < 500) return [status, 'bad_request', error.message];
  return undefined;
}

export async function createHttpApp(
  options: HttpOptions,
  log: Logger,
  authenticate: (request: FastifyRequest) => SessionUser | null,
): Promise<HttpApp> {
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_JSON_BODY_BYTES,
    trustProxy: options.trustProxy,
    // Fastify's default. With Node's 5 s, a client that reused an idle connection just as the server closed
    // it got ECONNRESET, and Node's HTTP client does not retry (Playwright's request context after a 5 s
    // sign-in, e2e/admin/accounts.spec.ts). Idle connections are still closed at shutdown.
    keepAliveTimeout: 72_000,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a cross-site HTML form cannot send it without a CORS preflight (CSRF defence).
  app.removeContentTypeParser(['text/plain']);

  const embedOrigins = options.embedOrigins ?? (() => []);
  // The pages' inline boot scripts, read once from the build being served.
  const scriptHashes = pageScriptHashes(options.staticDir);
  await app.register(fastifyHelmet, helmetOptions(options.connectSrc, embedOrigins, scriptHashes));
  // After helmet, so that an early 400/404 from this hook still carries the security headers.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
    const xfo = xFrameOptions(embedOrigins());
    if (xfo) reply.header('X-Frame-Options', xfo);
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', HSTS_VALUE);
    if (isApi(request.url)) return;
    const verdict = vetStaticPath(request.raw.url ?? '/');
    if (verdict === 'bad') return sendText(reply, 400, 'Bad Request\n');
    if (verdict === 'hidden') return sendText(reply, 404, 'Not Found\n');
  });
  await app.register(fastifyCookie);
  // Dynamic JSON only: static files are precompressed at build time and served by @fastify/static.
  app.addHook('onRoute', (route) => {
    if (!isApi(route.url)) route.compress = false;
  });
  await app.register(fastifyCompress, {
    globalCompression: true,
    // Request bodies are never decompressed: the body limit stays a limit on what we parse.
    globalDecompression: false,
    threshold: 1024,
    encodings: ['br', 'gzip'],
  });
  await app.register(fastifyRateLimit, {
    global: true,
    max: options.apiRateLimitPerMinute,
    timeWindow: 60_000,
    allowList: (request) => !isApi(request.url),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Too many requests. Try again in ${context.after}.`,
    }),
  });
  await app.register(fastifyUnderPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs,
    maxHeapUsedBytes: options.maxHeapUsedBytes,
    retryAfter: 10,
    exposeStatusRoute: false,
    // The API sheds load; the static site does not. Its files are precompressed and read from disk, and a
    // page whose HTML came but whose stylesheet or script got a 503 stays broken (unstyled, and never
    // running) until the user reloads: an e2e page met that during a second-long stall of this server.
    pressureHandler: (request, reply, type) => {
      if (!isApi(request.url)) return undefined; // undefined: under-pressure lets the request through
      void sendError(
        reply.header('Retry-After', '10'),
        503,
        'overloaded',
        `The server is overloaded (${type}).`,
      );
    },
  });

  const router = new Router(app, authenticate);
  const site = await registerStatic(app, options.staticDir);

  app.all('/sip', (_request, reply) =>
    sendError(
      reply.header('Upgrade', 'websocket'),
      426,
      'upgrade_required',
      'Connect with a WebSocket using subprotocol "sip".',
    ),
  );

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (isApi(request.url)) {
      const allow = router.allowed(path);
      if (allow.length === 0) return sendError(reply, 404, 'not_found', `No API endpoint at ${path}.`);
      reply.header('Allow', allow.join(', '));
      return sendError(reply, 405, 'method_not_allowed', `${request.method} is not supported on ${path}.`);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      reply.header('Allow', 'GET, HEAD');
      return sendText(reply, 405, 'Method Not Allowed\n');
    }
    return site.notFound(request, reply);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // An early error leaves the request body unread: close the connection rather than let its
    // remaining bytes be parsed as the next request (issue 16.5).
    if (!request.raw.readableEnded) reply.header('Connection', 'close');
    if (error instanceof HttpError) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
      return sendError(reply, error.status, error.code, error.message);
    }
    const known = clientErrorCode(error);
    if (known) return sendError(reply, ...known);
    log.error(`${request.method} ${request.url.split('?')[0]}: ${error.stack ?? error.message}`);
    return sendError(reply, 500, 'internal', 'Something went wrong on the server.');
  });

  return { app, router, site };
}
