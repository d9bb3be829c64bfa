/**
 * ADR 0041 (issue 10): a first visit's sign-in form is HTML drawn by the build, and the app's code runs on
 * the visitor's first input. These tests hold the app's entry back (a routed request that waits) to act on
 * the form before the app runs, then let it through and check that nothing was lost.
 */
import { readFileSync } from 'node:fs';
import type { Page, Route } from '@playwright/test';
import { appEntryIn } from '../support/app-entry';
import { axeOn } from '../support/axe';
import { test, expect } from '../support/phone';
import { DEMO_PASSWORD } from '../support/ports';

const entry = appEntryIn(readFileSync('dist/index.html', 'utf8'));

/** Hold the app's entry script until `release()`; the form stays the build's HTML until then. */
async function holdApp(page: Page): Promise<{ release(): void }> {
  if (!entry) throw new Error('dist/index.html has no entry in its boot script: run `npm run build`');
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**${entry}`, async (route: Route) => {
    await released;
    await route.continue();
  });
  return { release };
}

const prerendered = (page: Page) => page.locator('[data-prerendered]');

test('a first visit sees the form before the app runs, and keeps the focus and caret it typed with', async ({
  alice,
}) => {
  const { page } = alice;
  await page.setViewportSize({ width: 390, height: 844 });
  const app = await holdApp(page);
  await page.goto('/');
  await expect(page).toHaveURL(/\/settings$/);
  const username = page.getByLabel('Username', { exact: true });
  await expect(username).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeInViewport();
  // The server's suggestions, filled in by the boot script as the app would.
  await expect(page.getByText('Demo accounts on this server: 1001, 1002, 1003')).toBeVisible();
  await expect(username).toHaveAccessibleDescription('Demo accounts on this server: 1001, 1002, 1003');
  await expect(page.getByLabel('Domain')).toHaveValue('openline.local');
  const wsUrl = await page.getByLabel('WebSocket URL').inputValue();
  expect(wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/sip$/);
  await expect(prerendered(page)).toHaveCount(1);
  expect((await axeOn(page).include('main').analyze()).violations).toEqual([]);

  await username.click();
  await page.keyboard.type('1001');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(prerendered(page), 'the app ran before its entry was let through').toHaveCount(1);

  app.release();
  await expect(prerendered(page)).toHaveCount(0);
  await expect(username).toBeFocused();
  await page.keyboard.type('9');
  await expect(username).toHaveValue('10901');
  // The app's own words and values are the boot script's (index.html copies them).
  await expect(username).toHaveAccessibleDescription('Demo accounts on this server: 1001, 1002, 1003');
  await expect(page.getByLabel('Domain')).toHaveValue('openline.local');
  await expect(page.getByLabel('WebSocket URL')).toHaveValue(wsUrl);
});

test('a sign-in pressed before the app runs signs in once it does', async ({ alice }) => {
  const { page } = alice;
  const app = await holdApp(page);
  await page.goto('/settings');
  await page.getByLabel('Username', { exact: true }).click();
  await page.keyboard.type(alice.user);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter'); // the form's implicit submission: a click on Sign in, held
  await expect(prerendered(page)).toHaveCount(1);
  await expect(alice.status).toHaveText('Not registered');

  app.release();
  await expect(alice.status).toHaveText('Registered');
  await expect(prerendered(page)).toHaveCount(0);
  await expect(page.getByLabel('Username', { exact: true })).toHaveValue(alice.user);
});

test('a tab pressed before the app runs opens in the app, without loading the page again', async ({
  alice,
}) => {
  const { page } = alice;
  const app = await holdApp(page);
  await page.goto('/settings');
  await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
  await page.getByRole('navigation').getByRole('link', { name: 'Dialpad' }).click();
  await expect(page).toHaveURL(/\/settings$/);

  app.release();
  await expect(page).toHaveURL(/\/dialpad$/);
  await expect(page.getByLabel('Number or SIP address')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
});

test('a start in another language runs the app at once and never shows the English form', async ({
  alice,
}) => {
  const { page } = alice;
  await page.addInitScript(() => {
    localStorage.setItem('openline.locale', 'es');
    const shown = { prerendered: false };
    (window as unknown as { shown: typeof shown }).shown = shown;
    new MutationObserver(() => {
      if (document.documentElement.classList.contains('prerendered-start')) shown.prerendered = true;
    }).observe(document.documentElement, { attributes: true });
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Ajustes', level: 1 })).toBeVisible();
  await expect(prerendered(page)).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { shown: { prerendered: boolean } }).shown)).toEqual(
    {
      prerendered: false,
    },
  );
});

test('a visitor who signed out before gets the app at once, with their saved account in the form', async ({
  alice,
}) => {
  const { page } = alice;
  await alice.signIn();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(alice.status).toHaveText('Not registered');
  await page.goto('/settings');
  await expect(page.getByLabel('Username', { exact: true })).toHaveValue(alice.user);
  await expect(prerendered(page)).toHaveCount(0);
});

test('a phone scrolled down before the app runs stays where it was', async ({ alice }) => {
  const { page } = alice;
  await page.setViewportSize({ width: 390, height: 844 });
  const app = await holdApp(page);
  await page.goto('/settings');
  const main = page.locator('main');
  await main.evaluate((element) => element.scrollTo(0, 400));
  await expect.poll(() => main.evaluate((element) => element.scrollTop)).toBeGreaterThan(300);
  const top = await main.evaluate((element) => element.scrollTop);
  app.release();
  await expect(prerendered(page)).toHaveCount(0);
  expect(await main.evaluate((element) => element.scrollTop)).toBe(top);
});
