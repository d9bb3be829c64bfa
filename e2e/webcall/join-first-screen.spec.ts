/**
 * The customer's first screen is the one they act on (issue 10): the link is checked and the operator's
 * settings read before the join page's first render, so the first thing drawn in the page is the pre-join
 * screen, not "Checking the call link…" replaced a moment later. A server slow to answer still gets a
 * screen that says what is happening, not a blank page, and then the pre-join screen.
 * Needs the built app (`npm run build`).
 */
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { encodeLink } from '../../src/webcall/link';
import { customerPage, serverRoom } from '../support/webcall-links';

/** Records the text of the join page's root at each change, from the first one. */
async function recordRootTexts(page: Page) {
  await page.addInitScript(() => {
    const texts: string[] = [];
    Object.assign(window, { __rootTexts: texts });
    new MutationObserver(() => {
      const root = document.getElementById('root');
      const text = root?.textContent?.trim();
      if (text && texts.at(-1) !== text) texts.push(text);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

const rootTexts = (page: Page) =>
  page.evaluate(() => (window as unknown as { __rootTexts: string[] }).__rootTexts);

test('join page: the first screen drawn is the pre-join screen', async ({ browser, baseURL }) => {
  const room = await serverRoom(baseURL!);
  const { context, page, errors } = await customerPage(browser, { baseURL });
  await recordRootTexts(page);

  await page.goto(await encodeLink(room.link, { origin: baseURL! }));
  await expect(page.getByRole('heading', { name: /^Video call with/ })).toBeVisible();
  const texts = await rootTexts(page);
  expect(texts.length).toBeGreaterThan(0);
  expect(texts[0]).toContain('Video call with');
  expect(texts.join('\n')).not.toContain('Checking the call link');
  expect(errors).toEqual([]);
  await context.close();
});

test('join page: a slow server shows that the link is being checked, then the pre-join screen', async ({
  browser,
  baseURL,
}) => {
  const room = await serverRoom(baseURL!);
  const { context, page, errors } = await customerPage(browser, { baseURL });
  await recordRootTexts(page);
  // The key the link is checked against comes 3 s late (a phone on a poor network).
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/config', async (route) => {
    await released;
    await route.continue();
  });

  await page.goto(await encodeLink(room.link, { origin: baseURL! }));
  await expect(page.getByText('Checking the call link…')).toBeVisible();
  release();
  await expect(page.getByRole('heading', { name: /^Video call with/ })).toBeVisible();
  const texts = await rootTexts(page);
  expect(texts[0]).toContain('Checking the call link');
  expect(errors).toEqual([]);
  await context.close();
});
