/**
 * Serves the built PWA: MIME types, cache policy for Vite/Workbox output, conditional GETs,
 * SPA fallback to index.html, and path-traversal-safe resolution.
 */
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, resolve, sep } from 'node:path';
import { contentType } from './mime';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';
const SHORT = 'public, max-age=3600';

/** Cache policy (see DESIGN.md: a service worker must never be pinned by HTTP caching). */
export function cacheControl(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return IMMUTABLE;
  const name = basename(urlPath);
  if (
    name === 'index.html' ||
    name === 'sw.js' ||
    name === 'registerSW.js' ||
    name === 'manifest.webmanifest' ||
    /^workbox-[\w.-]*\.js$/.test(name)
  ) {
    return NO_CACHE;
  }
  return SHORT;
}

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

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  type = 'text/plain; charset=utf-8',
): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

async function fileStat(path: string): Promise<Stats | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s : undefined;
  } catch {
    return undefined;
  }
}

function isFresh(req: IncomingMessage, etag: string, mtime: Date): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    const strip = (t: string) => t.trim().replace(/^W\//, '');
    return inm.trim() === '*' || inm.split(',').some((t) => strip(t) === strip(etag));
  }
  const ims = req.headers['if-modified-since'];
  if (ims !== undefined) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
  }
  return false;
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string, s: Stats, cache: string): void {
  const etag = `W/"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}"`;
  res.setHeader('Cache-Control', cache);
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', s.mtime.toUTCString());
  if (isFresh(req, etag, s.mtime)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', contentType(path));
  res.setHeader('Content-Length', s.size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

export interface StaticHandler {
  (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
  /** Whether the static directory holds a built app. */
  hasBuild(): Promise<boolean>;
}

export function createStaticHandler(staticDir: string): StaticHandler {
  const root = resolve(staticDir);
  const indexPath = resolve(root, 'index.html');

  const serveIndex = async (req: IncomingMessage, res: ServerResponse) => {
    const s = await fileStat(indexPath);
    if (!s) return sendText(res, 503, NOT_BUILT_PAGE, 'text/html; charset=utf-8');
    sendFile(req, res, indexPath, s, NO_CACHE);
  };

  const handler = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Method Not Allowed\n');
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return sendText(res, 400, 'Bad Request\n');
    }
    if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) {
      return sendText(res, 400, 'Bad Request\n');
    }
    const segments = decoded.split('/');
    if (segments.some((seg) => seg === '..')) return sendText(res, 400, 'Bad Request\n');
    if (segments.some((seg) => seg.startsWith('.') && seg !== '.well-known')) {
      return sendText(res, 404, 'Not Found\n');
    }
    if (decoded === '/' || decoded === '/index.html') return serveIndex(req, res);

    const filePath = resolve(root, '.' + decoded);
    if (!filePath.startsWith(root + sep)) return sendText(res, 400, 'Bad Request\n');
    const s = decoded.endsWith('/') ? undefined : await fileStat(filePath);
    if (s) return sendFile(req, res, filePath, s, cacheControl(decoded));

    // SPA fallback: a client-side route (no file extension) asked for by a browser.
    const last = segments[segments.length - 1] ?? '';
    const accept = String(req.headers.accept ?? '');
    if (!last.includes('.') && accept.includes('text/html')) return serveIndex(req, res);
    return sendText(res, 404, 'Not Found\n');
  };

  return Object.assign(handler, {
    hasBuild: async () => (await fileStat(indexPath)) !== undefined,
  });
}
