/**
 * Issue 10, ADR 0037: typing a number prepares the audio call's offer (peer connection, offer SDP, ICE)
 * with no device opened; the click sends that INVITE at once and the microphone's track joins it.
 * Pointing at Video call prepares a video call's offer instead (audio and video, still no device), and
 * resting on a call-back button in History prepares that call.
 */
import { test, expect, expectInboundRtp, type Phone } from '../support/phone';
import type { Locator, Page } from '@playwright/test';

/** Counts getUserMedia calls from now on (the engine asks `navigator.mediaDevices` at each call). */
async function countGetUserMedia(page: Page, fail = false): Promise<void> {
  await page.evaluate((failing) => {
    const devices = navigator.mediaDevices;
    const native = devices.getUserMedia.bind(devices);
    const w = window as unknown as { __gum: number };
    w.__gum = 0;
    devices.getUserMedia = (constraints) => {
      w.__gum++;
      return failing
        ? Promise.reject(new DOMException('Device in use', 'NotReadableError'))
        : native(constraints);
    };
  }, fail);
}

/** The page's open peer connections (descriptions, senders' tracks, tagged), and getUserMedia calls. */
function peers(page: Page, tag = false) {
  return page.evaluate((tagging) => {
    const all = (window as unknown as { __rtcProbe: (RTCPeerConnection & { tagged?: true })[] }).__rtcProbe;
    // The ICE warm-up's connection (after registration) closes at once; calls stay open.
    const open = all.filter((pc) => pc.signalingState !== 'closed');
    if (tagging) for (const pc of open) pc.tagged = true;
    return {
      open: open.map((pc) => ({
        tagged: pc.tagged === true,
        local: pc.localDescription?.type ?? null,
        remote: pc.remoteDescription?.type ?? null,
        senderTracks: pc.getSenders().map((s) => s.track?.kind ?? null),
      })),
      getUserMediaCalls: (window as unknown as { __gum: number }).__gum,
    };
  }, tag);
}

/**
 * Counts getUserMedia, types 1002 on the Dialpad, and waits for its preparation: one peer connection
 * holding an offer, no track on its sender, no device asked for.
 */
async function typeNumber(page: Page): Promise<void> {
  await countGetUserMedia(page);
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /^Dialpad/ })
    .click();
  await page.getByLabel('Number or SIP address').fill('1002');
  await expect
    .poll(async () => (await peers(page)).open)
    .toEqual([{ tagged: false, local: 'offer', remote: null, senderTracks: [null] }]);
}

/** Rests the pointer on an audio call button until its call is prepared (nothing was before). */
async function pointToPrepare(page: Page, button: Locator): Promise<void> {
  await countGetUserMedia(page);
  await expect(button).toBeEnabled();
  expect((await peers(page)).open).toEqual([]);
  await button.hover();
  await expect
    .poll(async () => (await peers(page)).open)
    .toEqual([{ tagged: false, local: 'offer', remote: null, senderTracks: [null] }]);
}

/**
 * With an audio call prepared: no device opened and Bob not rung yet; the click calls on that same
 * connection, media flows both ways, the microphone opened once; after Hang up nothing is left open.
 */
async function callOnPrepared(alice: Phone, bob: Phone, button: Locator): Promise<void> {
  expect((await peers(alice.page, true)).getUserMediaCalls).toBe(0);
  await expect(bob.incoming).toBeHidden();

  await button.click();
  await bob.answer();
  await expect(alice.callStatus).toHaveText('Connected');
  await Promise.all([expectInboundRtp(alice, 'audio'), expectInboundRtp(bob, 'audio')]);
  const after = await peers(alice.page);
  expect(after.open).toEqual([{ tagged: true, local: 'offer', remote: 'answer', senderTracks: ['audio'] }]);
  expect(after.getUserMediaCalls).toBe(1);
  await alice.button('Hang up').click();
  // (a number left in the Dialpad's field prepares nothing until the user acts again)
  await expect.poll(async () => (await peers(alice.page)).open).toEqual([]);
}

test.beforeEach(async ({ alice, bob }) => {
  await alice.signIn();
  await bob.signIn();
});

test('a typed number is prepared with no microphone open; the click calls on it with media both ways', async ({
  alice,
  bob,
}) => {
  await typeNumber(alice.page);
  await callOnPrepared(alice, bob, alice.page.getByRole('button', { name: 'Audio call' }));
});

test('a microphone that fails after the prepared INVITE left cancels the call and says why', async ({
  alice,
  bob,
}) => {
  await alice.openTab('Dialpad');
  await alice.page.getByLabel('Number or SIP address').fill('1002');
  await expect.poll(async () => (await peers(alice.page, true)).open.length).toBe(1);
  await countGetUserMedia(alice.page, true);
  await alice.page.getByRole('button', { name: 'Audio call' }).click();
  await expect(
    alice.page.getByText('The microphone or camera is in use by another app, or not working.'),
  ).toBeVisible();
  // Bob's phone stops ringing (CANCEL), and nothing is left open.
  await expect.poll(() => bob.receivedRequests('CANCEL').length).toBe(1);
  await expect(bob.incoming).toBeHidden();
  await expect.poll(async () => (await peers(alice.page)).open).toEqual([]);
  expect((await peers(alice.page)).getUserMediaCalls).toBe(1);
});

test('pointing at Video call prepares a video call with no camera open; the click calls on it with audio and video both ways', async ({
  alice,
  bob,
}) => {
  await typeNumber(alice.page);
  // The pointer on Video call: the audio preparation gives way to a video one, still capturing nothing.
  await alice.page.getByRole('button', { name: 'Video call' }).hover();
  await expect
    .poll(async () => (await peers(alice.page)).open)
    .toEqual([{ tagged: false, local: 'offer', remote: null, senderTracks: [null, null] }]);
  expect((await peers(alice.page, true)).getUserMediaCalls).toBe(0);
  await expect(bob.incoming).toBeHidden();

  await alice.page.getByRole('button', { name: 'Video call' }).click();
  await bob.answer(true);
  await expect(alice.callStatus).toHaveText('Connected');
  await Promise.all(
    [alice, bob].flatMap((phone) => [expectInboundRtp(phone, 'audio'), expectInboundRtp(phone, 'video')]),
  );
  // On the prepared connection, camera and microphone opened once, at the click, with no new offer.
  const after = await peers(alice.page);
  expect(after.open).toEqual([
    { tagged: true, local: 'offer', remote: 'answer', senderTracks: ['audio', 'video'] },
  ]);
  expect(after.getUserMediaCalls).toBe(1);
  await alice.button('Hang up').click();
  await expect.poll(async () => (await peers(alice.page)).open).toEqual([]);
});

test('a call back from History is prepared once the pointer rests on Call; the click calls on it with media both ways', async ({
  alice,
  bob,
}) => {
  // A call to Bob, so History has him; hung up, nothing is left open.
  await alice.dial('1002');
  await bob.answer();
  await expect(alice.callStatus).toHaveText('Connected');
  await alice.button('Hang up').click();
  await expect.poll(async () => (await peers(alice.page)).open).toEqual([]);

  await alice.openTab('History');
  const callBack = alice.page.getByRole('button', { name: /^Call / }).first();
  await pointToPrepare(alice.page, callBack);
  await callOnPrepared(alice, bob, callBack);
});

test('Audio call on a contact card is prepared when pointed at; the click calls on it with media both ways', async ({
  alice,
  bob,
}) => {
  await alice.openTab('Contacts');
  await alice.page.getByLabel('Search contacts').fill('ben baker');
  await alice.page.getByRole('link', { name: /Ben Baker/ }).click();
  await expect(alice.page.getByRole('heading', { name: 'Ben Baker' })).toBeVisible();
  const audioCall = alice.page.getByRole('button', { name: 'Audio call' });
  await pointToPrepare(alice.page, audioCall);
  await callOnPrepared(alice, bob, audioCall);
});
