/**
 * Serves the built PWA with @fastify/static: precompressed `.br`/`.gz` siblings chosen by
 * `Accept-Encoding`, cache policy for Vite/Workbox output, SPA fallback to index.html, and a
 * 503 page when nothing is built. Paths are vetted before they reach the file system.
 */
import { stat } from 'node:fs/promises';
import { basename, relative, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';
const SHORT = 'public, max-age=3600';
/** Icons keep their names (the manifest and installed apps point at them) but change about never. */
const ICONS = 'public, max-age=2592000, stale-while-revalidate=86400';

/** Cache policy (see DESIGN.md: a service worker must never be pinned by HTTP caching). */
export function cacheControl(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return IMMUTABLE;
  if (urlPath.startsWith('/icons/')) return ICONS;
  // The embed SDK keeps its name (host pages import it by URL): revalidated so it follows the app.
  if (urlPath.startsWith('/embed/')) return NO_CACHE;
  const name = basename(urlPath);
  if (
    name === 'index.html' ||
    name === 'join.html' ||
    name === 'sw.js' ||
    name === 'registerSW.js' ||
    name === 'manifest.webmanifest' ||
    /^workbox-[\w.-]*\.js$/.test(name)
  ) {
    return NO_CACHE;
  }
  return SHORT;
}

/** Text types get an explicit charset; `send` leaves it off for JavaScript and the manifest. */
const CHARSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Openline is not built yet</title></head>
<body>
<h1>Openline is not built yet</h1>
<p>The server is running, but there is no built app to serve (no <code>index.html</code> in the static directory).</p>
<p>Run <code>npm run build</code> and reload this page, or use <code>npm run dev</code> while developing.
The directory can be changed with the <code>STATIC_DIR</code> environment variable.</p>
<p>The API (<code>/api/health</code>) and SIP over WebSocket (<code>/sip</code>) are already available.</p>
</body>
</html>
`;

export function sendText(
  reply: FastifyReply,
  status: number,
  text: string,
  type = 'text/plain; charset=utf-8',
) {
  return reply.code(status).header('Cache-Control', 'no-store').type(type).send(text);
}

/**
 * What a static path may be: 'ok', 'bad' (400: traversal, NUL, backslash, undecodable) or
 * 'hidden' (404: dotfiles other than /.well-known).
 */
export function vetStaticPath(rawUrl: string): 'ok' | 'bad' | 'hidden' {
  const rawPath = rawUrl.split('?')[0]!.split('#')[0]!;
  if (!rawPath.startsWith('/') || rawPath.startsWith('//')) return 'bad';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return 'bad';
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return 'bad';
  const segments = decoded.split('/');
  if (segments.some((seg) => seg === '..')) return 'bad';
  if (segments.some((seg) => seg.startsWith('.') && seg !== '.well-known')) return 'hidden';
  return 'ok';
}

export interface StaticSite {
  /** Whether the static directory holds a built app. */
  hasBuild(): Promise<boolean>;
  /** Not-found handling for GET/HEAD outside /api: SPA fallback, 503 without a build, else 404. */
  notFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function registerStatic(app: FastifyInstance, staticDir: string): Promise<StaticSite> {
  const root = resolve(staticDir);
  const hasBuild = () => isFile(resolve(root, 'index.html'));

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    preCompressed: true,
    serveDotFiles: false,
    cacheControl: false,
    lastModified: true,
    etag: true,
    index: ['index.html'],
    setHeaders(reply, path) {
      const rel = '/' + relative(root, path).split(sep).join('/');
      const urlPath = rel.replace(/\.(br|gz)$/, '');
      reply.header('Cache-Control', cacheControl(urlPath));
      if (urlPath.startsWith('/embed/')) {
        // Host pages on other origins import the SDK as a module script: that needs CORS, and a
        // resource policy other than helmet's same-origin. It is public code with no credentials.
        reply.header('Access-Control-Allow-Origin', '*');
        reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
      }
    },
  });
  // After @fastify/static, which types precompressed files itself (`application/javascript`, no charset).
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api')) return payload;
    const ext = /\.[^./?#]+(?=$|[?#])/.exec(request.url)?.[0] ?? '';
    const type = CHARSET_TYPES[ext.toLowerCase()];
    if (type && reply.statusCode < 300) reply.header('Content-Type', type);
    return payload;
  });

  /**
   * A missing file stays a 404 even when asked for as HTML. Anything else that asks for a page is a
   * client-side route, dots included: a conversation's URL ends in a SIP domain
   * (`/messages/sip%3A1001%40openline.local`) and must survive a reload.
   */
  const MISSING_FILE =
    /\.(?:html?|m?js|css|map|json|webmanifest|png|jpe?g|gif|svg|ico|webp|avif|woff2?|ttf|wasm|txt|xml|pdf|wav|mp3|ogg|br|gz)$/i;

  return {
    hasBuild,
    async notFound(request, reply) {
      const path = request.url.split('?')[0]!;
      const wantsPage =
        path === '/' ||
        (String(request.headers.accept).includes('text/html') &&
          !path.startsWith('/assets/') &&
          !MISSING_FILE.test(path));
      if (!wantsPage) return sendText(reply, 404, 'Not Found\n');
      if (!(await hasBuild())) return sendText(reply, 503, NOT_BUILT_PAGE, 'text/html; charset=utf-8');
      // The customer's join page is its own small entry (issue 10); builds without it fall back to the app.
      if (path === '/join' && (await isFile(resolve(root, 'join.html')))) return reply.sendFile('join.html');
      return reply.sendFile('index.html');
    },
  };
}
