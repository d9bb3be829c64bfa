/**
 * Voicemail deposit in Kamailio mode: Chromium calls a user who is not signed in through Kamailio, whose
 * failure path (no registration → route[VOICEMAIL]) relays the INVITE over SIP/TCP to the reference
 * server's voicemail listener; werift answers (the caller hears the greeting: inbound RTP), records about
 * 3 s of the fake microphone. The callee signs in and the Voicemail badge lights by MWI alone: its
 * message-summary SUBSCRIBE goes through Kamailio (route[MWI]) to the server's notifier, and the mailbox
 * API is blocked until the badge shows. The message decodes to about 3 s of sound, and Delete clears the
 * badge with a NOTIFY through Kamailio.
 *
 * A call to one's own number (route[TO_SELF]) reaches one's own voicemail, or rings one's other phone,
 * and never comes back to the phone it was made from.
 *
 * Runs its own Kamailio (VOICEMAIL_SIP defined) and its own external-mode server, because the project's
 * shared Kamailio keeps voicemail off so that the call-outcome specs still see busy and offline calls.
 */
import { startKamailio, type KamailioHandle } from '../support/kamailio';
import { E2E_EPHEMERAL_SECRET } from '../support/kamailio-ports';
import { OwnServer } from '../support/own-server';
import type { Browser } from '@playwright/test';
import { expect, expectInboundRtp, Phone, test } from '../support/phone';
import { E2E_PORT } from '../support/ports';
import { decodePlayerAudio } from '../support/voicemail';

/** Packets of the default greeting (1.56 s of 20 ms frames). */
const GREETING_PACKETS = 78;
const SERVER_PORT = E2E_PORT + 20;
const KAMAILIO_WS_PORT = E2E_PORT + 21;
const KAMAILIO_SIP_PORT = E2E_PORT + 22;
const VOICEMAIL_SIP = `127.0.0.1:${E2E_PORT + 23}`;

/** Its own Kamailio (VOICEMAIL_SIP defined) and external-mode server, and phones for `users` (not signed in). */
async function withKamailioVoicemail<const U extends readonly string[]>(
  browser: Browser,
  users: U,
  run: (phones: { [K in keyof U]: Phone }) => Promise<void>,
): Promise<void> {
  const server = new OwnServer(SERVER_PORT, {
    SIP_SERVER: 'external',
    SIP_WS_URL: `ws://127.0.0.1:${KAMAILIO_WS_PORT}/sip`,
    EPHEMERAL_SECRET: E2E_EPHEMERAL_SECRET,
    VOICEMAIL_DEPOSIT: 'on',
    VOICEMAIL_SIP_LISTEN: VOICEMAIL_SIP,
  });
  let kamailio: KamailioHandle | undefined;
  const phones = (await Promise.all(users.map((user) => Phone.open(browser, user, server.url)))) as {
    [K in keyof U]: Phone;
  };
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
    await run(phones);
  } finally {
    for (const phone of phones) await phone.close();
    await server.stop();
    await kamailio?.stop();
  }
}

/** The caller hears the voicemail greeting: the call is up and its packets came. */
async function expectGreeting(caller: Phone): Promise<void> {
  await expect(caller.callStatus).toHaveText('Connected', { timeout: 20_000 });
  await expect
    .poll(async () => (await caller.media()).audio.packetsReceived, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(GREETING_PACKETS - 5);
}

test('Kamailio: 1002 is offline, 1001 leaves a 3 s voicemail through the failure path, 1002 plays it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await withKamailioVoicemail(browser, ['1001', '1002'], async ([alice, bob]) => {
    await alice.signIn();
    await alice.dial('1002');
    await expectGreeting(alice);
    await alice.page.waitForTimeout(3_000); // the message: 3 s of the fake microphone after the beep
    await alice.button('Hang up').click();
    await expect(alice.callStatus).toBeHidden();

    // Only MWI may light the badge: the mailbox list (and its unheard count) is unreachable until it does.
    const mailboxList = (url: URL) => url.pathname === '/api/voicemail';
    await bob.page.route(mailboxList, (route) => route.abort());
    await bob.signIn();
    const tab = bob.page.getByRole('navigation').getByRole('link', { name: /^Voicemail/ });
    await expect(tab).toHaveAccessibleName(/^Voicemail\s*\(1 new voicemail\)$/, { timeout: 15_000 });
    expect(bob.receivedRequests('NOTIFY').some((n) => n.includes('Voice-Message: 1/0'))).toBe(true);
    await bob.page.unroute(mailboxList);
    await tab.click();
    const item = bob.page.getByRole('listitem').filter({ hasText: 'Ada Agent' });
    await expect(item).toContainText('New');
    const decoded = await decodePlayerAudio(bob.page);
    expect(decoded.duration).toBeGreaterThan(2.5);
    expect(decoded.duration).toBeLessThan(5);
    expect(decoded.rms).toBeGreaterThan(0.005); // Chromium's fake microphone beeps; silence is 0

    // Delete: the notifier's NOTIFY (through Kamailio) says 0/0 and the badge clears.
    await item.getByRole('button', { name: 'Delete' }).click();
    await item.getByRole('button', { name: 'Confirm delete' }).click();
    await expect
      .poll(() => bob.receivedRequests('NOTIFY').some((n) => n.includes('Voice-Message: 0/0')))
      .toBe(true);
    await expect(tab).toHaveAccessibleName('Voicemail');
  });
});

test('Kamailio: a call to your own number reaches your own voicemail, and the phone it comes from does not ring', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await withKamailioVoicemail(browser, ['1001'], async ([alice]) => {
    await alice.signIn();
    await alice.dial('1001');
    // Before, Kamailio forked the INVITE back to the calling phone's own WebSocket, which answered 482
    // (RFC 3261 section 8.2.2.2, a merged request): "Call failed".
    await expectGreeting(alice);
    expect(alice.receivedRequests('INVITE')).toEqual([]);
    await alice.button('Hang up').click();
    await expect(alice.callStatus).toBeHidden();
  });
});

test('Kamailio: a call to your own number rings your other phone, which answers it; the calling phone gets no INVITE', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await withKamailioVoicemail(browser, ['1001', '1001'], async ([laptop, mobile]) => {
    await laptop.signIn();
    await mobile.signIn();
    await laptop.dial('1001');
    await mobile.answer();
    await expect(laptop.callStatus).toHaveText('Connected');
    await expectInboundRtp(laptop, 'audio');
    await expectInboundRtp(mobile, 'audio');
    expect(laptop.receivedRequests('INVITE')).toEqual([]);
    await laptop.button('Hang up').click();
    await expect(mobile.callStatus).toBeHidden();
  });
});
