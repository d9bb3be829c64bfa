/**
 * Screenshots of each main screen at phone and desktop sizes, saved under test-results/screens/ for a
 * person to look at. They assert only that the screen rendered (each waits for its screen's heading or
 * field: a picture taken as the tab's chunk loads shows the screen before); the pictures are for eyes.
 */
import { encodeLink } from '../src/webcall/link';
import type { Page } from '@playwright/test';
import { test, expect } from './support/phone';
import { serverRoom } from './support/webcall-links';

const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];
/** The desktop window at 200 % zoom lays out like a 640×400 window. */
const zoomed = { name: 'desktop-zoom200', width: 640, height: 400 };

type Size = { name: string; width: number; height: number };

/**
 * Each screen at each size, in one walk: the page is resized for each picture (the layout follows the
 * window as it does for a user who resizes it), then left at the desktop size the phones open with.
 */
async function shot(page: Page, name: string, at: readonly Size[] = sizes): Promise<void> {
  for (const size of at) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.screenshot({ path: `test-results/screens/${size.name}-${name}.png`, animations: 'disabled' });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('screens at phone and desktop size', async ({ alice, bob }) => {
  test.setTimeout(120_000);
  await alice.page.goto('/settings');
  await expect(alice.page.getByLabel('Username', { exact: true })).toBeVisible();
  await shot(alice.page, 'settings');
  await alice.signIn();
  await bob.signIn();
  await alice.openTab('Dialpad');
  await alice.page.getByLabel('Number or SIP address').fill('1002');
  await shot(alice.page, 'dialpad');
  await alice.openTab('History');
  await expect(alice.page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await shot(alice.page, 'history-empty');
  await alice.openTab('Contacts');
  await expect(alice.page.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible();
  await shot(alice.page, 'contacts-empty');
  await alice.openTab('Voicemail');
  await expect(alice.page.getByRole('heading', { level: 1, name: 'Voicemail' })).toBeVisible();
  await shot(alice.page, 'voicemail-empty');
  await alice.dial('1002', true);
  await expect(bob.incoming).toBeVisible();
  await shot(bob.page, 'incoming');
  await bob.answer(true);
  await expect
    .poll(() => alice.page.getByTestId('remote-video').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBeGreaterThan(0);
  await shot(alice.page, 'in-call');
  await alice.button('Keypad').click();
  await shot(alice.page, 'in-call-keypad');
  await alice.button('Hang up').click();
  await expect(alice.callStatus).toBeHidden();
});

test('join page at phone and desktop size', async ({ page, baseURL }) => {
  const origin = baseURL ?? 'http://127.0.0.1:18080';
  const { link } = await serverRoom(origin);
  await page.goto(await encodeLink(link, { origin, password: 'pw', iterations: 100_000 }));
  await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
  await shot(page, 'join-password');
  await page.getByLabel('Password', { exact: true }).fill('pw');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('button', { name: 'Join call' })).toBeVisible();
  await shot(page, 'join-prejoin');
});

test('in a call with the agent workspace docked, at phone, desktop and 200% zoom size', async ({
  alice,
  bob,
}) => {
  test.setTimeout(120_000);
  await alice.signIn();
  await bob.signIn();
  await alice.openTab('Agent');
  await expect(alice.page.getByRole('article').getByRole('heading')).not.toBeEmpty();
  await bob.dial('1001');
  await expect(alice.incoming).toBeVisible();
  await alice.answer();
  await expect(alice.callStatus).toHaveText('Connected');
  const dock = alice.page.getByRole('complementary', { name: 'Agent workspace' });
  for (const size of [...sizes, zoomed]) {
    await alice.page.setViewportSize({ width: size.width, height: size.height });
    await expect(dock.getByRole('article').getByRole('heading')).not.toBeEmpty();
    await shot(alice.page, 'in-call-agent-docked', [size]);
  }
  await alice.button('Hang up').click();
  await expect(dock).toBeHidden();
});
