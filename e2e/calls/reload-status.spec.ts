/**
 * A reload of a signed-in tab: the header's registration status says what is happening from the first
 * screen on. It said "Not registered" until the phone engine's chunk had loaded, then "Registering…",
 * for a tab that was registered and about to be again.
 */
import type { Page } from '@playwright/test';
import { Phone, test, expect } from '../support/phone';

/** Records every text the header's status shows in the page's next document, frame by frame. */
async function recordStatus(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { statusShown: string[] }).statusShown = shown;
    // What each painted frame shows: the build's prerendered sign-in markup is in the document too, hidden
    // by a stylesheet that may still be loading while the body is parsed (no frame is painted until then).
    const look = () => {
      const status = document.querySelector('[data-testid="registration-status"]');
      const text = status?.checkVisibility() ? status.textContent : null;
      if (text && shown.at(-1) !== text) shown.push(text);
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  return () => page.evaluate(() => (window as unknown as { statusShown: string[] }).statusShown);
}

test('a reload of a registered tab never says "Not registered" on its way back to Registered', async ({
  browser,
  baseURL,
}) => {
  const carol = await Phone.open(browser, '1003', baseURL);
  const page = carol.page;
  try {
    await carol.signIn();
    const shown = await recordStatus(page);
    await page.reload();
    await expect(page.getByTestId('registration-status')).toHaveText('Registered');
    const texts = await shown();
    expect(texts.at(-1)).toBe('Registered');
    expect(texts).not.toContain('Not registered');
  } finally {
    await carol.close();
  }
});
