/**
 * The customer's join page (`/join#…`, join.html + src/join-main.tsx) is built as its own Vite build
 * into the same dist/ (issue 10, goal 2). A second input of the app's build would share chunks with the
 * app, and a shared module is kept whole enough for both pages: the join page would then load the parts
 * of zod, the stores and the UI that only the softphone uses. Its own build is tree-shaken for it alone.
 * Not precached by the service worker (src/sw.ts sends `/join` to the network): a customer never installs
 * the app, and joining needs the network anyway.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import { i18nPlugins } from './i18n-plugins';
import { appModuleSideEffects } from './tree-shaking';

/** Manifest of the join build, beside the app's `.vite/manifest.json` (read by bench:bundle and e2e). */
export const JOIN_MANIFEST = 'join-manifest.json';

/**
 * The join page renders with Preact through its React compatibility layer: React DOM alone was two
 * thirds of the page's JavaScript (64 of 96 kB gzip), Preact is about 5 kB. The page's code and its
 * libraries (Lingui, zustand) are written against React's API and stay so; the app keeps React.
 */
const PREACT_FOR_REACT = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-runtime' },
];

export async function buildJoinPage(root: string, outDir: string): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [react(), ...i18nPlugins()],
    resolve: { alias: PREACT_FOR_REACT },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      manifest: `.vite/${JOIN_MANIFEST}`,
      rolldownOptions: {
        input: { join: resolve(root, 'join.html') },
        treeshake: { moduleSideEffects: appModuleSideEffects },
      },
    },
  });
}

/** `npm run dev`: serve join.html for `/join`, as the reference server does. */
export function joinPageDevRoute(): Plugin {
  return {
    name: 'openline-join-page-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url === '/join' || req.url?.startsWith('/join?')) req.url = `/join.html${req.url.slice(5)}`;
        next();
      });
    },
  };
}
