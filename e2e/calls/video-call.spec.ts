import { test, expect, expectInboundRtp } from '../support/phone';
import {
  countGetUserMedia,
  getUserMediaCalls,
  openPeerConnections,
  preparedAnswers,
} from '../support/prepared-answer-probe';

test('video call: frames decoded both ways, camera off stops outgoing video', async ({ alice, bob }) => {
  await countGetUserMedia(bob.page);
  await alice.signIn();
  await bob.signIn();
  await alice.dial('1002', true);
  await expect(bob.incoming.getByRole('button', { name: 'Answer with video' })).toBeVisible();
  // Issue 10: the answer is ready while it rings, and nothing is captured before Answer.
  await expect.poll(() => preparedAnswers(bob.page)).toBe(1);
  expect(await getUserMediaCalls(bob.page)).toBe(0);
  await bob.answer(true);
  await expect(bob.page.getByLabel('Your camera')).toBeVisible();
  // The prepared connection is the call's: one getUserMedia on Answer, no second peer connection.
  expect(await getUserMediaCalls(bob.page)).toBe(1);
  expect(await openPeerConnections(bob.page)).toBe(1);

  for (const phone of [alice, bob]) {
    await Promise.all([expectInboundRtp(phone, 'audio'), expectInboundRtp(phone, 'video')]);
    await expect
      .poll(async () => {
        const { before, after } = await phone.mediaDelta(1000);
        return after.video.framesDecoded - before.video.framesDecoded;
      })
      .toBeGreaterThan(5);
    // The remote video element is actually playing frames.
    await expect
      .poll(() => phone.page.getByTestId('remote-video').evaluate((v: HTMLVideoElement) => v.videoWidth))
      .toBeGreaterThan(0);
  }

  await alice.button('Camera off').click();
  await expect(alice.button('Camera off')).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(async () => {
      const { before, after } = await bob.mediaDelta(1000);
      return after.video.framesDecoded - before.video.framesDecoded;
    })
    .toBe(0);
  await alice.button('Camera off').click();
  await expect
    .poll(async () => {
      const { before, after } = await bob.mediaDelta(1000);
      return after.video.framesDecoded - before.video.framesDecoded;
    })
    .toBeGreaterThan(5);
  await bob.button('Hang up').click();
  await expect(alice.callStatus).toHaveText('Call ended');
  await expect.poll(() => openPeerConnections(bob.page)).toBe(0);
});
