/**
 * Writes `.br` and `.gz` siblings for the text assets of a build, so the server sends them compressed
 * without compressing on every request (@fastify/static `preCompressed`). Run by the Vite build (see
 * vite.config.ts; source maps are left alone) or by hand: `node scripts/precompress.mjs [dir]` (default `dist`).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|xml|wasm)$/i;
/** Below this, compression headers cost about what they save. */
const MIN_BYTES = 1024;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** @returns {Promise<{ files: number, bytes: number, br: number, gz: number }>} */
export async function precompressDir(dir) {
  const totals = { files: 0, bytes: 0, br: 0, gz: 0 };
  for await (const path of files(dir)) {
    if (!TEXT.test(path)) continue;
    const data = await readFile(path);
    if (data.length < MIN_BYTES) continue;
    const br = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    });
    const gz = gzipSync(data, { level: 9 });
    // A sibling that is not smaller would only cost bytes and a file-system lookup.
    if (br.length < data.length) await writeFile(`${path}.br`, br);
    if (gz.length < data.length) await writeFile(`${path}.gz`, gz);
    totals.files += 1;
    totals.bytes += data.length;
    totals.br += Math.min(br.length, data.length);
    totals.gz += Math.min(gz.length, data.length);
  }
  return totals;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const totals = await precompressDir(process.argv[2] ?? 'dist');
  process.stdout.write(`${JSON.stringify(totals)}\n`);
}
