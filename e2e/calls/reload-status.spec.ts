/**
 * A reload of a signed-in tab: the header's registration status says what is happening from the first
 * screen on. It said "Not registered" until the phone engine's chunk had loaded, then "Registering…",
 * for a tab that was registered and about to be again.
 */
import type { Page } from '@playwright/test';
import { holdAppEntry } from '../support/app-entry';
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

test('a reload whose boot REGISTER was accepted before the app ran says Registered from its first screen', async ({
  browser,
  baseURL,
}) => {
  // Without a service worker, which would serve the entry where the test cannot hold it (holdAppEntry).
  const carol = await Phone.open(browser, '1003', baseURL, { serviceWorkers: 'block' });
  const page = carol.page;
  try {
    await carol.signIn();
    const shown = await recordStatus(page);
    const release = await holdAppEntry(page);
    const from = carol.sipFrames.length;
    await page.reload({ waitUntil: 'commit' });
    // The boot script's REGISTER is answered 200 while the app is held back.
    await expect
      .poll(() =>
        carol.sipFrames
          .slice(from)
          .some(
            (f) => f.direction === 'received' && /^SIP\/2\.0 200 [^]*\r\nCSeq: \d+ REGISTER/.test(f.text),
          ),
      )
      .toBe(true);
    release();
    await expect(page.getByTestId('registration-status')).toHaveText('Registered');
    // The engine's own REGISTER (a refresh of that binding) is answered too, and nothing else was shown.
    await expect
      .poll(
        () =>
          carol.sipFrames.slice(from).filter((f) => f.direction === 'sent' && f.text.startsWith('REGISTER '))
            .length,
      )
      .toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(300);
    expect(await shown()).toEqual(['Registered']);
  } finally {
    await carol.close();
  }
});
