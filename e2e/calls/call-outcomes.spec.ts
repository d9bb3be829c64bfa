import { test, expect } from '../support/phone';
import {
  countGetUserMedia,
  getUserMediaCalls,
  openPeerConnections,
  preparedAnswers,
} from '../support/prepared-answer-probe';

// Issue 10: the ringing call's answer is prepared with no device opened, and released on decline.
test('decline shows "Declined" to the caller; the prepared answer is released', async ({ alice, bob }) => {
  await countGetUserMedia(bob.page);
  await alice.signIn();
  await bob.signIn();
  await alice.dial('1002');
  await expect(bob.incoming).toBeVisible();
  await expect.poll(() => preparedAnswers(bob.page)).toBe(1);
  await bob.incoming.getByRole('button', { name: 'Decline' }).click();
  await expect(bob.incoming).toBeHidden();
  await expect(alice.callStatus).toHaveText('Declined');
  await expect.poll(() => openPeerConnections(bob.page)).toBe(0);
  expect(await getUserMediaCalls(bob.page)).toBe(0);
});

test('calling a user who is not signed in shows "Unavailable"', async ({ alice }) => {
  await alice.signIn();
  await alice.dial('1003');
  await expect(alice.callStatus).toHaveText('Unavailable');
});

test('calling a number nobody has shows "Not found"', async ({ alice }) => {
  await alice.signIn();
  await alice.dial('4999');
  await expect(alice.callStatus).toHaveText('Not found');
});

test('the caller cancels while ringing: the callee stops ringing and drops the prepared answer', async ({
  alice,
  bob,
}) => {
  await countGetUserMedia(bob.page);
  await alice.signIn();
  await bob.signIn();
  await alice.dial('1002');
  await expect(bob.incoming).toBeVisible();
  await expect(alice.callStatus).toHaveText('Ringing…');
  await expect.poll(() => preparedAnswers(bob.page)).toBe(1);
  await alice.button('Hang up').click();
  await expect(bob.incoming).toBeHidden();
  expect(bob.receivedRequests('CANCEL')).toHaveLength(1);
  await expect.poll(() => openPeerConnections(bob.page)).toBe(0);
  expect(await getUserMediaCalls(bob.page)).toBe(0);
});

test('call waiting: a second caller is announced, "Hold and answer" holds the first call', async ({
  alice,
  bob,
  carol,
}) => {
  await alice.signIn();
  await bob.signIn();
  await carol.signIn();
  await bob.dial('1001');
  await alice.answer();
  await carol.dial('1001');
  const banner = alice.page.getByRole('region', { name: 'Call waiting' });
  await expect(banner).toContainText('1003');
  await banner.getByRole('button', { name: 'Hold and answer' }).click();
  await expect(carol.callStatus).toHaveText('Connected');
  // Bob is now on hold: no audio reaches him, while carol's call carries media.
  await expect
    .poll(async () => {
      const d = await bob.mediaDelta(1000);
      return d.after.audio.packetsReceived - d.before.audio.packetsReceived;
    })
    .toBe(0);
  await expect
    .poll(async () => {
      const d = await carol.mediaDelta(1000);
      return d.after.audio.packetsReceived - d.before.audio.packetsReceived;
    })
    .toBeGreaterThan(20);
});
