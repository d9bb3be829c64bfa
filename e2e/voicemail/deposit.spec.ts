/**
 * Voicemail deposit end to end: Chromium calls a user who is not signed in, the server's werift
 * endpoint answers (the caller hears the greeting: inbound RTP), records about 3 s of the fake
 * microphone after the beep, and the callee finds the message on sign-in: MWI badge 1, audio that
 * decodes in the page to about 3 s of sound. Runs on its own server, because the shared e2e servers
 * keep voicemail off so that the call-outcome specs still see busy, missed and offline calls.
 */
import { OwnServer } from '../support/own-server';
import { expect, Phone, test } from '../support/phone';
import { E2E_PORT } from '../support/ports';
import { decodePlayerAudio } from '../support/voicemail';

/** Packets of the default greeting (1.56 s of 20 ms frames). */
const GREETING_PACKETS = 78;

test('1002 is offline: 1001 leaves a 3 s voicemail, 1002 signs in to a badge and a playable message', async ({
  browser,
}) => {
  // Generous for a loaded machine (werift answered in 5 s at load 30 on 2 cores; well under 1 s idle).
  test.setTimeout(120_000);
  const server = new OwnServer(E2E_PORT + 12, { VOICEMAIL_DEPOSIT: 'on' });
  const alice = await Phone.open(browser, '1001', server.url);
  const bob = await Phone.open(browser, '1002', server.url);
  try {
    await server.start();
    await alice.signIn();
    await alice.dial('1002');
    await expect(alice.callStatus).toHaveText('Connected', { timeout: 20_000 });
    // The greeting arrives as RTP: the caller hears it.
    await expect
      .poll(async () => (await alice.media()).audio.packetsReceived, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(GREETING_PACKETS - 5);
    // The message: 4 s of the fake microphone after the beep. Voicemail only listens now; the caller is
    // not told "no audio" (that alarm fires after 3 s of silence from a person).
    await alice.page.waitForTimeout(4_000);
    await expect(alice.page.getByTestId('no-audio-banner')).toBeHidden();
    await alice.button('Hang up').click();
    await expect(alice.callStatus).toBeHidden();

    // The caller's History: an answered outgoing call (voicemail answered it).
    await alice.page
      .getByRole('navigation')
      .getByRole('link', { name: /^History/ })
      .click();
    const entry = alice.page.getByRole('list', { name: 'Calls' }).locator('.history-entry').first();
    await expect(entry).toContainText(/Outgoing audio call · \d/);

    await bob.signIn();
    const tab = bob.page.getByRole('navigation').getByRole('link', { name: /^Voicemail/ });
    await expect(tab).toHaveAccessibleName(/^Voicemail\s*\(1 new voicemail\)$/);
    await tab.click();
    await expect(bob.page.getByRole('listitem').filter({ hasText: 'Ada Agent' })).toContainText('New');
    const decoded = await decodePlayerAudio(bob.page);
    expect(decoded.duration).toBeGreaterThan(3.5);
    // 4 s plus the time the hang-up click takes to reach the server (over 1 s on a loaded machine).
    expect(decoded.duration).toBeLessThan(6);
    expect(decoded.rms).toBeGreaterThan(0.005); // Chromium's fake microphone beeps; silence is 0
  } finally {
    await alice.close();
    await bob.close();
    await server.stop();
  }
});
