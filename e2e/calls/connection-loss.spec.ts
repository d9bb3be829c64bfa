/**
 * Calls end when the other side goes away (issue 16.1): the page that leaves sends BYE on `pagehide`;
 * a page that crashes sends nothing, and the caller's media watchdog ends the call (no RTP for 15 s).
 */
import { test, expect, expectInboundRtp } from '../support/phone';

/** Default `mediaTimeoutMs` (15 s) plus a few watchdog polls and the UI update. */
const WATCHDOG_LIMIT_MS = 25_000;

test.beforeEach(async ({ alice, bob }) => {
  await alice.signIn();
  await bob.signIn();
  await alice.dial('1002');
  await bob.answer();
  await expect(alice.callStatus).toHaveText('Connected');
  await expectInboundRtp(alice, 'audio');
});

test('the callee closes its tab: its pagehide BYE ends the call for the caller', async ({ alice, bob }) => {
  await bob.page.close();
  await expect(alice.callStatus).toHaveText('Call ended');
  expect(alice.receivedRequests('BYE')).toHaveLength(1);
});

test('the callee stops sending media but stays connected: the watchdog ends the call as "Connection lost"', async ({
  alice,
  bob,
}) => {
  // Every sender of bob's peer connections goes silent (no RTP at all), the SIP WebSocket stays up.
  await bob.page.evaluate(async () => {
    const pcs = (window as unknown as { __rtcProbe: RTCPeerConnection[] }).__rtcProbe;
    // Closed ones (the ICE warm-up's, a released prepared answer) reject replaceTrack.
    const live = pcs.filter((pc) => pc.signalingState !== 'closed');
    await Promise.all(live.flatMap((pc) => pc.getSenders().map((sender) => sender.replaceTrack(null))));
  });
  // Both watchdogs run; whichever side notices first ends the call with the reason and sends BYE,
  // the other side then shows "Call ended". (Seen here: it can be either side.)
  const reason = 'Connection lost: no audio from the other side for 15 s';
  await expect
    .poll(
      async () => [
        ...(await alice.callStatus.allTextContents()),
        ...(await bob.callStatus.allTextContents()),
      ],
      { timeout: WATCHDOG_LIMIT_MS, intervals: [250] },
    )
    .toContain(reason);
  await expect(alice.callStatus).toHaveText(/Connection lost|Call ended/);
  await expect(bob.callStatus).toHaveText(/Connection lost|Call ended/);
});

test('the callee page crashes (no unload, no BYE): the caller does not stay "Connected"', async ({
  alice,
  bob,
}) => {
  const cdp = await bob.page.context().newCDPSession(bob.page);
  const crashed = bob.page.waitForEvent('crash');
  // Page.crash never answers: the session dies with the page.
  cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  // Without the watchdog (and before the proxy learned to end such dialogs) this stayed "Connected".
  // The ended call's screen goes away after a moment, so assert what must not stay: "Connected".
  await expect(alice.callStatus).not.toHaveText('Connected', { timeout: WATCHDOG_LIMIT_MS });
  await expect(alice.page.getByRole('region', { name: /Call with/ })).toBeHidden({ timeout: 10_000 });
});
