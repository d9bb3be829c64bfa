/**
 * The embed demo host page (issue 13): examples/embed-host served on its own port (EMBED_DEMO_PORT), so
 * it is another origin than the app. A plain node:http server with its own headers: the host page may
 * run scripts from the app's origin (the SDK) and frame it, nothing else.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

const FILES: Record<string, [string, string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/host.js': ['host.js', 'text/javascript; charset=utf-8'],
  '/host.css': ['host.css', 'text/css; charset=utf-8'],
};

export interface EmbedDemo {
  url: string;
  close(): Promise<void>;
}

export function embedDemoHeaders(appOrigin: string): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      `script-src 'self' ${appOrigin}`,
      `frame-src ${appOrigin}`,
      "connect-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/** `host` is what it listens on; `publicHost` what its URL says (e.g. localhost when the app is on 127.0.0.1). */
export async function startEmbedDemo(options: {
  port: number;
  host: string;
  publicHost: string;
  appUrl: string;
  dir?: string;
}): Promise<EmbedDemo> {
  const dir = resolve(options.dir ?? 'examples/embed-host');
  const appOrigin = new URL(options.appUrl).origin;
  const headers = embedDemoHeaders(appOrigin);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/demo-config.json') {
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ appUrl: options.appUrl }));
      return;
    }
    const file = FILES[path];
    if (!file) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not Found\n');
      return;
    }
    readFile(resolve(dir, file[0])).then(
      (body) => res.writeHead(200, { ...headers, 'Content-Type': file[1] }).end(body),
      () => res.writeHead(500, headers).end(),
    );
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.publicHost}:${port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
