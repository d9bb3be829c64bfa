/**
 * Screenshots of each main screen at phone and desktop sizes, saved under test-results/screens/ for a
 * person to look at. They assert only that the screen rendered; the pictures are for eyes.
 */
import { test, expect } from './support/phone';

const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

for (const size of sizes) {
  test(`screens at ${size.name} size`, async ({ alice, bob }) => {
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
  });
}
