/**
 * Installed-app journey 2 (issue 12): with the network gone the shell still opens from the service
 * worker's precache, History, Contacts and Voicemail show what this device stored (a call made before,
 * the synced directory, the mailbox as last seen), the header says Offline, and when the network returns
 * the phone registers again by itself (no click).
 */
import { test, expect } from '../support/phone';
import { ingestVoicemail } from '../support/voicemail';

// The config blocks service workers; the service worker serves the shell offline.
test.use({ serviceWorkers: 'allow' });

test('offline: the shell and local tabs open, the status says Offline, registration resumes online', async ({
  alice,
  baseURL,
}) => {
  const { page } = alice;
  const callId = `e2e-offline-${Date.now()}`;
  const deposited = await ingestVoicemail(baseURL!, {
    mailbox: '1001',
    caller: '1003',
    callerName: 'Cleo Cole',
    callId,
  });
  expect(deposited.status).toBe(201);
  await alice.signIn();
  // Online first: a call to someone who is not there (History), the directory sync (Contacts), the mailbox.
  await alice.dial('1003');
  await expect(page.getByRole('region', { name: /Call with/ })).toBeHidden({ timeout: 15_000 });
  await alice.openTab('Voicemail');
  await expect(page.getByRole('listitem').filter({ hasText: callId })).toBeVisible();
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
    const main = page.getByRole('main');
    if (tab === 'History')
      await expect(main.getByRole('listitem').filter({ hasText: 'Outgoing audio call' })).toContainText(
        'Cleo Cole',
      );
    if (tab === 'Contacts') await expect(main.getByRole('link', { name: /^Ada Agent/ })).toBeVisible();
    if (tab === 'Voicemail') {
      await expect(main.getByRole('listitem').filter({ hasText: callId })).toBeVisible();
      await expect(main.getByRole('status').filter({ hasText: 'saved on this device' })).toBeVisible();
    }
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

test('offline with nothing saved: Voicemail says the server cannot be reached, and Try again loads it once back', async ({
  bob,
}) => {
  const { page } = bob;
  await bob.signIn();
  // The Voicemail screen's own code is precached: only its list is missing offline.
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await page.context().setOffline(true);
  await expect(bob.status).toHaveText('Offline');
  await bob.openTab('Voicemail');
  const alert = page.getByRole('main').getByRole('alert');
  // Worded for the user (it said "Cannot reach the server: Failed to fetch", the browser's words).
  await expect(alert).toContainText(
    'Cannot reach the server. Your voicemail will show here once the connection is back.',
  );
  await expect(alert).not.toContainText('fetch');
  await page.context().setOffline(false);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toBeHidden();
  await expect(page.getByRole('main').getByText(/^No messages\./)).toBeVisible();
});

test.describe('without a service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('a tab whose code cannot be fetched says so in the tab, keeps the app around it, and Try again loads it', async ({
    carol,
  }) => {
    const { page } = carol;
    await carol.signIn();
    await page.context().setOffline(true);
    // Contacts' chunk was never fetched: offline, with nothing precached, it cannot be. The whole app
    // used to unmount, leaving a blank page.
    await carol.openTab('Contacts');
    const failed = page.getByRole('main').getByRole('alert');
    await expect(failed).toContainText(
      'This screen could not be loaded. Check your connection, then try again.',
    );
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Dialpad' })).toBeVisible();
    await expect(carol.status).toHaveText('Offline');
    await page.context().setOffline(false);
    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
    await expect(failed).toBeHidden();
  });
});
