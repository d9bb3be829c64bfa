import { defineConfig } from 'vitest/config';

// Two projects: browser-ish code under happy-dom, server code under plain Node.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'app',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts', 'bench/**/*.test.ts', 'lint/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
