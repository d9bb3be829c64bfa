import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';

// The reference server (server/) serves dist/ in production; in `npm run dev` Vite proxies
// the API and the SIP WebSocket to it so the app always talks to one origin.
const backend = process.env.OPENLINE_BACKEND ?? 'http://127.0.0.1:8080';

// manifest.webmanifest at the repo root is the source of truth; the PWA plugin writes it to
// dist/, links it from index.html and precaches it.
const manifest = JSON.parse(
  readFileSync(new URL('./manifest.webmanifest', import.meta.url), 'utf8'),
) as Partial<ManifestOptions>;

export default defineConfig({
  plugins: [
    react(),
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
  ],
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': backend,
      '/sip': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
});
