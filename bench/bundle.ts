/**
 * Bundle-size benchmark: reads the production build in dist/ and prints one JSON object with the
 * entry chunk, every lazy chunk and the service worker's precache, raw and gzipped.
 *   npm run build && npm run bench:bundle
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';

interface Size {
  file: string;
  bytes: number;
  gzipBytes: number;
}

function size(file: string): Size {
  const data = readFileSync(join(dist, file));
  return { file, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entryFile = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1];
if (!entryFile) throw new Error(`no module entry script in ${dist}/index.html: run \`npm run build\` first`);

const assets = readdirSync(join(dist, 'assets')).filter((f) => !f.endsWith('.map'));
const chunks = assets
  .filter((f) => f.endsWith('.js'))
  .map((f) => size(`assets/${f}`))
  .sort((a, b) => b.bytes - a.bytes);
const css = assets.filter((f) => f.endsWith('.css')).map((f) => size(`assets/${f}`));

// The precache manifest is inlined in sw.js as [{url, revision}, ...].
const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
const precached = [...sw.matchAll(/"?url"?:\s*"([^"]+)"/g)].map((m) => m[1]!);
const precacheBytes = precached.reduce((sum, url) => {
  try {
    return sum + statSync(join(dist, url)).size;
  } catch {
    return sum;
  }
}, 0);

console.log(
  JSON.stringify(
    {
      bench: 'bundle',
      entry: size(entryFile),
      lazyChunks: chunks.filter((c) => c.file !== entryFile),
      css,
      serviceWorker: size('sw.js'),
      precache: { entries: precached.length, bytes: precacheBytes },
      totalJsBytes: chunks.reduce((s, c) => s + c.bytes, 0),
    },
    null,
    2,
  ),
);
