import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, systemChromium, writeToneWav } from './e2e/support/chromium';
import { E2E_PORT, E2E_DATA_DIR } from './e2e/support/ports';

const executablePath = systemChromium();
if (!executablePath) console.warn('[e2e] No system Chromium found: using Playwright’s own browser.');

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  // Calls are CPU-heavy (two pages with fake camera each) and share one server: run serially.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: 'retain-on-failure',
    permissions: ['camera', 'microphone', 'notifications'],
    launchOptions: {
      executablePath,
      args: chromiumArgs(writeToneWav()),
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: `node --import tsx server/main.ts`,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      DATA_DIR: E2E_DATA_DIR,
      DEMO_PASSWORD: 'e2e-secret',
      LOG_LEVEL: 'warn',
    },
  },
});
