/**
 * Screenshots of the Agent tab (lead, server buttons, a server-patched form, a custom page, the
 * trace) at phone and desktop sizes, into test-results/screens/ for a person to look at.
 */
import type { Locator } from '@playwright/test';
import { test, expect } from '../support/phone';

const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

for (const size of sizes) {
  test(`agent tab at ${size.name} size`, async ({ alice }) => {
    const page = alice.page;
    await page.setViewportSize({ width: size.width, height: size.height });
    const shot = async (name: string, top: Locator) => {
      await top.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({
        path: `test-results/screens/${size.name}-agent-${name}.png`,
        animations: 'disabled',
      });
    };
    await alice.signIn();
    await alice.openTab('Agent');
    await expect(page.getByRole('article').getByRole('heading')).not.toBeEmpty();
    await expect(page.getByRole('button', { name: 'Qualify lead' })).toBeEnabled();
    await shot('lead', page.getByRole('region', { name: 'Campaign' }));

    // The form-patching script: prefilled, budget now required, a follow-up e-mail appended.
    await alice.button('Qualify lead').click();
    const form = page.getByRole('region', { name: 'Qualify lead' });
    await expect(form.getByRole('textbox', { name: 'Follow-up e-mail' })).toBeVisible();
    await form.getByRole('button', { name: 'Save and dispose' }).click();
    await expect(form.getByText('Budget (required for qualified leads) is required.')).toBeVisible();
    await shot('form', form);

    await alice.button('Call script').click();
    await expect(page.getByTestId('agent-page')).toContainText('Opening');
    await shot('page', page.getByTestId('agent-page'));
    await shot('trace', page.getByRole('group').filter({ hasText: 'Action trace' }).first());
  });
}
