import { axeOn } from '../support/axe';
import { mkdirSync } from 'node:fs';
import { test, expect, type Phone } from '../support/phone';

const SHOTS = '/tmp/shots-history';

/** The History tab link (its accessible name grows a " (1 missed call)" suffix with the badge). */
const historyTab = (phone: Phone) =>
  phone.page.getByRole('navigation').getByRole('link', { name: /^History/ });
const rows = (phone: Phone) => phone.page.getByRole('list', { name: 'Calls' }).locator('.history-entry');
const row = (phone: Phone, text: string | RegExp) => rows(phone).filter({ hasText: text });

/** Talk time in seconds from a summary such as "Incoming audio call · 0:03". */
async function talkSeconds(phone: Phone, summary: RegExp): Promise<number> {
  const text = (await row(phone, summary).textContent()) ?? '';
  const match = /(\d+):(\d{2})/.exec(text.split('·')[1] ?? '');
  if (!match) throw new Error(`no talk time in "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

test('History: a missed and an answered call on both phones, badge, reload, filters, search, delete, clear all', async ({
  alice,
  bob,
}) => {
  // One journey instead of many small specs (suite budget); on a loaded machine it needs more than 60 s.
  test.setTimeout(240_000);
  await alice.signIn();
  await bob.signIn();

  // Missed: alice gives up while bob's phone rings.
  await alice.dial('1002');
  await expect(bob.incoming).toBeVisible();
  await alice.button('Hang up').click();
  await expect(bob.incoming).toBeHidden();
  await expect(historyTab(bob)).toHaveAccessibleName(/^History\s*\(1 missed call\)$/);

  // Answered: about two seconds of talk, bob hangs up.
  await alice.dial('1002');
  const beforeAnswer = Date.now();
  await bob.answer();
  await bob.page.waitForTimeout(2_000);
  await bob.button('Hang up').click();
  await expect(alice.callStatus).toBeHidden();
  // The talk time cannot exceed the time this test spent from answering to the call being gone.
  const upperBound = Math.ceil((Date.now() - beforeAnswer) / 1000) + 1;

  // Alice (caller): one cancelled, one answered outgoing call.
  await historyTab(alice).click();
  await expect(rows(alice)).toHaveCount(2);
  // Named from the company directory (1002 is the seeded account "Ben Baker").
  await expect(row(alice, 'Outgoing audio call · Cancelled')).toContainText('Ben Baker');
  const aliceTalk = await talkSeconds(alice, /Outgoing audio call · \d/);
  expect(aliceTalk).toBeGreaterThanOrEqual(2);
  expect(aliceTalk).toBeLessThanOrEqual(upperBound);

  // Bob (callee): the missed call stands out; opening History clears the badge.
  await historyTab(bob).click();
  await expect(rows(bob)).toHaveCount(2);
  await expect(row(bob, 'Missed audio call')).toHaveAttribute('data-outcome', 'missed');
  await expect(row(bob, 'Missed audio call')).toContainText('Ada Agent');
  const bobTalk = await talkSeconds(bob, /Incoming audio call · \d/);
  expect(bobTalk).toBeGreaterThanOrEqual(2);
  expect(bobTalk).toBeLessThanOrEqual(upperBound);
  await expect(historyTab(bob)).toHaveAccessibleName(/^History$/);
  await expect(bob.page.getByRole('heading', { name: 'Today' })).toBeVisible();

  // Survives a reload (IndexedDB), and the badge stays cleared.
  await bob.page.reload();
  await expect(bob.status).toHaveText('Registered');
  await expect(rows(bob)).toHaveCount(2);
  await expect(historyTab(bob)).toHaveAccessibleName(/^History$/);

  // Accessibility and screenshots of the screen (desktop, then phone size with the entry menu open).
  const axe = await axeOn(bob.page).include('main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  mkdirSync(SHOTS, { recursive: true });
  await bob.page.screenshot({ path: `${SHOTS}/history-1280x800.png` });
  await bob.page.setViewportSize({ width: 390, height: 844 });
  await row(bob, 'Missed audio call')
    .getByRole('button', { name: /^More actions/ })
    .click();
  // The menu opens with focus on its first item (Message, then Open or add contact, Copy number, Delete).
  await expect(bob.page.getByRole('menuitem', { name: 'Message' })).toBeFocused();
  await bob.page.screenshot({ path: `${SHOTS}/history-390x844-menu.png` });
  await bob.page.keyboard.press('Escape');
  await expect(bob.page.getByRole('menu')).toBeHidden();
  await bob.page.setViewportSize({ width: 1280, height: 800 });

  // Filters and search.
  const show = bob.page.getByRole('group', { name: 'Show' });
  await show.getByRole('button', { name: 'Missed' }).click();
  await expect(rows(bob)).toHaveCount(1);
  await show.getByRole('button', { name: 'Outgoing' }).click();
  await expect(bob.page.getByText('No calls match.')).toBeVisible();
  await show.getByRole('button', { name: 'All' }).click();
  const search = bob.page.getByRole('searchbox', { name: 'Search calls' });
  await search.fill('10 01');
  await expect(rows(bob)).toHaveCount(2);
  await search.fill('1003');
  await expect(bob.page.getByText('No calls match.')).toBeVisible();
  await search.fill('');

  // Delete one through the menu (keyboard), then Clear all through the confirmation dialog.
  await row(bob, 'Missed audio call')
    .getByRole('button', { name: /^More actions/ })
    .click();
  await bob.page.keyboard.press('End');
  await bob.page.keyboard.press('Enter');
  await expect(rows(bob)).toHaveCount(1);
  await bob.page.getByRole('button', { name: 'Clear all' }).click();
  const dialog = bob.page.getByRole('dialog', { name: 'Clear all call history?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows(bob)).toHaveCount(1);
  await bob.page.getByRole('button', { name: 'Clear all' }).click();
  await dialog.getByRole('button', { name: 'Clear all' }).click();
  await expect(bob.page.getByText('Call history will appear here after your first call.')).toBeVisible();
  await bob.page.reload();
  await expect(bob.status).toHaveText('Registered');
  await expect(bob.page.getByText('Call history will appear here after your first call.')).toBeVisible();
  // Alice's log on her own device is untouched by bob's clear.
  await expect(rows(alice)).toHaveCount(2);
});
