/**
 * A network change during a call restarts ICE and media keeps flowing (issue 16.6).
 *
 * What changes here, honestly: only the signal is simulated. The test dispatches the `change` event
 * on the page's `navigator.connection`, which is what Chromium fires on a Wi-Fi → mobile switch. The
 * host's interfaces do not change: that needs a second interface on a machine shared with other test
 * runs, and DevTools offline emulation (tried first) also drops the SIP WebSocket, which turns the test
 * into a reconnect test. What the test proves is the engine's answer to the change: a re-INVITE with new
 * ICE credentials, answered with new ones, a new selected candidate pair (new ports: a new ICE 5-tuple),
 * and RTP rising on both sides afterwards per getStats().
 */
import type { Page } from '@playwright/test';
import { test, expect, expectInboundRtp, type Phone } from '../support/phone';

const UFRAG = /^a=ice-ufrag:(\S+)$/m;

/** ice-ufrag of every INVITE `phone` sent or received, in order (the first is the initial offer). */
function inviteUfrags(phone: Phone, direction: 'sent' | 'received'): string[] {
  return phone.sipFrames
    .filter((f) => f.direction === direction && f.text.startsWith('INVITE '))
    .map((f) => UFRAG.exec(f.text)?.[1] ?? '');
}

/** ice-ufrag of every 200 OK to an INVITE `phone` received (the answers to its offers). */
function answerUfrags(phone: Phone): string[] {
  return phone.sipFrames
    .filter(
      (f) =>
        f.direction === 'received' && /^SIP\/2\.0 200 /.test(f.text) && /^CSeq: \d+ INVITE$/im.test(f.text),
    )
    .map((f) => UFRAG.exec(f.text)?.[1] ?? '');
}

/** Local candidate (address:port) of each live peer connection's selected pair. */
function selectedLocalCandidates(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __rtcProbe: RTCPeerConnection[] }).__rtcProbe;
    const out: string[] = [];
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((s: Record<string, unknown>) => {
        if (s.type !== 'transport' || typeof s.selectedCandidatePairId !== 'string') return;
        const pair = stats.get(s.selectedCandidatePairId) as Record<string, unknown> | undefined;
        const local = pair && (stats.get(pair.localCandidateId as string) as Record<string, unknown>);
        if (local) out.push(`${String(local.address)}:${String(local.port)}`);
      });
    }
    return out;
  });
}

test('a network change mid-call restarts ICE with new credentials and media keeps flowing', async ({
  alice,
  bob,
}) => {
  await alice.signIn();
  await bob.signIn();
  await alice.dial('1002');
  await bob.answer();
  await expect(alice.callStatus).toHaveText('Connected');
  await Promise.all([expectInboundRtp(alice, 'audio'), expectInboundRtp(bob, 'audio')]);

  const [offerUfrag] = inviteUfrags(alice, 'sent');
  const [answerUfrag] = answerUfrags(alice);
  expect(offerUfrag).toBeTruthy();
  expect(answerUfrag).toBeTruthy();
  const pathBefore = await selectedLocalCandidates(alice.page);
  expect(pathBefore).toHaveLength(1);

  // The network change as the browser reports it: `navigator.connection` fires `change`.
  await alice.page.evaluate(() => {
    const connection = (navigator as Navigator & { connection?: EventTarget }).connection;
    if (!connection) throw new Error('navigator.connection is missing');
    connection.dispatchEvent(new Event('change'));
  });

  // A re-INVITE with new ICE credentials goes out and is answered with new ones.
  await expect.poll(() => inviteUfrags(alice, 'sent').length, { timeout: 20_000 }).toBe(2);
  const restartUfrag = inviteUfrags(alice, 'sent')[1];
  expect(restartUfrag).toBeTruthy();
  expect(restartUfrag).not.toBe(offerUfrag);
  await expect.poll(() => inviteUfrags(bob, 'received')[1]).toBe(restartUfrag);
  await expect.poll(() => answerUfrags(alice).length).toBe(2);
  const restartAnswerUfrag = answerUfrags(alice)[1];
  expect(restartAnswerUfrag).toBeTruthy();
  expect(restartAnswerUfrag).not.toBe(answerUfrag);

  // Media over the new candidate pair, on both sides, after the restart.
  await expect.poll(() => selectedLocalCandidates(alice.page), { timeout: 15_000 }).not.toEqual(pathBefore);
  await Promise.all([expectInboundRtp(alice, 'audio'), expectInboundRtp(bob, 'audio')]);
  await expect(alice.callStatus).toHaveText('Connected');
  await expect(bob.callStatus).toHaveText('Connected');
});
