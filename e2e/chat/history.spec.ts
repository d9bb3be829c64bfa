/**
 * Server-side chat history (issue 14, ADR 0024) on the embedded server: Ada (1001) and Ben (1002)
 * exchange messages; Ben then signs in on a second device (a new browser context, empty IndexedDB) and
 * sees the conversation (both directions, each message once, nothing unread), and a reload there
 * (merging again) adds no duplicates. A conversation longer than the device's first pages loads its
 * older messages from the server when asked ("Load earlier messages").
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { axeOn } from '../support/axe';
import { chatTab, composer, thread } from '../support/chat';
import { test, expect, Phone } from '../support/phone';
import { E2E_DATA_DIR } from '../support/ports';
import { shootSizes } from '../support/screenshots';

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

/**
 * The history is seeded in the server's database (as its proxy records routed MESSAGEs): 260 messages
 * between Ben and Cleo, more than the 200 a sign-in merges, so the oldest are only on the server.
 */
function seedLongConversation(tag: string, count: number): void {
  const db = new Database(join(E2E_DATA_DIR, 'openline.db'));
  try {
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare(
      `INSERT INTO chat_history (owner, peer, direction, message_id, body, at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const start = Date.now() - 86_400_000; // yesterday, one message a second
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const [direction, from] = i % 2 ? ['out', 'Ben'] : ['in', 'Cleo'];
        const id = `${tag}-${i}`;
        insert.run(
          '1002',
          'sip:1003@openline.local',
          direction,
          id,
          `${from} ${tag} #${i}`,
          start + i * 1000,
        );
        insert.run(
          '1003',
          'sip:1002@openline.local',
          direction === 'in' ? 'out' : 'in',
          id,
          `${from} ${tag} #${i}`,
          start + i * 1000,
        );
      }
    })();
  } finally {
    db.close();
  }
}

test('a long conversation loads its earlier messages from the server on request', async ({ bob }) => {
  const tag = Date.now().toString(36);
  seedLongConversation(tag, 260);
  await bob.signIn();
  await openConversation(bob, '1003');
  const earlier = bob.page.getByRole('button', { name: 'Load earlier messages' });
  await expect(thread(bob).getByText(`Ben ${tag} #259`, { exact: true })).toBeVisible();
  await expect(earlier).toBeVisible();
  await expect(thread(bob).getByText(`Cleo ${tag} #0`, { exact: true })).toHaveCount(0);
  const before = await thread(bob)
    .getByText(new RegExp(`^(Ben|Cleo) ${tag} #`))
    .count();
  expect(before).toBeLessThan(260);
  await earlier.scrollIntoViewIfNeeded();
  await shootSizes(bob.page, '/tmp/shots-chat', 'earlier-button');

  // One press shows the next page with something new; a retry of this test (same server) seeded 260
  // more beside these, so press until the server has nothing older, as a user scrolling back would.
  for (let presses = 0; presses < 8 && (await earlier.count()) > 0; presses++) {
    const shown = await thread(bob).locator('li.chat-bubble').count();
    await earlier.click();
    await expect
      .poll(
        async () =>
          (await earlier.count()) === 0 || (await thread(bob).locator('li.chat-bubble').count()) > shown,
      )
      .toBe(true);
  }
  await expect(earlier).toHaveCount(0); // the server has nothing older
  await expect(thread(bob).getByText(`Cleo ${tag} #0`, { exact: true })).toBeVisible();
  await expect(thread(bob).getByText(new RegExp(`^(Ben|Cleo) ${tag} #`))).toHaveCount(260);
  // Oldest first, both directions as the server recorded them.
  const bubble = (text: string) =>
    thread(bob)
      .locator('li')
      .filter({ has: bob.page.getByText(text, { exact: true }) });
  const first = bubble(`Cleo ${tag} #0`);
  await expect(first).toHaveClass(/chat-bubble-in/);
  await expect(bubble(`Ben ${tag} #1`)).toHaveClass(/chat-bubble-out/);
  const axe = await axeOn(bob.page).include('main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
  await first.scrollIntoViewIfNeeded();
  await shootSizes(bob.page, '/tmp/shots-chat', 'earlier-messages');
});
