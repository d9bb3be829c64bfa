/**
 * A reload of a signed-in tab: the header's registration status says what is happening from the first
 * screen on. It said "Not registered" until the phone engine's chunk had loaded, then "Registering…",
 * for a tab that was registered and about to be again.
 */
import { Phone, test, expect } from '../support/phone';

test('a reload of a registered tab never says "Not registered" on its way back to Registered', async ({
  browser,
  baseURL,
}) => {
  const carol = await Phone.open(browser, '1003', baseURL);
  const page = carol.page;
  try {
    await carol.signIn();
    // Every text the status shows in the reloaded page, from its first render.
    await page.addInitScript(() => {
      const shown: string[] = [];
      (window as unknown as { statusShown: string[] }).statusShown = shown;
      // Shown: the build's prerendered sign-in markup is in the page too, hidden on a signed-in start.
      const look = () => {
        const status = document.querySelector('[data-testid="registration-status"]');
        const text = status?.checkVisibility() ? status.textContent : null;
        if (text && shown.at(-1) !== text) shown.push(text);
      };
      new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.reload();
    await expect(page.getByTestId('registration-status')).toHaveText('Registered');
    const shown = await page.evaluate(() => (window as unknown as { statusShown: string[] }).statusShown);
    expect(shown.at(-1)).toBe('Registered');
    expect(shown).not.toContain('Not registered');
  } finally {
    await carol.close();
  }
});
