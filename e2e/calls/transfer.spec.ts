/**
 * Issue 11, transfer, with real media (fake devices) proven by getStats(): two journeys, each packing
 * several checks, on the embedded server and on Kamailio. 1001 = customer (alice), 1002 = agent
 * (bob), 1003 = colleague (carol). The blind journey proves the receiving end of a REFER on 1001
 * (it places the referred call and reports progress); the attended one proves an INVITE with Replaces
 * on 1003 (it takes the call over without ringing). Screenshots into /tmp/shots-transfer-e2e/.
 */
import type { Page } from '@playwright/test';
import { test, expect, type Phone } from '../support/phone';
import {
  callIdOf,
  callWith,
  connected,
  expectHearing,
  expectNoAxeViolations,
  screenshots as shoot,
  sipSummary,
} from '../support/three-phones';

const SHOTS = '/tmp/shots-transfer-e2e';
const screenshots = (page: Page, name: string) => shoot(page, SHOTS, name);

// Three phones with fake media in one test.
test.describe.configure({ timeout: 120_000 });

// On failure: each phone's SIP frames (first line and Call-ID) beside the trace, to tell a race from slowness.
test.afterEach(async ({ alice, bob, carol }, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const phone of [alice, bob, carol]) {
    await testInfo.attach(`sip-${phone.user}`, { body: sipSummary(phone), contentType: 'text/plain' });
  }
});

function transferStatus(phone: Phone) {
  return phone.page.getByTestId('transfer-status');
}

test('blind transfer: to an offline user it fails and the call resumes; then 1003 takes 1001 and 1002 is free', async ({
  alice,
  bob,
  carol,
}) => {
  await alice.signIn();
  await bob.signIn();
  await connected(alice, bob, '1002');

  // Keyboard: the Transfer button opens the dialog with focus in its field; Escape closes it and
  // focus returns to the button.
  const transferButton = bob.button('Transfer');
  await transferButton.focus();
  await bob.page.keyboard.press('Enter');
  const field = bob.page.getByLabel('Transfer to');
  await expect(field).toBeFocused();
  await expectNoAxeViolations(bob.page, '.transfer-dialog');
  await screenshots(bob.page, 'transfer-dialog');
  await bob.page.keyboard.press('Escape');
  await expect(field).toBeHidden();
  await expect(transferButton).toBeFocused();

  // 1003 is not signed in: the transfer fails, both ends say why, and the call comes back (RTP again).
  await bob.page.keyboard.press('Enter');
  await bob.page.keyboard.type('1003');
  await bob.page.keyboard.press('Enter');
  await expect(transferStatus(bob)).toHaveText('Transfer failed: not available');
  await expect(transferStatus(alice)).toHaveText('Transfer failed: not available');
  await expect(bob.callStatus).toHaveText('Connected');
  await expect(alice.callStatus).toHaveText('Connected');
  await Promise.all([expectHearing(alice), expectHearing(bob)]);

  await carol.signIn();
  await bob.button('Transfer').click();
  await bob.page.getByLabel('Transfer to').fill('1003');
  await bob.page.getByRole('button', { name: 'Transfer now' }).click();
  // 1001 follows the REFER: it calls 1003, which rings as for any call; both ends show the progress.
  await expect(carol.incoming).toContainText('1001');
  await expect(transferStatus(bob)).toContainText('Transferring…');
  await expect(bob.callStatus).toHaveText('On hold');
  await expect(transferStatus(alice)).toContainText('Transferring…');
  await screenshots(bob.page, 'transfer-progress');
  await screenshots(alice.page, 'transfer-progress-transferee');
  await carol.answer();

  await expect(transferStatus(alice)).toHaveText('Transferred');
  await expect(bob.page.getByRole('region', { name: /^Call with / })).toBeHidden();
  await expect(callWith(alice, '1003')).toBeVisible();
  await expect(callWith(carol, '1001')).toBeVisible();
  await Promise.all([expectHearing(alice), expectHearing(carol)]);
  expect(await bob.media()).toMatchObject({ livePeerConnections: 0 });
  // The transferor saw the 2xx NOTIFY; the transferee got one REFER and reported to it.
  expect(bob.receivedRequests('NOTIFY').some((n) => n.includes('SIP/2.0 200'))).toBe(true);
  expect(alice.receivedRequests('REFER')).toHaveLength(2);
});

test('attended transfer: consult 1003 while 1001 holds, cancel and return, consult again and complete; 1003 takes 1001 over without ringing', async ({
  alice,
  bob,
  carol,
}) => {
  await alice.signIn();
  await bob.signIn();
  await carol.signIn();
  await connected(alice, bob, '1002');

  // All by keyboard: T opens the dialog; Tab to "Consult first".
  const consultFirst = async () => {
    await bob.page.keyboard.press('t');
    await expect(bob.page.getByLabel('Transfer to')).toBeFocused();
    await bob.page.keyboard.type('1003');
    await bob.page.keyboard.press('Tab');
    await bob.page.keyboard.press('Tab');
    await expect(bob.page.getByRole('button', { name: 'Consult first' })).toBeFocused();
    await bob.page.keyboard.press('Enter');
    await carol.answer();
  };
  const consult = bob.page.getByRole('group', { name: 'Attended transfer' });

  // Cancel and return: the consultation ends, 1002 is back with 1001.
  await consultFirst();
  await expect(consult).toContainText('is on hold');
  await consult.getByRole('button', { name: 'Cancel transfer' }).click();
  await expect(carol.page.getByRole('region', { name: /^Call with / })).toBeHidden();
  await expect(bob.callStatus).toHaveText('Connected');
  await expectHearing(alice);

  await consultFirst();
  await Promise.all([expectHearing(carol), expectHearing(bob, 2)]);
  // Hovered on purpose: a hovered secondary button on the dark call screen once lost its contrast.
  await consult.getByRole('button', { name: 'Cancel transfer' }).hover();
  await expectNoAxeViolations(bob.page, '.call-consult');
  await screenshots(bob.page, 'transfer-consult');

  await consult.getByRole('button', { name: 'Complete transfer' }).click();
  await expect(bob.page.getByRole('region', { name: /^Call with / })).toBeHidden();
  // 1003 took 1001 over: its consultation call became the call with 1001, no incoming sheet.
  await expect(callWith(carol, '1001')).toBeVisible();
  await expect(callWith(alice, '1003')).toBeVisible();
  await Promise.all([expectHearing(alice), expectHearing(carol)]);
  await expect(carol.incoming).toBeHidden();
  const replacing = carol.receivedRequests('INVITE').filter((i) => /^Replaces:/im.test(i));
  expect(replacing).toHaveLength(1);
  const callId = callIdOf(replacing[0]!);
  const rang = carol.sipFrames.some(
    (f) => f.direction === 'sent' && f.text.startsWith('SIP/2.0 180') && f.text.includes(callId),
  );
  expect(rang).toBe(false);
  expect(await bob.media()).toMatchObject({ livePeerConnections: 0 });
});
