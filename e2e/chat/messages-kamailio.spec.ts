/**
 * Offline delivery on Kamailio (issue 14; project `kamailio`, deploy/kamailio/kamailio.cfg with
 * OFFLINE_MSG_DB): Cleo (1003) has used this Kamailio before and signed out; Ada's (1001) message to her is
 * stored by Kamailio's msilo (202 → "Sent"), delivered by Kamailio when Cleo signs in, shown once, and
 * Cleo's read receipt reaches Ada through Kamailio. In this mode the reference server does not store
 * messages, so the message can only have come from Kamailio's store; Kamailio's copies (CHAT_HISTORY_SIP)
 * give the server the history a second device of Cleo's reads. And the other way round (ADR 0035): Ada
 * signs out before Cleo reads her message; Kamailio keeps Cleo's read receipt and Ada sees "Read" when she
 * signs back in.
 */
import { chatTab as messagesTab, composer, conversationRow as row, thread } from '../support/chat';
import { Phone, test, expect } from '../support/phone';

test('Kamailio keeps a message for a signed-out user and delivers it once when she signs in', async ({
  alice,
  carol,
  browser,
  baseURL,
}) => {
  test.slow(); // three browser contexts
  const text = `Cleo, call me when you are in (${Date.now().toString(36)}).`;

  // Kamailio has no user database: it keeps messages only for users who registered through it before.
  await carol.signIn();
  await carol.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(carol.status).toHaveText('Not registered');

  await alice.signIn();
  await messagesTab(alice).click();
  await alice.page.getByLabel('New message to').fill('1003');
  await alice.page.getByRole('button', { name: 'Open' }).click();
  await composer(alice).fill(text);
  await composer(alice).press('Enter');
  await expect(thread(alice).locator('[data-state]').last()).toHaveText('Sent');
  // ... because Kamailio stored it (202), not because a phone of Cleo's took it (200)
  const stored = alice.sipFrames.filter(
    (f) =>
      f.direction === 'received' && f.text.startsWith('SIP/2.0 202 ') && /^CSeq: \d+ MESSAGE$/im.test(f.text),
  );
  expect(stored).toHaveLength(1);

  await carol.signIn();
  await expect(messagesTab(carol)).toHaveAccessibleName('Chat (1 unread message)');
  // delivered by Kamailio's store: Ada's From, the app's Message-ID, a Date of when it was stored
  const delivered = carol.receivedRequests('MESSAGE').filter((m) => m.includes(text));
  expect(delivered).toHaveLength(1);
  expect(delivered[0]).toMatch(/^From: <sip:1001@openline\.local>/im);
  expect(delivered[0]).toMatch(/^Message-ID: \S+/im);
  expect(delivered[0]).toMatch(/^Date: .+ GMT$/im);

  await messagesTab(carol).click();
  await row(carol, '1001').click();
  await expect(thread(carol).getByText(text)).toHaveCount(1);
  // Cleo has it on screen: her IMDN "displayed" goes to Ada through Kamailio
  await expect(thread(alice).locator('[data-state]').last()).toHaveText('Read');

  // Kamailio copied the message to the reference server (CHAT_HISTORY_SIP, ADR 0033) when it stored it and
  // when it delivered it: Cleo's second device (empty IndexedDB, and Kamailio's store is empty now) reads
  // it from the server's history, once.
  const tablet = await Phone.open(browser, '1003', baseURL);
  try {
    await tablet.signIn();
    await messagesTab(tablet).click();
    await row(tablet, '1001').click();
    await expect(thread(tablet).getByText(text)).toHaveCount(1);
    await expect(thread(tablet).locator('li', { hasText: text })).toHaveClass(/chat-bubble-in/);
  } finally {
    await tablet.close();
  }
});

test('Kamailio keeps a read receipt for a signed-out sender: she sees "Read" when she signs back in', async ({
  alice,
  carol,
}) => {
  test.slow(); // two sign-ins each
  const text = `Read this when you can (${Date.now().toString(36)}).`;
  const state = () => thread(alice).locator('li', { hasText: text }).locator('[data-state]');

  await carol.signIn();
  await alice.signIn();
  await messagesTab(alice).click();
  await alice.page.getByLabel('New message to').fill('1003');
  await alice.page.getByRole('button', { name: 'Open' }).click();
  await composer(alice).fill(text);
  await composer(alice).press('Enter');
  // Cleo's phone took it (her conversation is not open: not read yet)
  await expect(state()).toHaveText('Delivered');
  await expect(messagesTab(carol)).toHaveAccessibleName('Chat (1 unread message)');

  await alice.openTab('Settings');
  await alice.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(alice.status).toHaveText('Not registered');

  // Cleo reads it while Ada is signed out: Kamailio keeps the receipt (202), it is not lost (480)
  await messagesTab(carol).click();
  await row(carol, '1001').click();
  await expect(thread(carol).getByText(text)).toHaveCount(1);
  const isReceiptAnswer = (f: { direction: string; text: string }, status: string) =>
    f.direction === 'received' &&
    f.text.startsWith(`SIP/2.0 ${status} `) &&
    /^CSeq: \d+ MESSAGE$/im.test(f.text);
  await expect.poll(() => carol.sipFrames.filter((f) => isReceiptAnswer(f, '202')).length).toBe(1);
  expect(carol.sipFrames.filter((f) => isReceiptAnswer(f, '480'))).toHaveLength(0);

  await alice.signIn();
  await messagesTab(alice).click();
  await row(alice, '1003').click();
  await expect(state()).toHaveText('Read');
  // it came from Kamailio's store: an IMDN with Cleo's From, sent when Ada registered
  const receipts = alice
    .receivedRequests('MESSAGE')
    .filter((m) => /^Content-Type: message\/imdn\+xml/im.test(m) && m.includes('<displayed/>'));
  expect(receipts).toHaveLength(1);
  expect(receipts[0]).toMatch(/^From: <sip:1003@openline\.local>/im);
});
