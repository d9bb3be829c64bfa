/**
 * Issue 13, custom CSS: admin 1001 types hostile CSS (a url() to another origin) and is refused by the
 * field, with the line and reason, while nothing is fetched from that origin; then safe CSS (a header
 * colour, and the app's primary colour through a custom property) that 1002's open app applies at once,
 * without a reload, and drops again when the admin clears it.
 */
import { axeOn } from '../support/axe';
import type { Page } from '@playwright/test';
import { DEFAULT_WEBPHONE_CONFIG } from '../../src/api/webphone-schemas';
import { DEMO_PASSWORD } from '../support/ports';
import { expect, test } from '../support/phone';

const headerColour = (page: Page) =>
  page.locator('.app-header').evaluate((el) => getComputedStyle(el).backgroundColor);

test('hostile custom CSS is refused by the field; safe CSS styles every open app at once', async ({
  alice,
  bob,
}) => {
  await Promise.all([alice.signIn(), bob.signIn()]);
  const admin = alice.page;
  const evil: string[] = [];
  for (const page of [admin, bob.page]) {
    page.on('request', (r) => {
      if (r.url().includes('evil.example')) evil.push(r.url());
    });
  }
  const before = await headerColour(bob.page);
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  const field = admin.getByLabel('Custom CSS', { exact: true });

  await field.fill('.app-header { color: red }\n.app-main { background: url(https://evil.example/t.png) }');
  await admin.getByRole('button', { name: 'Save configuration' }).click();
  await expect(admin.locator('#admin-custom-css-error')).toHaveText(
    'line 2:13: url() is not allowed: custom CSS cannot load anything.',
  );
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('@import "https://evil.example/x.css";');
  await admin.getByRole('button', { name: 'Save configuration' }).click();
  await expect(admin.locator('#admin-custom-css-error')).toContainText('@import is not allowed');
  expect(await headerColour(bob.page)).toBe(before);

  await field.fill(':root { --primary: rgb(0, 99, 0) }\n.app-header { background-color: rgb(1, 2, 3) }');
  const axe = await axeOn(admin).include('main').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await admin.getByRole('button', { name: 'Save configuration' }).click();
  await expect(admin.getByTestId('admin-status')).toHaveText(/^Saved/);

  // 1002's open app: the header takes the colour, and the custom property reaches the app's own rules.
  await expect.poll(() => headerColour(bob.page)).toBe('rgb(1, 2, 3)');
  const primary = await bob.page
    .locator('#root')
    .evaluate((el) => getComputedStyle(el).getPropertyValue('--primary').trim());
  expect(primary).toBe('rgb(0, 99, 0)');

  await field.fill('');
  await admin.getByRole('button', { name: 'Save configuration' }).click();
  await expect.poll(() => headerColour(bob.page)).toBe(before);
  await expect(bob.page.locator('#openline-custom-css')).toHaveCount(0);
  expect(evil).toEqual([]);
});

// Back to today's configuration for the specs that follow on this shared server, even after a failure.
test.afterEach(async ({ request }) => {
  const session = await request.post('/api/session', { data: { username: '1001', password: DEMO_PASSWORD } });
  expect(session.status()).toBe(200);
  const res = await request.put('/api/webphone/config', { data: DEFAULT_WEBPHONE_CONFIG });
  expect(res.status()).toBe(200);
});
