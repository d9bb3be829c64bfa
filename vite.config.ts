import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The reference server (server/) serves dist/ in production; in `npm run dev` Vite proxies
// the API and the SIP WebSocket to it so the app always talks to one origin.
const backend = process.env.OPENLINE_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
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
