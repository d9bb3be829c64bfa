import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** The app's entry script in a built index.html: the boot script starts it (scripts/prerender-sign-in.ts). */
export function appEntryIn(html: string): string | undefined {
  return /var entry = "([^"]+)"/.exec(html)?.[1];
}

/**
 * Holds the built app's entry script back from `page` until the returned release is called, so the
 * page runs nothing but index.html's boot script meanwhile. The page's context must block service
 * workers (`serviceWorkers: 'block'`), which would serve the entry where a route cannot hold it.
 */
export async function holdAppEntry(page: Page): Promise<() => void> {
  const entry = appEntryIn(readFileSync('dist/index.html', 'utf8'));
  if (!entry) throw new Error('dist/index.html has no entry in its boot script: run `npm run build`');
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**${entry}`, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}
