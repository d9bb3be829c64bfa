import { test, expect, expectInboundRtp } from '../support/phone';
import { insertedDtmf } from '../support/rtc-probe';

test.beforeEach(async ({ alice, bob }) => {
  await alice.signIn();
  await bob.signIn();
});

test('audio call: media flows both ways, mute silences, hold stops and resume restores, hang up', async ({
  alice,
  bob,
}) => {
  await alice.dial('1002');
  await expect(alice.callStatus).toHaveText(/Calling…|Ringing…/);
  await expect(bob.incoming).toContainText('1001');
  await bob.answer();
  await expect(alice.callStatus).toHaveText('Connected');
  await expect(alice.page.getByTestId('call-timer')).toHaveText(/0:0[0-9]/);

  await expectInboundRtp(alice, 'audio');
  await expectInboundRtp(bob, 'audio');

  // Mute: bob's received audio energy drops to silence (the fake microphone plays a steady tone).
  const loud = await bob.mediaDelta(1000);
  const loudEnergy = loud.after.audio.totalAudioEnergy - loud.before.audio.totalAudioEnergy;
  // Chromium's audio processing tames a steady tone, so compare against what arrived unmuted.
  expect(loudEnergy).toBeGreaterThan(1e-4);
  await alice.button('Mute').click();
  await expect(alice.button('Mute')).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(async () => {
      const d = await bob.mediaDelta(1000);
      return d.after.audio.totalAudioEnergy - d.before.audio.totalAudioEnergy;
    })
    .toBeLessThan(loudEnergy / 100);
  await alice.button('Mute').click();
  await expect
    .poll(async () => {
      const d = await bob.mediaDelta(1000);
      return d.after.audio.totalAudioEnergy - d.before.audio.totalAudioEnergy;
    })
    .toBeGreaterThan(loudEnergy / 4);

  // Hold: a re-INVITE stops media in both directions; resume restores it.
  await alice.button('Hold').click();
  await expect(alice.callStatus).toHaveText('On hold');
  await expect
    .poll(async () => {
      const d = await bob.mediaDelta(1000);
      return d.after.audio.packetsReceived - d.before.audio.packetsReceived;
    })
    .toBe(0);
  await alice.button('Hold').click();
  await expect(alice.callStatus).toHaveText('Connected');
  await expectInboundRtp(bob, 'audio');
  await expectInboundRtp(alice, 'audio');

  await alice.button('Hang up').click();
  await expect(bob.callStatus).toHaveText('Call ended');
  await expect(bob.page.getByRole('region', { name: /Call with/ })).toBeHidden({ timeout: 10_000 });
});

test('DTMF sent by SIP INFO arrives at the other side', async ({ alice, bob }) => {
  await alice.setDtmfMethod('SIP INFO');
  await alice.dial('1002');
  await bob.answer();
  await alice.button('Keypad').click();
  for (const d of ['1', '5', '#']) await alice.button(`Send ${d}`).click();
  await expect(bob.page.getByTestId('dtmf-received')).toHaveText('15#');
  const infos = bob.receivedRequests('INFO');
  expect(infos).toHaveLength(3);
  expect(infos[0]).toContain('application/dtmf-relay');
  expect(infos[0]).toContain('Signal=1');
});

test('DTMF in auto mode uses RFC 4733 telephone-events, not INFO', async ({ alice, bob }) => {
  await alice.dial('1002');
  await bob.answer();
  await alice.button('Keypad').click();
  await alice.button('Send 9').click();
  await expect.poll(() => insertedDtmf(alice.page)).toBe('9');
  await alice.page.waitForTimeout(500);
  expect(bob.receivedRequests('INFO')).toHaveLength(0);
});
