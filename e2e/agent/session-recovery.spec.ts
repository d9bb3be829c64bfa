/**
 * Issue 16.2 and 16.4, client side, in real Chromium against the reference server.
 * - The API forgets the session (here: the browser loses its session cookie, which is what a server
 *   restart with in-memory sessions or an expired session looks like to the page): the next API call
 *   gets 401, the app signs in again with the saved account and repeats it, and the Agent tab loads.
 * - Two tabs of one user: signing out in one signs out the other at once, without a reload.
 */
import { test, expect } from '../support/phone';

test('a lost API session is recovered transparently: the Agent tab never says "Sign in first."', async ({
  alice,
}) => {
  const page = alice.page;
  await alice.signIn();
  await expect.poll(async () => (await page.context().cookies()).length).toBeGreaterThan(0);
  await page.context().clearCookies();

  const signIns: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/session') && r.method() === 'POST') signIns.push(r.url());
  });
  await alice.openTab('Agent');
  await expect(page.getByRole('article').getByRole('heading')).not.toBeEmpty();
  await expect(page.getByText('Sign in first.')).toHaveCount(0);
  await expect(page.getByText(/^Buttons:|^Campaign:/)).toHaveCount(0);
  expect(signIns.length).toBeGreaterThanOrEqual(1);
  expect(signIns.length).toBeLessThanOrEqual(2);
  expect((await page.context().cookies()).length).toBeGreaterThan(0);
});

test('signing out in one tab signs out the other tab of the same user at once', async ({ alice }) => {
  await alice.signIn();
  const second = await alice.page.context().newPage();
  await second.goto('/settings');
  await expect(second.getByTestId('registration-status')).toHaveText('Registered');

  await alice.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(alice.status).toHaveText('Not registered');
  await expect(second.getByTestId('registration-status')).toHaveText('Not registered');
  await expect(second.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(second.getByLabel('Password', { exact: true })).toHaveValue('');
});
