import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** Phone and desktop sizes every screen is looked at in (the brief's quality bar). */
export const SHOT_SIZES = [
  [390, 844],
  [1280, 800],
] as const;

/**
 * Screenshots of the page at phone and desktop size into `dir` as `<name>-<w>x<h>.png`, for a person to
 * look at; the page is left at the desktop size the phones open with.
 */
export async function shootSizes(page: Page, dir: string, name: string, fullPage = false): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const [width, height] of SHOT_SIZES) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${dir}/${name}-${width}x${height}.png`, fullPage });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
