/**
 * A page that cannot alert its user never answers 180 Ringing (issue 16.4): it answers 480, so the
 * caller sees "Unavailable" at once instead of hearing ringing nobody hears for 30 s, and another
 * device of the same user that can alert takes the call (the proxy forks to every registration).
 *
 * What is simulated, honestly: headless Chromium keeps every page visible (minimizing its window via
 * CDP changes nothing) and CDP `Page.setWebLifecycleState {state: 'frozen'}` is a no-op on a visible
 * page (tried: no `freeze` event, the page went on answering 180). So the tests give the page the
 * signals a real background tab gets: the Page Lifecycle `freeze` event, or `document.visibilityState`
 * reading "hidden" in a context without notification permission. Everything after that is real: the
 * engine's answer on the wire, the proxy, and the caller's screen.
 */
import { test, expect, Phone } from '../support/phone';

// The config blocks service workers; a hidden tab alerts through the service worker's notifications.
test.use({ serviceWorkers: 'allow' });

/** Status lines of the responses `phone` sent to INVITEs, e.g. "SIP/2.0 180 Ringing". */
function inviteResponsesSent(phone: Phone): string[] {
  return phone.sipFrames
    .filter(
      (f) =>
        f.direction === 'sent' && f.text.startsWith('SIP/2.0 ') && /^CSeq:\s*\d+\s+INVITE\s*$/im.test(f.text),
    )
    .map((f) => f.text.slice(0, f.text.indexOf('\r\n')));
}

function ringingReceived(phone: Phone): number {
  return phone.sipFrames.filter((f) => f.direction === 'received' && f.text.startsWith('SIP/2.0 180')).length;
}

test('a frozen callee tab answers 480, not 180; after `resume` it rings again', async ({ alice, bob }) => {
  await alice.signIn();
  await bob.signIn();
  // What Chromium fires on a background tab it is about to freeze.
  await bob.page.evaluate(() => document.dispatchEvent(new Event('freeze')));

  await alice.dial('1002');
  await expect(alice.callStatus).toHaveText('Unavailable');
  expect(inviteResponsesSent(bob)).toContain('SIP/2.0 480 Temporarily Unavailable');
  expect(inviteResponsesSent(bob).filter((line) => line.startsWith('SIP/2.0 180'))).toEqual([]);
  expect(ringingReceived(alice)).toBe(0);
  await expect(bob.incoming).toBeHidden();

  // Thawed, the same page alerts and rings: the 480 came from the freeze, not from something else.
  await bob.page.evaluate(() => document.dispatchEvent(new Event('resume')));
  await alice.dial('1002');
  await expect(alice.callStatus).toHaveText('Ringing…');
  await expect(bob.incoming).toBeVisible();
  expect(ringingReceived(alice)).toBe(1);
});

test('a hidden callee tab without notification permission answers 480; the caller does not hear ringing', async ({
  browser,
  baseURL,
  alice,
}) => {
  const context = await browser.newContext({ baseURL, permissions: ['camera', 'microphone'] });
  try {
    const page = await context.newPage();
    const bob = new Phone(page, '1002');
    await alice.signIn();
    await bob.signIn();
    expect(await page.evaluate(() => Notification.permission)).not.toBe('granted');
    // The tab goes to the background.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });

    await alice.dial('1002');
    await expect(alice.callStatus).toHaveText('Unavailable');
    expect(inviteResponsesSent(bob)).toContain('SIP/2.0 480 Temporarily Unavailable');
    expect(inviteResponsesSent(bob).filter((line) => line.startsWith('SIP/2.0 180'))).toEqual([]);
    expect(ringingReceived(alice)).toBe(0);
  } finally {
    await context.close();
  }
});

test("the user's other device takes the call when one tab is frozen", async ({
  browser,
  baseURL,
  alice,
  bob,
}) => {
  const other = await Phone.open(browser, '1002', baseURL);
  try {
    await alice.signIn();
    await bob.signIn();
    await other.signIn();
    await bob.page.evaluate(() => document.dispatchEvent(new Event('freeze')));

    await alice.dial('1002');
    await expect(other.incoming).toBeVisible();
    await expect(alice.callStatus).toHaveText('Ringing…');
    await expect.poll(() => inviteResponsesSent(bob)).toContain('SIP/2.0 480 Temporarily Unavailable');
    expect(inviteResponsesSent(bob).filter((line) => line.startsWith('SIP/2.0 180'))).toEqual([]);
    await expect(bob.incoming).toBeHidden();

    await other.answer();
    await expect(alice.callStatus).toHaveText('Connected');
  } finally {
    await other.close();
  }
});
