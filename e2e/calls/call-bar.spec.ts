/**
 * Issue 11, "a call that does not hide the app": 1002 answers with the keyboard, 1001 minimises the call
 * to the bar and works in History, Contacts and the Dialpad while still hearing 1002, mutes with the
 * keyboard (1002 stops hearing the tone), expands the call beside the Agent workspace, reads the
 * shortcut help and hangs up with the keyboard. Screenshots into /tmp/shots-call-bar/.
 */
import { axeOn } from '../support/axe';
import type { Page } from '@playwright/test';
import { test, expect, expectInboundRtp, heardEnergy } from '../support/phone';

const SHOTS = '/tmp/shots-call-bar';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function expectNoAxeViolations(page: Page, selector: string): Promise<void> {
  const { violations } = await axeOn(page).include(selector).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The call's <audio> element plays 1002's live audio track (what 1001 hears), time advancing. */
async function remoteAudioTime(page: Page): Promise<number> {
  return page.getByTestId('remote-audio').evaluate((el: HTMLAudioElement) => {
    const stream = el.srcObject instanceof MediaStream ? el.srcObject : null;
    const live = stream?.getAudioTracks().some((t) => t.readyState === 'live') ?? false;
    return !el.paused && live ? el.currentTime : -1;
  });
}

test('call bar: answer by key, minimise, browse tabs, mute by key, expand beside the agent, help, hang up by key', async ({
  alice,
  bob,
}) => {
  test.slow(); // two phones, a call, two axe runs and screenshots at three sizes in one journey
  const page = alice.page;
  await alice.signIn();
  await bob.signIn();

  // An outgoing call starts in the full view; 1002 answers with A (the sheet's Answer names the key).
  await alice.dial('1002');
  await expect(page.getByRole('button', { name: 'Minimise' })).toBeVisible();
  await expect(bob.incoming).toBeVisible();
  await expect(bob.incoming.getByRole('button', { name: 'Answer', exact: true })).toHaveAttribute(
    'aria-keyshortcuts',
    'A',
  );
  await bob.page.keyboard.press('a');
  await expect(bob.callStatus).toHaveText('Connected');
  await expect(alice.callStatus).toHaveText('Connected');
  await Promise.all([expectInboundRtp(alice, 'audio'), expectInboundRtp(bob, 'audio')]);
  const name =
    (await page
      .getByRole('region', { name: /^Call with / })
      .getByRole('heading')
      .textContent()) ?? '';
  expect(name).toBe('Ben Baker');

  // Minimise: the bar replaces the view; the tabs are reachable. On a phone it sits above the tab bar.
  await page.setViewportSize(PHONE);
  await alice.button('Minimise').click();
  const bar = page.getByRole('region', { name: `Call with ${name}, minimised` });
  await expect(bar).toBeVisible();
  await expect(page.getByRole('region', { name: `Call with ${name}`, exact: true })).toBeHidden();
  await alice.openTab('History');
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  await expect(bar.getByTestId('call-bar-name')).toHaveText(name);
  const timer = bar.getByTestId('call-timer');
  const before = await timer.textContent();
  await expect(timer).not.toHaveText(before ?? '');
  // The page reserves the bar's height: the screen ends where the bar begins, the bar where the tabs do.
  const [main, barBox, nav] = await Promise.all([
    page.locator('main').boundingBox(),
    bar.boundingBox(),
    page.getByRole('navigation', { name: 'Main' }).boundingBox(),
  ]);
  expect(main!.y + main!.height).toBeLessThanOrEqual(barBox!.y + 0.5);
  expect(barBox!.y + barBox!.height).toBeLessThanOrEqual(nav!.y + 0.5);
  await expectNoAxeViolations(page, '[data-slot="bar"]');
  await page.screenshot({ path: `${SHOTS}/phone-bar-over-history.png`, animations: 'disabled' });
  // 200 % zoom on a 1280×800 desktop lays out like 640×400: the bar still fits, wrapping if it must.
  await page.setViewportSize({ width: 640, height: 400 });
  const zoomed = await bar.boundingBox();
  expect(zoomed!.x).toBeGreaterThanOrEqual(0);
  expect(zoomed!.x + zoomed!.width).toBeLessThanOrEqual(640);
  await page.screenshot({ path: `${SHOTS}/zoom200-bar-over-history.png`, animations: 'disabled' });
  await page.setViewportSize(PHONE);

  // Still hearing 1002 while minimised: the call's audio element plays on and RTP keeps arriving.
  const t0 = await remoteAudioTime(page);
  expect(t0).toBeGreaterThanOrEqual(0);
  await expect.poll(() => remoteAudioTime(page)).toBeGreaterThan(t0);
  await expectInboundRtp(alice, 'audio');

  // Contacts and the Dialpad work during the call; typing "m" in a field is text, not Mute.
  await alice.openTab('Contacts');
  await page.getByLabel('Search contacts').fill('cleo');
  await expect(page.getByTestId('contacts-list').getByRole('link', { name: /Cleo Cole/ })).toBeVisible();
  await expect(bar.getByTestId('call-bar-name')).toHaveText(name);
  await alice.openTab('Dialpad');
  const number = page.getByLabel('Number or SIP address');
  await number.fill('');
  await number.pressSequentially('m');
  await expect(number).toHaveValue('m');
  await expect(bar.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'false');

  // M (focus out of the field) mutes: the bar shows it and 1002 stops hearing the tone.
  const loud = await heardEnergy(bob);
  expect(loud).toBeGreaterThan(1e-4);
  await number.blur();
  await page.keyboard.press('m');
  await expect(bar.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => heardEnergy(bob)).toBeLessThan(loud / 100);

  // Settings opens the shortcut help too; Escape closes it and focus returns to the button.
  await alice.openTab('Settings');
  const showHelp = page.getByRole('button', { name: 'Show keyboard shortcuts' });
  await showHelp.click();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(showHelp).toBeFocused();

  // Desktop: from the Agent tab, a click on the bar opens the full view beside the docked workspace.
  await page.setViewportSize(DESKTOP);
  await alice.openTab('Agent');
  await expect(page.getByRole('article').getByRole('heading')).not.toBeEmpty();
  await bar.getByTestId('call-bar-name').click();
  const view = page.getByRole('region', { name: `Call with ${name}`, exact: true });
  await expect(view).toBeVisible();
  const dock = page.getByRole('complementary', { name: 'Agent workspace' });
  await expect(dock).toBeVisible();
  const [viewBox, dockBox] = await Promise.all([view.boundingBox(), dock.boundingBox()]);
  expect(viewBox!.x + viewBox!.width).toBeLessThanOrEqual(dockBox!.x + 0.5);
  await page.screenshot({ path: `${SHOTS}/desktop-full-view-beside-agent.png`, animations: 'disabled' });

  // ? opens the help; it is clean for axe at both sizes; Escape closes it.
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await expect(help.getByRole('row')).toHaveCount(10); // header + 9 shortcuts (S swaps lines)
  await expectNoAxeViolations(page, 'dialog');
  await page.screenshot({ path: `${SHOTS}/desktop-help.png`, animations: 'disabled' });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: `${SHOTS}/phone-help.png`, animations: 'disabled' });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/phone-full-view.png`, animations: 'disabled' });
  await page.setViewportSize(DESKTOP);

  // E hangs up.
  await expect(view.getByRole('button', { name: 'Hang up' })).toHaveAttribute('aria-keyshortcuts', 'E');
  await page.keyboard.press('e');
  await expect(bob.callStatus).toHaveText('Call ended');
  await expect(view).toBeHidden({ timeout: 10_000 });
});
