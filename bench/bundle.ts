/**
 * Bundle-size benchmark: reads the production build's manifest (dist/.vite/manifest.json) as an import
 * graph (and the join page's own build, .vite/join-manifest.json) and prints one JSON object: the customer's join page before Join (join.html's entry and its
 * static imports), the app shell at first load (index.html's), what each lazy chunk adds, the service
 * worker and its precache. Sizes raw and gzip level 9; budgets from issue 10 (kB = 1,000 bytes).
 *   npm run build && npm run bench:bundle [-- dist]
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  addedBy,
  cssOf,
  dynamicImportsFrom,
  filesOf,
  readBuildManifest,
  staticClosure,
  type BuildManifest,
} from './bundle-graph';

const dist = process.argv[2] ?? 'dist';
const JOIN_BUDGET = 90_000;
const SHELL_BUDGET = 150_000;

interface Size {
  file: string;
  bytes: number;
  gzipBytes: number;
}

function size(file: string): Size {
  const data = readFileSync(join(dist, file));
  return { file, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
}
const sum = (sizes: Size[], key: 'bytes' | 'gzipBytes') => sizes.reduce((s, x) => s + x[key], 0);

function page(manifest: BuildManifest, entryKey: string, budget: number) {
  const loaded = staticClosure(manifest, entryKey);
  const js = filesOf(manifest, loaded).map(size);
  const css = cssOf(manifest, loaded).map(size);
  const jsGzipBytes = sum(js, 'gzipBytes');
  const lazy = dynamicImportsFrom(manifest, entryKey).map((key) => {
    const added = addedBy(manifest, key, loaded).map(size);
    return {
      chunk: key,
      files: added.map((a) => a.file),
      bytes: sum(added, 'bytes'),
      gzipBytes: sum(added, 'gzipBytes'),
    };
  });
  return {
    jsBytes: sum(js, 'bytes'),
    jsGzipBytes,
    budgetGzipBytes: budget,
    withinBudget: jsGzipBytes <= budget,
    cssGzipBytes: sum(css, 'gzipBytes'),
    files: js,
    /** What each dynamic import adds when it runs (chunks not already loaded by the page). */
    lazy: lazy.sort((a, b) => b.gzipBytes - a.gzipBytes),
  };
}

// The precache manifest is inlined in sw.js as [{url, revision}, ...].
const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
const precached = [...sw.matchAll(/"?url"?:\s*"([^"]+)"/g)].map((m) => m[1]!);
const precacheBytes = precached.reduce((total, url) => {
  try {
    return total + statSync(join(dist, url)).size;
  } catch {
    return total;
  }
}, 0);

const appManifest = readBuildManifest(dist);
const joinPage = page(readBuildManifest(dist, 'join-manifest.json'), 'join.html', JOIN_BUDGET);
const shell = page(appManifest, 'index.html', SHELL_BUDGET);
const allJs = Object.values(appManifest)
  .map((c) => c.file)
  .filter((f) => f.endsWith('.js'));

console.log(
  JSON.stringify(
    {
      bench: 'bundle',
      joinBeforeJoinGzipBytes: joinPage.jsGzipBytes,
      shellFirstLoadGzipBytes: shell.jsGzipBytes,
      joinPage,
      shell,
      serviceWorker: size('sw.js'),
      precache: { entries: precached.length, bytes: precacheBytes },
      /** The app's build; the join page's is separate (scripts/join-page-build.ts). */
      appTotalJsBytes: [...new Set(allJs)].reduce((s, f) => s + statSync(join(dist, f)).size, 0),
    },
    null,
    2,
  ),
);
