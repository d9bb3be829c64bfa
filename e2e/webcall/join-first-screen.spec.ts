/**
 * The customer's first screen is the one they act on (issue 10): the link is checked and the operator's
 * settings read before the join page's first render, so the first thing drawn in the page is the pre-join
 * screen, not "Checking the call link…" replaced a moment later. A server slow to answer still gets a
 * screen that says what is happening, not a blank page, and then the pre-join screen. A language the
 * operator chose for the page (here Spanish, in an English browser) is the first screen's language, and
 * the operator's colour is its buttons' colour from the first frame.
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

test('join page: the operator’s language and colour are the first screen’s', async ({ browser, baseURL }) => {
  const room = await serverRoom(baseURL!);
  const { context, page, errors } = await customerPage(browser, { baseURL, locale: 'en-US' });
  await recordRootTexts(page);
  // This customer's settings only (other specs share the server): Spanish, a dark red.
  await page.route('**/api/webcall/widget', async (route) => {
    const response = await route.fetch();
    const { widget } = (await response.json()) as { widget: Record<string, unknown> };
    // Not the server's headers: they describe its compressed body.
    await route.fulfill({ json: { widget: { ...widget, language: 'es', themeColor: '#8a1c1c' } } });
  });
  await page.addInitScript(() => {
    // The Join button's colour in the first frame that shows it.
    const colours: string[] = [];
    Object.assign(window, { __firstJoinColour: colours });
    const look = () => {
      const button = document.querySelector('.join-form button[type="submit"]');
      if (button) colours.push(getComputedStyle(button).backgroundColor);
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });

  await page.goto(await encodeLink(room.link, { origin: baseURL! }));
  await expect(page.getByRole('heading', { name: /^Videollamada con/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  const texts = await rootTexts(page);
  expect(texts[0]).toContain('Videollamada con');
  expect(texts.join('\n')).not.toContain('Video call with');
  const colours = await page.evaluate(
    () => (window as unknown as { __firstJoinColour: string[] }).__firstJoinColour,
  );
  expect(colours[0]).toBe('rgb(138, 28, 28)');
  expect(errors).toEqual([]);
  await context.close();
});
