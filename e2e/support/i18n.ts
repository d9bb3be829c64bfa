/**
 * The language specs' shared steps (e2e/i18n): a page whose browser speaks `locale`, signing in through
 * Settings by the form's ids and the header's state class (so a spec does not depend on how Settings is
 * translated), and an axe check that lists each violation with its targets.
 */
import { axeOn } from './axe';
import { expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './ports';

/** A new page in its own context with the browser's language set to `locale` (close it with page.context()). */
export async function openIn(
  browser: Browser,
  locale: string,
  baseURL: string | undefined,
  permissions: string[] = ['microphone', 'notifications'],
): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale,
    permissions,
    viewport: { width: 1280, height: 800 },
  });
  return context.newPage();
}

/** Signs `user` in through Settings by the form's ids; done when the header shows the registration. */
export async function signInByIds(page: Page, user: string): Promise<void> {
  await page.goto('/settings');
  await page.locator('#settings-username').fill(user);
  await page.locator('#settings-password').fill(DEMO_PASSWORD);
  await page.locator('form.settings-form button[type="submit"]').click();
  await expect(page.locator('.registration-ok')).toBeVisible();
}

/** No axe violation in `include` (default the main landmark; null: the whole page). */
export async function expectAxeClean(page: Page, include: string | null = 'main'): Promise<void> {
  const builder = axeOn(page);
  const { violations } = await (include === null ? builder : builder.include(include)).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
