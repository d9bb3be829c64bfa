/**
 * Builds the embed SDK (packages/embed, issue 13) into `<outDir>/embed/openline-embed.js`: one
 * dependency-free ES module. The SDK's source is two files (openline-embed.ts and protocol.ts, the
 * protocol vocabulary the app imports too), bundled into one, not minified, so a host page imports a
 * single file it can read. Run by the Vite build (vite.config.ts) so `npm run build` and `npm start`
 * serve it.
 */
import { join, resolve } from 'node:path';
import { build } from 'vite';

export const EMBED_SDK_SOURCE = 'packages/embed/src/openline-embed.ts';
export const EMBED_SDK_OUTPUT = 'embed/openline-embed.js';

export async function buildEmbedSdk(root: string, outDir: string): Promise<string> {
  const target = join(outDir, EMBED_SDK_OUTPUT);
  await build({
    configFile: false,
    root,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: join(outDir, 'embed'),
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2022',
      minify: false,
      sourcemap: false,
      lib: {
        entry: resolve(root, EMBED_SDK_SOURCE),
        formats: ['es'],
        fileName: () => 'openline-embed.js',
      },
    },
  });
  return target;
}
