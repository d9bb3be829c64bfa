/**
 * Chat attachments (issue 14, ADR 0024) on the embedded server: Ada (1001) sends Ben (1002) an image
 * from the keyboard-operated paperclip; both see it inline and Ben opens it full size; a PDF arrives as
 * a download chip with its size; a too-big file and an .exe are refused with a sentence and nothing is
 * uploaded or sent; the attachment URL refuses a request without a session. axe on Ben's conversation
 * with the attachments; screenshots at phone and desktop sizes into /tmp/shots-chatfiles/.
 */
import { axeOn } from '../support/axe';
import { request as playwrightRequest, type Page } from '@playwright/test';
import { composer, thread } from '../support/chat';
import { test, expect, type Phone } from '../support/phone';
import { shootSizes } from '../support/screenshots';

const SHOTS = '/tmp/shots-chatfiles';

const attach = (phone: Phone) => phone.page.getByRole('button', { name: 'Attach an image or PDF' });
const fileInput = (phone: Phone) => phone.page.getByTestId('chat-file');

async function openConversation(phone: Phone, user: string) {
  await phone.page.getByRole('navigation').getByRole('link', { name: /^Chat/ }).click();
  await phone.page.getByLabel('New message to').fill(user);
  await phone.page.getByRole('button', { name: 'Open' }).click();
  await expect(phone.page).toHaveURL(new RegExp(`/messages/sip%3A${user}%40`));
}

/** The image really rendered (decoded pixels), not just an <img> element with a broken source. */
async function expectDecoded(page: Page, name: string) {
  const img = page.getByRole('img', { name, exact: true }).last();
  await expect(img).toBeVisible();
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBeGreaterThan(0);
}

test('an image shown inline on both sides, a PDF chip, bad files refused, the link needs a session', async ({
  alice,
  bob,
}) => {
  test.slow(); // two phones, uploads and an axe run
  // The shared server keeps earlier runs' history (which a phone merges): names unique to this run.
  const tag = Date.now().toString(36);
  const photo = `screen photo ${tag}.png`;
  const offer = `Offer ${tag}.pdf`;
  await Promise.all([alice.signIn(), bob.signIn()]);
  await openConversation(alice, '1002');
  await openConversation(bob, '1001');
  const uploads: string[] = [];
  alice.page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/attachments')) uploads.push(r.url());
  });

  // A real PNG (a piece of the screen), chosen from the paperclip with the keyboard.
  const png = await alice.page.screenshot({ clip: { x: 0, y: 0, width: 160, height: 100 } });
  const chooser = alice.page.waitForEvent('filechooser');
  await attach(alice).focus();
  await alice.page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: photo, mimeType: 'image/png', buffer: png });
  await expectDecoded(alice.page, photo);
  await expect(thread(alice).locator('[data-state]').last()).toHaveText(/^(Sent|Delivered|Read)$/);
  await expectDecoded(bob.page, photo);

  // Ben opens it full size: the server's own answer, an image for him.
  const link = thread(bob).getByRole('link', { name: `${photo} (opens full size)` });
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^http:\/\/[^/]+\/api\/attachments\/[A-Za-z0-9_-]{32}$/);
  const [full] = await Promise.all([bob.page.waitForEvent('popup'), link.click()]);
  const shown = await full.waitForLoadState().then(() => full.evaluate(() => document.contentType));
  expect(shown).toBe('image/png');
  await full.close();

  // Without a session the same URL is refused.
  const stranger = await playwrightRequest.newContext();
  const refused = await stranger.get(href!);
  expect(refused.status()).toBe(401);
  await stranger.dispose();

  // A PDF: a chip with name and size that downloads it.
  await fileInput(alice).setInputFiles({
    name: offer,
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  });
  const chip = thread(bob).getByRole('link', { name: `Download ${offer}, PDF, 48 bytes` });
  await expect(chip).toBeVisible();
  await expect(chip).toHaveAttribute('download', offer);
  expect(uploads).toHaveLength(2);

  // Refused before any upload, with a sentence; nothing is sent.
  const before = await thread(alice).getByRole('listitem').count();
  await fileInput(alice).setInputFiles({
    name: 'holiday.png',
    mimeType: 'image/png',
    buffer: Buffer.concat([png, Buffer.alloc(11_000_000)]),
  });
  await expect(alice.page.getByRole('alert')).toHaveText(
    'holiday.png is too big (11 MB); files can be at most 10 MB.',
  );
  await fileInput(alice).setInputFiles({
    name: 'setup.exe',
    mimeType: 'application/octet-stream',
    buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
  });
  await expect(alice.page.getByRole('alert')).toHaveText(
    'setup.exe cannot be sent: only images (PNG, JPEG, WebP, GIF) and PDFs can.',
  );
  expect(uploads).toHaveLength(2);
  expect(await thread(alice).getByRole('listitem').count()).toBe(before);
  await shootSizes(alice.page, SHOTS, 'conversation-alice-refused');
  // Text still goes, and the refusal makes way once something is sent.
  await composer(alice).fill('See the offer above.');
  await composer(alice).press('Enter');
  await expect(thread(bob).getByText('See the offer above.')).toBeVisible();
  await expect(alice.page.getByRole('alert')).toHaveCount(0);

  const { violations } = await axeOn(bob.page).include('main').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await shootSizes(bob.page, SHOTS, 'conversation-bob');

  // The same conversation in Arabic: right to left, translated, axe-clean.
  await bob.page.evaluate(() => localStorage.setItem('openline.locale', 'ar'));
  await bob.page.reload();
  await expect(bob.page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(bob.page.getByRole('link', { name: 'كل المحادثات' })).toBeVisible();
  await expect(
    bob.page
      .getByRole('list', { name: /^الرسائل مع/ })
      .getByRole('link', { name: new RegExp(`^تنزيل Offer ${tag}\\.pdf، PDF، `) }),
  ).toBeVisible();
  await expect(bob.page.getByRole('button', { name: 'إرفاق صورة أو ملف PDF' })).toBeVisible();
  await bob.page.getByRole('link', { name: 'كل المحادثات' }).click();
  await expect(bob.page.getByRole('heading', { name: 'الرسائل' })).toBeVisible();
  const arabic = await axeOn(bob.page).include('main').analyze();
  expect(arabic.violations.map((v) => v.id)).toEqual([]);
  await shootSizes(bob.page, SHOTS, 'list-bob-arabic');
});
