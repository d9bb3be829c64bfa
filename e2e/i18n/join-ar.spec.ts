/**
 * Issue 13: the customer's join page in Arabic (right to left), in real Chromium with the browser's
 * language set (`locale: 'ar'`): the document turns `dir=rtl`, the pre-join screen and the chat panel are
 * the join and ui catalogs' translations (no English word left among the page's own texts), and both are
 * axe-clean; a message the server refuses (the agent ended the link) says why in Arabic. Screenshots (phone and desktop) for a person to look at. Needs the built app.
 */
import { axeOn } from '../support/axe';
import { expect, test } from '@playwright/test';
import { encodeLink } from '../../src/webcall/link';
import { DEMO_PASSWORD } from '../support/ports';
import { openIn } from '../support/i18n';
import { shootSizes } from '../support/screenshots';
import { serverRoom } from '../support/webcall-links';

const SHOTS = process.env.OPENLINE_SHOTS_DIR ?? 'test-results/screens/join-ar';

/** Latin words the page itself would print in English (names, brand and device labels are not its texts). */
const ENGLISH =
  /\b(Join|call|camera|microphone|Chat|Message|Send|Close|name|link|Video|Connecting|Try again)\b/i;

test('join page in Arabic: right to left, translated pre-join and chat, axe-clean', async ({
  browser,
  baseURL,
}) => {
  const origin = baseURL!;
  const room = await serverRoom(origin);
  const page = await openIn(browser, 'ar', baseURL, ['camera', 'microphone']);
  await page.goto(await encodeLink(room.link, { origin }));

  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('مكالمة فيديو');
  await expect(page.getByRole('button', { name: 'الانضمام إلى المكالمة' })).toBeVisible();
  await expect(page.getByLabel('اسمك')).toBeVisible();
  const main = page.locator('main');
  // The customer's own name (prefilled from the link) is theirs, not the page's text: check the texts only.
  expect(await main.innerText()).not.toMatch(ENGLISH);
  const axeMain = await axeOn(page).analyze();
  expect(axeMain.violations.map((v) => v.id)).toEqual([]);
  await shootSizes(page, SHOTS, 'prejoin');

  const chatToggle = page.getByRole('button', { name: /^الدردشة/ });
  await chatToggle.click();
  const chat = page.getByRole('region', { name: /^الدردشة مع/ });
  await expect(chat).toBeVisible();
  await expect(chat.getByText('لا توجد رسائل بعد.')).toBeVisible();
  await expect(chat.getByRole('button', { name: 'إرسال' })).toBeVisible();
  await chat.getByRole('button', { name: 'إرسال' }).click();
  await expect(chat.getByRole('alert')).toHaveText('اكتب رسالة أولًا.');
  expect(await chat.innerText()).not.toMatch(ENGLISH);
  const axeChat = await axeOn(page).include('.join-chat').analyze();
  expect(axeChat.violations.map((v) => v.id)).toEqual([]);
  await shootSizes(page, SHOTS, 'chat');

  // Why a message failed comes from the server as a code (`closed`), worded here in Arabic: the agent
  // ends the link, the customer's next message is refused and says so in Arabic, never the server's English.
  await endRoom(origin, room.roomId);
  await chat.getByRole('textbox').fill('مرحبا');
  await chat.getByRole('button', { name: 'إرسال' }).click();
  const failed = chat.getByTestId('chat-message').last();
  await expect(failed).toContainText(
    'لم تُرسل: أنهى الوكيل رابط المكالمة هذا؛ لم يعد بالإمكان إرسال الرسائل.',
  );
  expect(await chat.innerText()).not.toMatch(ENGLISH);
  await shootSizes(page, SHOTS, 'chat-refused');
  await page.context().close();
});

/** The agent (1002, who made the room) ends it, as the Agent tab's End button does. */
async function endRoom(origin: string, roomId: string): Promise<void> {
  const session = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: '1002', password: DEMO_PASSWORD }),
  });
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${origin}/api/webcall/rooms/${encodeURIComponent(roomId)}/close`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(200);
}
