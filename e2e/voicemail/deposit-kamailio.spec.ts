/**
 * Voicemail deposit in Kamailio mode: Chromium calls a user who is not signed in through Kamailio, whose
 * failure path (no registration → route[VOICEMAIL]) relays the INVITE over SIP/TCP to the reference
 * server's voicemail listener; werift answers (the caller hears the greeting: inbound RTP), records about
 * 3 s of the fake microphone, and the callee finds the message in the Voicemail tab (loaded from the API:
 * in Kamailio mode there is no MWI, see docs/voicemail.md) with audio that decodes to about 3 s of sound.
 *
 * Runs its own Kamailio (VOICEMAIL_SIP defined) and its own external-mode server, because the project's
 * shared Kamailio keeps voicemail off so that the call-outcome specs still see busy and offline calls.
 */
import { startKamailio, type KamailioHandle } from '../support/kamailio';
import { E2E_EPHEMERAL_SECRET } from '../support/kamailio-ports';
import { OwnServer } from '../support/own-server';
import { expect, Phone, test } from '../support/phone';
import { E2E_PORT } from '../support/ports';

/** Packets of the default greeting (1.56 s of 20 ms frames). */
const GREETING_PACKETS = 78;
const SERVER_PORT = E2E_PORT + 20;
const KAMAILIO_WS_PORT = E2E_PORT + 21;
const KAMAILIO_SIP_PORT = E2E_PORT + 22;
const VOICEMAIL_SIP = `127.0.0.1:${E2E_PORT + 23}`;

test('Kamailio: 1002 is offline, 1001 leaves a 3 s voicemail through the failure path, 1002 plays it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const server = new OwnServer(SERVER_PORT, {
    SIP_SERVER: 'external',
    SIP_WS_URL: `ws://127.0.0.1:${KAMAILIO_WS_PORT}/sip`,
    EPHEMERAL_SECRET: E2E_EPHEMERAL_SECRET,
    VOICEMAIL_DEPOSIT: 'on',
    VOICEMAIL_SIP_LISTEN: VOICEMAIL_SIP,
  });
  let kamailio: KamailioHandle | undefined;
  const alice = await Phone.open(browser, '1001', server.url);
  const bob = await Phone.open(browser, '1002', server.url);
  try {
    // Both start at once (each takes seconds on a loaded machine); the page connects only at sign-in.
    [kamailio] = await Promise.all([
      startKamailio({
        secret: E2E_EPHEMERAL_SECRET,
        wsPort: KAMAILIO_WS_PORT,
        sipPort: KAMAILIO_SIP_PORT,
        wsOrigin: server.url,
        workers: 2,
        defines: [`VOICEMAIL_SIP="${VOICEMAIL_SIP}"`, 'VOICEMAIL_NO_ANSWER_MS=5000'],
      }),
      server.start(),
    ]);
    await alice.signIn();
    await alice.dial('1002');
    await expect(alice.callStatus).toHaveText('Connected', { timeout: 20_000 });
    await expect
      .poll(async () => (await alice.media()).audio.packetsReceived, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(GREETING_PACKETS - 5);
    await alice.page.waitForTimeout(3_000); // the message: 3 s of the fake microphone after the beep
    await alice.button('Hang up').click();
    await expect(alice.callStatus).toBeHidden();

    await bob.signIn();
    await bob.page
      .getByRole('navigation')
      .getByRole('link', { name: /^Voicemail/ })
      .click();
    const item = bob.page.getByRole('listitem').filter({ hasText: 'Ada Agent' });
    await expect(item).toContainText('New');
    // The tab's badge follows the mailbox once it is loaded (the API's unheard count).
    await expect(
      bob.page.getByRole('navigation').getByRole('link', { name: /^Voicemail/ }),
    ).toHaveAccessibleName(/^Voicemail\s*\(1 new voicemail\)$/);
    const decoded = await bob.page.evaluate(async () => {
      const el = document.querySelector('audio')!;
      const bytes = await (await fetch(el.src)).arrayBuffer();
      const buffer = await new AudioContext().decodeAudioData(bytes);
      const data = buffer.getChannelData(0);
      let sum = 0;
      for (const x of data) sum += x * x;
      return { duration: buffer.duration, rms: Math.sqrt(sum / data.length) };
    });
    expect(decoded.duration).toBeGreaterThan(2.5);
    expect(decoded.duration).toBeLessThan(5);
    expect(decoded.rms).toBeGreaterThan(0.005); // Chromium's fake microphone beeps; silence is 0
  } finally {
    await alice.close();
    await bob.close();
    await server.stop();
    await kamailio?.stop();
  }
});
