/**
 * Chat journey (issue 14) on the embedded server: Ada (1001) messages Ben (1002) from his contact card;
 * Ben sees the Messages badge (no notification: the page is visible), Ada's typing, the message; Ben
 * replies and Ada sees her message Read (IMDN). A message to Cleo (1003, signed out) is stored by the
 * server (Sent) and arrives when Cleo signs in. axe on both Messages screens; screenshots at phone and
 * desktop sizes into /tmp/shots-chat/.
 */
import { axeOn } from '../support/axe';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { chatTab as messagesTab, composer, conversationRow as row, thread } from '../support/chat';
import { test, expect } from '../support/phone';

// The config blocks service workers; "no system notification" reads the service worker's notifications.
test.use({ serviceWorkers: 'allow' });

const SHOTS = '/tmp/shots-chat';

async function shots(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}x${height}.png`, animations: 'disabled' });
  }
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await axeOn(page).include('main').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('messages with typing and receipts between two phones; offline delivery on sign-in', async ({
  alice,
  bob,
  carol,
}) => {
  test.slow(); // three phones and two axe runs in one journey; about 60 s at a load average of 8
  // The server keeps history: a retry on the same server must not find the first attempt's messages.
  const tag = Date.now().toString(36);
  await Promise.all([alice.signIn(), bob.signIn()]);

  // Ada opens Ben's card and chooses Message.
  await alice.openTab('Contacts');
  await alice.page.getByLabel('Search contacts').fill('ben baker');
  await alice.page
    .getByTestId('contacts-list')
    .getByRole('link', { name: /Ben Baker/ })
    .click();
  await alice.page.getByRole('link', { name: 'Message', exact: true }).click();
  await expect(alice.page).toHaveURL(/\/messages\/sip%3A1002%40/);
  await expect(alice.page.getByRole('heading', { name: 'Ben Baker' })).toBeVisible();

  // Typing shows on Ben's side once he has the conversation open; first the message arrives.
  await composer(alice).fill(`Hello Ben, the reference is ${tag}.`);
  await composer(alice).press('Enter');
  await expect(thread(alice).getByText(`Hello Ben, the reference is ${tag}.`)).toBeVisible();
  await expect(messagesTab(bob)).toHaveAccessibleName('Chat (1 unread message)');

  await messagesTab(bob).click();
  await expect(row(bob, '1001').getByLabel('1 unread')).toBeVisible();
  await expectNoAxeViolations(bob.page);
  await shots(bob.page, 'list');
  await row(bob, '1001').click();
  await expect(thread(bob).getByText(`Hello Ben, the reference is ${tag}.`)).toBeVisible();
  await expect(messagesTab(bob)).toHaveAccessibleName('Chat');
  // Ben opened it: Ada's copy says Read (IMDN displayed).
  await expect(thread(alice).locator('[data-state]').last()).toHaveText('Read');

  await composer(alice).pressSequentially('one more', { delay: 20 });
  await expect(bob.page.getByText(/^(Ada Agent|1001) is typing…$/)).toBeVisible();
  await composer(alice).fill('');

  // Shift+Enter is a new line, Enter sends.
  await composer(bob).fill('Thanks Ada,');
  await composer(bob).press('Shift+Enter');
  await composer(bob).pressSequentially(`got it ${tag}.`);
  await composer(bob).press('Enter');
  await expect(thread(alice).getByText(`got it ${tag}.`)).toBeVisible();
  await expect(thread(bob).locator('[data-state]').last()).toHaveText('Read');
  await expectNoAxeViolations(bob.page);
  await shots(bob.page, 'conversation');
  // No system notification for a message that arrived while the page was visible.
  expect(
    await bob.page.evaluate(
      async () =>
        (await navigator.serviceWorker.getRegistration())?.getNotifications().then((n) => n.length) ?? 0,
    ),
  ).toBe(0);

  // Cleo is signed out: the server keeps the message (202 → Sent) and delivers it when she signs in.
  await messagesTab(alice).click();
  await alice.page.getByLabel('New message to').fill('1003');
  await alice.page.getByRole('button', { name: 'Open' }).click();
  await composer(alice).fill(`Cleo, call me when you are in (${tag}).`);
  await composer(alice).press('Enter');
  await expect(thread(alice).locator('[data-state]').last()).toHaveText('Sent');
  await carol.signIn();
  // The server's data outlives a failed run: count at least this message.
  await expect(messagesTab(carol)).toHaveAccessibleName(/^Chat \(\d+ unread messages?\)$/);
  await messagesTab(carol).click();
  await row(carol, '1001').click();
  await expect(thread(carol).getByText(`Cleo, call me when you are in (${tag}).`)).toBeVisible();
  await expect(thread(alice).locator('[data-state]').last()).toHaveText('Read');
});
