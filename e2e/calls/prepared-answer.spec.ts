/**
 * Issue 10: the answer is prepared while the phone rings (docs/calls.md). One journey proves what the
 * user relies on: nothing is captured before Answer (getUserMedia is counted by an init script), a
 * prepared answer is released when the caller cancels or the callee declines (its peer connection is
 * closed), and answering a prepared call still carries audio and video both ways.
 */
import type { Page } from '@playwright/test';
import { expect, expectInboundRtp, test } from '../support/phone';

type Probed = { __rtcProbe: RTCPeerConnection[]; __gumCalls: number };

async function countGetUserMedia(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as Probed;
    w.__gumCalls = 0;
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) => {
      w.__gumCalls++;
      return original(constraints);
    };
  });
}

const gumCalls = (page: Page) => page.evaluate(() => (window as unknown as Probed).__gumCalls);

/** Peer connections holding an answer (local description) that are not closed. */
const preparedAnswers = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as Probed).__rtcProbe.filter(
        (pc) => pc.signalingState !== 'closed' && pc.localDescription?.type === 'answer',
      ).length,
  );

const openPeers = (page: Page) =>
  page.evaluate(
    () => (window as unknown as Probed).__rtcProbe.filter((pc) => pc.signalingState !== 'closed').length,
  );

/** The call view, which lingers a moment on the outcome after a call ends. */
const callView = (page: Page) => page.getByRole('region', { name: /Call with/ });

test('a ringing call is prepared without the microphone, released on cancel and decline, and carries media when answered', async ({
  alice,
  bob,
}) => {
  // Three calls in one journey (cheaper than three specs); room for a loaded machine.
  test.setTimeout(120_000);
  await countGetUserMedia(bob.page);
  await alice.signIn();
  await bob.signIn();

  // 1. The caller cancels: the prepared answer is dropped, nothing was captured.
  await alice.dial('1002');
  await expect(bob.incoming).toBeVisible();
  await expect.poll(() => preparedAnswers(bob.page)).toBe(1);
  expect(await gumCalls(bob.page)).toBe(0);
  await alice.button('Hang up').click();
  await expect(bob.incoming).toBeHidden();
  await expect.poll(() => openPeers(bob.page)).toBe(0);
  await expect(callView(alice.page)).toHaveCount(0);

  // 2. The callee declines: released the same way.
  await alice.dial('1002');
  await expect.poll(() => preparedAnswers(bob.page)).toBe(1);
  await bob.incoming.getByRole('button', { name: 'Decline' }).click();
  await expect(alice.callStatus).toHaveText('Declined');
  await expect.poll(() => openPeers(bob.page)).toBe(0);
  expect(await gumCalls(bob.page)).toBe(0);
  await alice
    .button('Close')
    .click()
    .catch(() => undefined);

  // 3. Answered with video: the prepared connection is the call's, and media flows both ways.
  await alice.dial('1002', true);
  await expect.poll(() => preparedAnswers(bob.page)).toBe(1);
  expect(await gumCalls(bob.page)).toBe(0);
  await bob.answer(true);
  await expect(alice.callStatus).toHaveText('Connected');
  expect(await gumCalls(bob.page)).toBe(1);
  expect(await openPeers(bob.page)).toBe(1);
  for (const phone of [alice, bob]) {
    await expectInboundRtp(phone, 'audio');
    await expectInboundRtp(phone, 'video');
  }
  await expect(bob.page.getByLabel('Your camera')).toBeVisible();
  await alice.button('Hang up').click();
  await expect(bob.callStatus).toHaveCount(0);
  await expect.poll(() => openPeers(bob.page)).toBe(0);
});
