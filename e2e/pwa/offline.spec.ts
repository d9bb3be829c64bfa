/**
 * Installed-app journey 2 (issue 12): with the network gone the shell still opens from the service
 * worker's precache, every local tab opens, the header says Offline, and when the network returns the
 * phone registers again by itself (no click).
 */
import { test, expect } from '../support/phone';

test('offline: the shell and local tabs open, the status says Offline, registration resumes online', async ({
  alice,
}) => {
  const { page } = alice;
  await alice.signIn();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  await page.context().setOffline(true);
  await expect(alice.status).toHaveText('Offline');

  // Opened with no network (the installed app started on a plane): precache + navigation fallback.
  await page.reload();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Dialpad' })).toBeVisible();
  await expect(alice.status).toHaveText('Offline');
  for (const tab of ['History', 'Contacts', 'Voicemail'] as const) {
    await alice.openTab(tab);
    await expect(page.getByRole('heading', { name: tab, level: 1 })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/${tab.toLowerCase()}$`));
  }

  // Network back: the engine's online handler registers again without the user doing anything.
  const registersBefore = alice.sipFrames.filter(
    (f) => f.direction === 'sent' && f.text.startsWith('REGISTER '),
  ).length;
  await page.context().setOffline(false);
  await expect(alice.status).toHaveText('Registered', { timeout: 20_000 });
  const registersAfter = alice.sipFrames.filter(
    (f) => f.direction === 'sent' && f.text.startsWith('REGISTER '),
  ).length;
  expect(registersAfter).toBeGreaterThan(registersBefore);
});
