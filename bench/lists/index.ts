/**
 * `npm run bench:lists`: list screens (History, Contacts, ...) with many entries, in Chromium, against
 * the built app (`npm run build` first) served by the reference server on a free loopback port with
 * a throwaway data directory. Runs every `bench/lists/*.scenario.ts` and prints one JSON object.
 *
 * Env: LIST_SIZES (default "1000,10000"), LIST_RUNS (default 5), LIST_SCENARIOS (e.g. "contacts";
 * default: all).
 */
import { chromium } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumArgs, systemChromium, writeToneWav } from '../../e2e/support/chromium';
import { startServerProcess } from '../abuse/server';
import type { ListScenario } from './scenario';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

function isScenario(value: unknown): value is ListScenario {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ListScenario).name === 'string' &&
    typeof (value as ListScenario).run === 'function'
  );
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'index.html'))) throw new Error('Run `npm run build` first (no dist/).');
  const sizes = (process.env.LIST_SIZES ?? '1000,10000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const runs = Math.max(1, Number(process.env.LIST_RUNS ?? 5));
  const only = process.env.LIST_SCENARIOS?.split(',').map((name) => `${name.trim()}.scenario.ts`);
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.scenario.ts') && (!only || only.includes(f)))
    .sort();
  const server = await startServerProcess(root, { STATIC_DIR: join(root, 'dist') });
  const browser = await chromium.launch({
    executablePath: systemChromium(),
    args: chromiumArgs(writeToneWav()),
  });
  const results: Record<string, unknown> = {};
  try {
    for (const file of files) {
      const mod: { default?: unknown } = await import(pathToFileURL(join(here, file)).href);
      if (!isScenario(mod.default)) throw new Error(`${file} has no default ListScenario export`);
      results[mod.default.name] = await mod.default.run({ baseURL: server.url, browser, sizes, runs });
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(
    JSON.stringify({ bench: 'lists', at: new Date().toISOString(), sizes, runs, results }, null, 2),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
