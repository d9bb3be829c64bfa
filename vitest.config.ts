import { defineConfig } from 'vitest/config';
import { i18nPlugins } from './scripts/i18n-plugins';

// Two projects: browser-ish code under happy-dom, server code under plain Node.
//
// `isolate: false` (each project): the files of a worker share its module cache and environment instead of
// re-importing React, zod, sip.js or the server per file. The unit run went from ~275 s to ~120 s on the
// 2-core machine. The price: a test must not lean on another file's leftovers (module singletons, open
// BroadcastChannels, store state); reset what you touch. `npx vitest run --sequence.shuffle.files` runs the
// files in another order and finds one that does.
export default defineConfig({
  test: {
    // Vitest's default is one worker per core minus one: a single worker on the 2-core CI machine, where
    // the werift/Kamailio integration files spend most of their time waiting on the network. Two workers
    // overlap that waiting with the CPU-bound files.
    maxWorkers: 2,
    projects: [
      {
        plugins: i18nPlugins(),
        test: {
          name: 'app',
          setupFiles: ['src/i18n/test-setup.ts'],
          include: ['src/**/*.test.{ts,tsx}', 'packages/*/src/**/*.test.ts'],
          environment: 'happy-dom',
          isolate: false,
        },
      },
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts', 'bench/**/*.test.ts', 'lint/*.test.ts', 'scripts/*.test.ts'],
          environment: 'node',
          isolate: false,
          // Many of these start a real server (SQLite, migrations, a SIP stack). A timeout is there to end a
          // hang, not to measure speed: 5 s failed three of them on a loaded 2-core machine.
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
