import { test, expect, expectInboundRtp } from '../support/phone';

test('video call: frames decoded both ways, camera off stops outgoing video', async ({ alice, bob }) => {
  await alice.signIn();
  await bob.signIn();
  await alice.dial('1002', true);
  await expect(bob.incoming.getByRole('button', { name: 'Answer with video' })).toBeVisible();
  await bob.answer(true);

  for (const phone of [alice, bob]) {
    await expectInboundRtp(phone, 'video');
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
});
