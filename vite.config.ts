import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';
import { i18nPlugins } from './scripts/i18n-plugins';
import { signInPreload } from './scripts/sign-in-preload';
import { prerenderSignIn } from './scripts/prerender-sign-in';
import { appModuleSideEffects } from './scripts/tree-shaking';
import { buildEmbedSdk } from './scripts/embed-sdk-build';
import { buildJoinPage, joinPageDevRoute } from './scripts/join-page-build';
import { precompressDir } from './scripts/precompress.mjs';

// The reference server (server/) serves dist/ in production; in `npm run dev` Vite proxies
// the API and the SIP WebSocket to it so the app always talks to one origin.
const backend = process.env.OPENLINE_BACKEND ?? 'http://127.0.0.1:8080';

// manifest.webmanifest at the repo root is the source of truth; the PWA plugin writes it to
// dist/, links it from index.html and precaches it.
const manifest = JSON.parse(
  readFileSync(new URL('./manifest.webmanifest', import.meta.url), 'utf8'),
) as Partial<ManifestOptions>;

// Issue 13: the build id shown in Settings → About for support (unless the operator's Hide UUID flag):
// the package version and, where git is available, the commit.
const buildId = (() => {
  const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  try {
    return `${version}+${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()}`;
  } catch {
    return version;
  }
})();

// react-router 7's package exports resolve only its development build, whose dev warnings run in
// production (upstream issue remix-run/react-router#14102); a build takes the production files it ships
// beside them. Both entry points, or the two would hold two copies of the router's contexts.
const reactRouterProduction = [
  { find: /^react-router$/, replacement: resolve('node_modules/react-router/dist/production/index.mjs') },
  {
    find: /^react-router\/dom$/,
    replacement: resolve('node_modules/react-router/dist/production/dom-export.mjs'),
  },
];

export default defineConfig(({ command }) => ({
  define: { __OPENLINE_BUILD__: JSON.stringify(buildId) },
  resolve: { alias: command === 'build' ? reactRouterProduction : [] },
  plugins: [
    react(),
    ...i18nPlugins(),
    signInPreload(),
    prerenderSignIn(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      // src/app/sw-register.ts registers /sw.js with workbox-window (no inline script: CSP).
      injectRegister: false,
      manifest,
      manifestFilename: 'manifest.webmanifest',
      // globPatterns below already picks up every icon in public/.
      includeManifestIcons: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png}'],
        // Source maps are for debugging, not for offline use. The Sendbird SDK (~400 KB) is only for
        // Sendbird webcall links, which need the network anyway: don't push it to every installed app.
        globIgnores: ['**/*.map', '**/SendBirdCall*.js', '**/sendbird-room-*.js'],
      },
      devOptions: { enabled: false },
    }),
    ((): Plugin => {
      let outDir = 'dist';
      let root = '.';
      return {
        // The customer's join page (its own build, scripts/join-page-build.ts), the embed SDK, then Brotli + gzip
        // siblings for the server's @fastify/static `preCompressed`; after the service worker is written
        // (sequential, post) so it is compressed too.
        name: 'openline-precompress',
        apply: 'build',
        configResolved(config) {
          root = config.root;
          outDir = resolve(config.root, config.build.outDir);
        },
        closeBundle: {
          sequential: true,
          order: 'post',
          async handler() {
            await buildJoinPage(root, outDir);
            await buildEmbedSdk(root, outDir); // /embed/openline-embed.js for host pages (issue 13)
            await precompressDir(outDir);
          },
        },
      };
    })(),
    joinPageDevRoute(),
  ],
  build: {
    target: 'es2022',
    rolldownOptions: { treeshake: { moduleSideEffects: appModuleSideEffects } },
    sourcemap: true,
    // dist/.vite/manifest.json: the import graph bench:bundle and the join-page e2e read (never served:
    // the server hides dot directories).
    manifest: true,
  },
  server: {
    proxy: {
      '/api': backend,
      '/sip': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
}));
