/**
 * Server-side chat history (issue 14, ADR 0024) on the embedded server: Ada (1001) and Ben (1002)
 * exchange messages; Ben then signs in on a second device (a new browser context, empty IndexedDB) and
 * sees the conversation (both directions, each message once, nothing unread), and a reload there
 * (merging again) adds no duplicates.
 */
import { test, expect, Phone } from '../support/phone';

const composer = (phone: Phone) => phone.page.getByRole('textbox', { name: 'Message', exact: true });
const thread = (phone: Phone) => phone.page.getByRole('list', { name: /^Messages with/ });
const chatTab = (phone: Phone) => phone.page.getByRole('navigation').getByRole('link', { name: /^Chat/ });

async function openConversation(phone: Phone, user: string) {
  await chatTab(phone).click();
  await phone.page.getByLabel('New message to').fill(user);
  await phone.page.getByRole('button', { name: 'Open' }).click();
  await expect(phone.page).toHaveURL(new RegExp(`/messages/sip%3A${user}%40`));
}

test('a second device sees the conversation from the server, once', async ({
  alice,
  bob,
  browser,
  baseURL,
}) => {
  test.slow(); // three browser contexts
  const tag = Date.now().toString(36); // the shared server keeps earlier runs' history
  await Promise.all([alice.signIn(), bob.signIn()]);
  await openConversation(alice, '1002');
  await composer(alice).fill(`Order ${tag} is ready.`);
  await composer(alice).press('Enter');
  await expect(thread(alice).locator('[data-state]').last()).toHaveText(/^(Sent|Delivered|Read)$/);
  await openConversation(bob, '1001');
  await expect(thread(bob).getByText(`Order ${tag} is ready.`)).toBeVisible();
  await composer(bob).fill(`Thanks, collecting ${tag}.`);
  await composer(bob).press('Enter');
  await expect(thread(alice).getByText(`Thanks, collecting ${tag}.`)).toBeVisible();

  const tablet = await Phone.open(browser, '1002', baseURL);
  try {
    await tablet.signIn();
    await chatTab(tablet).click();
    const row = tablet.page.locator(`a[href="/messages/${encodeURIComponent('sip:1001@openline.local')}"]`);
    await expect(row).toContainText(`You: Thanks, collecting ${tag}.`);
    await expect(chatTab(tablet)).toHaveAccessibleName('Chat'); // history is not unread
    await row.click();
    await expect(thread(tablet).getByText(`Order ${tag} is ready.`)).toHaveCount(1);
    await expect(thread(tablet).getByText(`Thanks, collecting ${tag}.`)).toHaveCount(1);
    const mine = thread(tablet).locator('li', { hasText: `Thanks, collecting ${tag}.` });
    await expect(mine).toHaveClass(/chat-bubble-out/);
    await expect(mine.locator('[data-state]')).toHaveText('Sent');

    await tablet.page.reload();
    await expect(thread(tablet).getByText(`Order ${tag} is ready.`)).toHaveCount(1);
    await expect(thread(tablet).getByText(`Thanks, collecting ${tag}.`)).toHaveCount(1);
  } finally {
    await tablet.close();
  }
});
