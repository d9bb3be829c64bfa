/**
 * A note to your own number (chat, issue 14), on the embedded server (project chromium) and on Kamailio
 * (project kamailio, deploy/kamailio/kamailio.cfg route[TO_SELF]): alone, the phone that sends it is the
 * addressee's only one and the note is Sent (it used to come back to that phone, which answered its own
 * MESSAGE 482 Loop Detected: "Failed"); with a second phone of the account signed in, that phone gets it.
 */
import { composer, thread, chatTab as messagesTab } from '../support/chat';
import { expect, Phone, test } from '../support/phone';

test('a note to your own number is sent, not "Failed: 482"; your other phone gets it', async ({
  alice,
  browser,
  baseURL,
}) => {
  const tag = Date.now().toString(36);
  await alice.signIn();
  await messagesTab(alice).click();
  await alice.page.getByLabel('New message to').fill('1001');
  await alice.page.getByRole('button', { name: 'Open' }).click();
  // Alone: this phone is the addressee's only one, and shows the note (before, its own MESSAGE came
  // back to it, which answered 482 Loop Detected: "Failed").
  await composer(alice).fill(`Note to self (${tag}).`);
  await composer(alice).press('Enter');
  await expect(thread(alice).locator('[data-state]').last()).toHaveText('Sent');
  expect(alice.receivedRequests('MESSAGE')).toEqual([]);

  // With a second phone of the same account signed in, that phone gets the next note; this one does not.
  const mobile = await Phone.open(browser, '1001', baseURL);
  try {
    await mobile.signIn();
    await composer(alice).fill(`Second note (${tag}).`);
    await composer(alice).press('Enter');
    await expect(thread(alice).locator('[data-state]').last()).not.toHaveText(/Fail|Not sent|Sending/);
    await expect
      .poll(() => mobile.receivedRequests('MESSAGE').some((m) => m.includes(`Second note (${tag}).`)))
      .toBe(true);
    // The other phone's receipts may come here (it tells this one the note arrived); the note does not.
    expect(alice.receivedRequests('MESSAGE').filter((m) => m.includes('note ('))).toEqual([]);
  } finally {
    await mobile.close();
  }
});
