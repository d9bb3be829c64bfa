/**
 * Contacts journey: the company directory appears after sign-in and its entries are callable (media
 * proven), callers are named from the directory, and a contact created in the UI renames the caller
 * on the next incoming call. Screenshots go to /tmp/shots-contacts/ at phone and desktop sizes.
 */
import { axeOn } from '../support/axe';
import type { Page } from '@playwright/test';
import { test, expect, expectInboundRtp } from '../support/phone';

const SHOTS = process.env.OPENLINE_SHOTS_DIR ?? '/tmp/shots-contacts';

async function shots(page: Page, name: string) {
  for (const [size, width, height] of [
    ['phone', 390, 844],
    ['desktop', 1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SHOTS}/${size}-${name}.png`, animations: 'disabled' });
  }
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await axeOn(page).include('main').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('directory after sign-in, callable; callers named; a new contact renames the caller', async ({
  alice,
  bob,
}) => {
  test.slow(); // two phones, two calls and four axe runs in one journey
  await alice.signIn();
  await bob.signIn();
  const page = bob.page;

  // The directory arrives with sign-in: SIP accounts under their display names, outside contacts.
  await bob.openTab('Contacts');
  const list = page.getByTestId('contacts-list');
  await expect(list.getByRole('link', { name: /Ada Agent/ })).toBeVisible();
  await page.getByLabel('Search contacts').fill('020 7946 0123');
  await expect(list.getByRole('link')).toHaveCount(1);
  await expect(list.getByRole('link')).toContainText('+44 20 7946 0123');
  await expectNoAxeViolations(page);
  await page.getByLabel('Search contacts').fill('');
  await shots(page, 'list');

  // Settings → Phone numbers: with the United Kingdom chosen, the same number shows in national format.
  await bob.openTab('Settings');
  const region = page.getByLabel('Country for numbers without a country code');
  await expect(region.locator('option').first()).toHaveText(/^Automatic \(from the browser: /);
  await region.selectOption('GB');
  await expect(page.getByTestId('number-region-example')).toContainText('shows as 020 7946 0123.');
  await expectNoAxeViolations(page);
  await region.scrollIntoViewIfNeeded();
  await shots(page, 'settings-region');
  await bob.openTab('Contacts');
  await page.getByLabel('Search contacts').fill('020 7946 0123');
  await expect(list.getByRole('link')).toContainText('020 7946 0123');
  await expect(list.getByRole('link')).not.toContainText('+44');
  await page.getByLabel('Search contacts').fill('');

  // A directory entry is callable: bob calls Ada Agent (1001) from her card, media both ways.
  await page.getByLabel('Search contacts').fill('ada agent');
  await list.getByRole('link', { name: /Ada Agent/ }).click();
  await expect(page.getByRole('heading', { name: 'Ada Agent' })).toBeVisible();
  await expectNoAxeViolations(page);
  await shots(page, 'detail');
  await page.getByRole('button', { name: 'Audio call' }).click();
  // The caller is named from the directory (the account's display name), not "1002".
  await expect(alice.incoming).toContainText('Ben Baker');
  await alice.answer();
  await Promise.all([expectInboundRtp(alice, 'audio'), expectInboundRtp(bob, 'audio')]);
  await alice.button('Hang up').click();
  await expect(bob.callStatus).toHaveText('Call ended');

  // A contact created in the UI: a bad number keeps what was typed and says what is wrong.
  await bob.openTab('Contacts');
  await page.getByRole('link', { name: 'New contact' }).click();
  await page.getByLabel('Name').fill('Ada from Accounts');
  await page.getByLabel('Phone number 1').fill('call me');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('“call me” is not a phone number, extension or SIP address.')).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue('Ada from Accounts');
  await expectNoAxeViolations(page);
  await shots(page, 'form-error');
  await page.getByLabel('Phone number 1').fill('1001');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Ada from Accounts' })).toBeVisible();

  // The next call from 1001 is shown under the contact's name.
  await alice.dial('1002');
  await expect(bob.incoming).toContainText('Ada from Accounts');
  await shots(page, 'incoming-named');
  await bob.incoming.getByRole('button', { name: 'Decline' }).click();
  await expect(alice.callStatus).toHaveText(/Declined|Call ended|Busy/);
});
