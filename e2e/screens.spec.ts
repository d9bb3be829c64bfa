/**
 * Screenshots of each main screen at phone and desktop sizes, saved under test-results/screens/ for a
 * person to look at. They assert only that the screen rendered; the pictures are for eyes.
 */
import { encodeLink } from '../src/webcall/link';
import { test, expect } from './support/phone';
import { serverRoom } from './support/webcall-links';

const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];
/** The desktop window at 200 % zoom lays out like a 640×400 window. */
const zoomed = { name: 'desktop-zoom200', width: 640, height: 400 };

for (const size of sizes) {
  test(`screens at ${size.name} size`, async ({ alice, bob }) => {
    test.setTimeout(120_000);
    for (const p of [alice, bob]) await p.page.setViewportSize({ width: size.width, height: size.height });
    const shot = (page: typeof alice.page, name: string) =>
      page.screenshot({ path: `test-results/screens/${size.name}-${name}.png`, animations: 'disabled' });
    await alice.page.goto('/settings');
    await expect(alice.page.getByLabel('Username', { exact: true })).toBeVisible();
    await shot(alice.page, 'settings');
    await alice.signIn();
    await bob.signIn();
    await alice.openTab('Dialpad');
    await alice.page.getByLabel('Number or SIP address').fill('1002');
    await shot(alice.page, 'dialpad');
    await alice.openTab('History');
    await shot(alice.page, 'history-empty');
    await alice.openTab('Contacts');
    await shot(alice.page, 'contacts-empty');
    await alice.openTab('Voicemail');
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

  test(`join page at ${size.name} size`, async ({ page, baseURL }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const origin = baseURL ?? 'http://127.0.0.1:18080';
    const { link } = await serverRoom(origin);
    await page.goto(await encodeLink(link, { origin, password: 'pw', iterations: 100_000 }));
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
    await page.screenshot({
      path: `test-results/screens/${size.name}-join-password.png`,
      animations: 'disabled',
    });
    await page.getByLabel('Password', { exact: true }).fill('pw');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('button', { name: 'Join call' })).toBeVisible();
    await page.screenshot({
      path: `test-results/screens/${size.name}-join-prejoin.png`,
      animations: 'disabled',
    });
  });
}

for (const size of [...sizes, zoomed]) {
  test(`in a call with the agent workspace docked at ${size.name} size`, async ({ alice, bob }) => {
    test.setTimeout(120_000);
    for (const p of [alice, bob]) await p.page.setViewportSize({ width: size.width, height: size.height });
    await alice.signIn();
    await bob.signIn();
    await alice.openTab('Agent');
    await expect(alice.page.getByRole('article').getByRole('heading')).not.toBeEmpty();
    await bob.dial('1001');
    await expect(alice.incoming).toBeVisible();
    await alice.answer();
    await expect(alice.callStatus).toHaveText('Connected');
    const dock = alice.page.getByRole('complementary', { name: 'Agent workspace' });
    await expect(dock.getByRole('article').getByRole('heading')).not.toBeEmpty();
    await alice.page.screenshot({
      path: `test-results/screens/${size.name}-in-call-agent-docked.png`,
      animations: 'disabled',
    });
    await alice.button('Hang up').click();
    await expect(dock).toBeHidden();
  });
}
