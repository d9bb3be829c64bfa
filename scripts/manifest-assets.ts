/**
 * Draws the manifest's `screenshots` (real screens of the built app, narrow and wide, WebP) and the
 * `shortcuts` icons (the app's own tab icons on the brand colour, 96×96 PNG) into public/.
 * Needs a build: `npm run build && node --import tsx scripts/manifest-assets.ts`.
 * Starts its own reference server (port MANIFEST_ASSETS_PORT, default 18899) with a throwaway data dir.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, expect, type Page } from '@playwright/test';
import { chromiumArgs, systemChromium, writeToneWav } from '../e2e/support/chromium';
import { OwnServer } from '../e2e/support/own-server';
import { DEMO_PASSWORD } from '../e2e/support/ports';

const OUT_SCREENSHOTS = new URL('../public/screenshots/', import.meta.url);
const OUT_ICONS = new URL('../public/icons/', import.meta.url);
const BRAND = '#0b57d0';
const SHORTCUTS = [
  { tab: 'Dialpad', file: 'shortcut-dialpad.png' },
  { tab: 'History', file: 'shortcut-history.png' },
  { tab: 'Contacts', file: 'shortcut-contacts.png' },
] as const;

async function webp(page: Page, file: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const { data } = (await cdp.send('Page.captureScreenshot', { format: 'webp', quality: 80 })) as {
    data: string;
  };
  writeFileSync(new URL(file, OUT_SCREENSHOTS), Buffer.from(data, 'base64'));
  await cdp.detach();
}

async function signedInPage(baseURL: string, width: number, height: number): Promise<Page> {
  const browser = await chromium.launch({
    executablePath: systemChromium(),
    args: chromiumArgs(writeToneWav()),
  });
  const context = await browser.newContext({ baseURL, viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto('/settings');
  await page.getByLabel('Username', { exact: true }).fill('1001');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText('Registered');
  return page;
}

/** Registered again after the navigation, and the call buttons say so. */
async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('registration-status')).toHaveText('Registered');
  await expect(page.getByRole('button', { name: 'Audio call' })).toBeEnabled();
}

async function shortcutIcons(page: Page): Promise<void> {
  for (const { tab, file } of SHORTCUTS) {
    const svg = await page
      .getByRole('navigation')
      .getByRole('link', { name: tab, exact: true })
      .locator('svg')
      .evaluate((el) => el.outerHTML);
    const icon = await page.context().newPage();
    await icon.setViewportSize({ width: 96, height: 96 });
    await icon.setContent(
      `<body style="margin:0;background:${BRAND};color:#fff;display:grid;place-items:center;width:96px;height:96px">` +
        `<div style="width:56px;height:56px">${svg.replace('<svg', '<svg width="56" height="56"')}</div></body>`,
    );
    writeFileSync(new URL(file, OUT_ICONS), await icon.screenshot({ type: 'png' }));
    await icon.close();
  }
}

async function main(): Promise<void> {
  const server = new OwnServer(Number(process.env.MANIFEST_ASSETS_PORT ?? 18899));
  await server.start();
  mkdirSync(OUT_SCREENSHOTS, { recursive: true });
  try {
    const narrow = await signedInPage(server.url, 390, 844);
    await narrow.goto('/dialpad?to=tel%3A%2B44-20-7946-0958');
    await ready(narrow);
    await webp(narrow, 'dialpad-narrow.webp');
    await shortcutIcons(narrow);
    await narrow.context().browser()?.close();

    const wide = await signedInPage(server.url, 1280, 800);
    await wide.goto('/dialpad?to=1002');
    await ready(wide);
    await webp(wide, 'dialpad-wide.webp');
    await wide.context().browser()?.close();
  } finally {
    await server.stop();
  }
}

await main();
