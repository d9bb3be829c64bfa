/**
 * The phone tab bar with more tabs than fit (an admin's eight on a 390 px phone): every label is shown
 * whole, the bar scrolls sideways instead, and the current tab is scrolled into sight, also when the app
 * opens on it (a reload on /admin stays on Admin: the unknown-path redirect waits for the role).
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../support/phone';

const cutLabels = (page: Page) =>
  page
    .locator('.nav-label')
    .evaluateAll((labels) =>
      labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent ?? ''),
    );

/**
 * How much of the tab lies inside the tab bar's visible width (1 = all of it). Columns sized by their
 * labels have fractional widths while scroll positions are whole pixels: under a pixel hidden counts as shown.
 */
const shownInBar = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).evaluate((nav, label) => {
    const link = [...nav.querySelectorAll('a')].find((a) => a.textContent?.startsWith(label));
    if (!link) return 0;
    const bar = nav.getBoundingClientRect();
    const tab = link.getBoundingClientRect();
    const visible = Math.min(tab.right, bar.right) - Math.max(tab.left, bar.left);
    return tab.width - visible < 1 ? 1 : Math.max(0, visible) / tab.width;
  }, name);

test('an admin on a phone sees every tab label whole, the bar scrolls, the current tab stays in sight', async ({
  alice,
}) => {
  await alice.page.setViewportSize({ width: 390, height: 844 });
  await alice.signIn();
  const nav = alice.page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveCount(8);
  expect(await cutLabels(alice.page)).toEqual([]);
  expect(await nav.evaluate((n) => n.scrollWidth > n.clientWidth)).toBe(true);

  // Opening the app on the last tab (a reload on /admin: the route waits for the role) scrolls the bar to it.
  await alice.page.goto('/admin');
  await expect(alice.page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  await expect(alice.page).toHaveURL(/\/admin$/);
  await expect.poll(() => shownInBar(alice.page, 'Admin')).toBe(1);
  await alice.page.screenshot({ path: 'test-results/screens/phone-tab-bar-admin.png' });
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(alice.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect.poll(() => shownInBar(alice.page, 'Settings')).toBe(1);

  // And back to the first from the keyboard: the bar follows.
  await nav.getByRole('link', { name: 'Dialpad' }).focus();
  await alice.page.keyboard.press('Enter');
  await expect(alice.page).toHaveURL(/\/dialpad$/);
  await expect.poll(() => shownInBar(alice.page, 'Dialpad')).toBe(1);
});
