/**
 * Issue 14 (ADR 0030): typing indication and files in the webcall room conversation. The customer on
 * the join page and the agent in the Agent tab each see "<other> is typing…" while the other types,
 * gone once the message arrives; with the join widget's File transfer on (ticked in Admin), the
 * customer sends an image the agent sees inline and the agent sends a PDF the customer downloads; with
 * it off there is no Attach button and the server refuses a guest's upload (403 file_transfer_off).
 * axe on both sides; screenshots (phone and desktop) in test-results/screens/. The server's
 * configuration is put back afterwards. Needs the built app (`npx vite build`).
 */
import { axeOn } from '../support/axe';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { DEFAULT_WEBPHONE_CONFIG } from '../../src/api/webphone-schemas';
import { JoinPayload } from '../../src/webcall/payload';
import { DEMO_PASSWORD } from '../support/ports';
import { expect, test } from '../support/phone';
import { createLinkInAgentTab, customerPage, serverRoom } from '../support/webcall-links';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/room-chat-${name}.png`, animations: 'disabled' });

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);

test('room chat: typing both ways, an image from the customer, a PDF from the agent', async ({
  alice,
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  await alice.signIn();
  const admin = alice.page;
  // The operator turns file transfer on in Admin → Configuration → Join page.
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  const section = admin.getByRole('group', { name: 'Join page' });
  await section.getByLabel('File transfer').check();
  await admin.getByRole('button', { name: 'Save configuration' }).click();
  await expect(admin.getByTestId('admin-status')).toHaveText(/^Saved/);

  await alice.openTab('Agent');
  const link = await createLinkInAgentTab(admin);
  const agentChat = admin.getByRole('region', { name: 'Chat with Chris Customer' });
  const agentLog = agentChat.getByRole('log');
  const agentBox = agentChat.getByRole('textbox', { name: 'Message' });
  const agentTyping = agentChat.getByTestId('chat-typing');

  const { context, page, errors } = await customerPage(browser, { baseURL, acceptDownloads: true });
  await page.goto(link);
  await expect(page.getByRole('heading', { name: /^Video call with/ })).toBeVisible();
  await page.getByRole('button', { name: /^Chat/ }).click();
  const customerChat = page.getByRole('region', { name: /^Chat with / });
  const customerLog = customerChat.getByRole('log');
  const customerBox = customerChat.getByRole('textbox', { name: 'Message' });
  const customerTyping = customerChat.getByTestId('chat-typing');
  await expect(customerChat.getByRole('button', { name: 'Attach file' })).toBeVisible();

  // The customer types: the agent is told (a polite live region), and it goes when the message arrives.
  await expect(agentTyping).toHaveText('');
  await customerBox.pressSequentially('Hello, my router');
  await expect(agentTyping).toHaveText('Chris Customer is typing…');
  await expect(agentTyping).toHaveAttribute('aria-live', 'polite');
  await customerBox.press('Enter');
  await expect(agentLog.getByTestId('chat-message')).toHaveText([/Chris Customer.*Hello, my router/]);
  await expect(agentTyping).toHaveText('');

  // The agent types: the customer is told, with the agent's name.
  await agentBox.pressSequentially('Can you send a photo?');
  await expect(customerTyping).toHaveText(/^.+ is typing…$/);
  await shot(page, 'customer-typing-phone');
  await agentBox.press('Enter');
  await expect(customerLog.getByTestId('chat-message').last()).toContainText('Can you send a photo?');
  await expect(customerTyping).toHaveText('');

  // The customer sends an image: both see it inline, loaded.
  const png = await readFile('public/icons/icon-192.png');
  await customerChat.getByTestId('chat-file-input').setInputFiles({
    name: 'router.png',
    mimeType: 'image/png',
    buffer: png,
  });
  const agentImage = agentLog.getByRole('img', { name: 'router.png' });
  await expect(agentImage).toBeVisible();
  await expect.poll(() => agentImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(192);
  const customerImage = customerLog.getByRole('img', { name: 'router.png' });
  await expect.poll(() => customerImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(192);

  // A file that is not an image or a PDF is refused before it is sent.
  await customerChat.getByTestId('chat-file-input').setInputFiles({
    name: 'notes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('just text'),
  });
  await expect(customerChat.getByRole('alert')).toHaveText(
    'Only images (PNG, JPEG, WebP, GIF) and PDF files can be sent.',
  );

  // The agent sends a PDF: the customer gets a link and opens (downloads) the same bytes.
  await agentChat.getByTestId('chat-file-input').setInputFiles({
    name: 'invoice.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  const pdfLink = customerLog.getByRole('link', { name: /^invoice\.pdf \(PDF, / });
  await expect(pdfLink).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
  expect(download.suggestedFilename()).toBe('invoice.pdf');
  expect((await readFile((await download.path())!)).equals(PDF)).toBe(true);
  await expect(agentLog.getByRole('link', { name: /^invoice\.pdf \(PDF, / })).toBeVisible();

  const customerAxe = await axeOn(page).analyze();
  expect(customerAxe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  const agentAxe = await axeOn(admin).include('.webcall-panel').analyze();
  expect(agentAxe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await shot(page, 'customer-files-phone');
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'customer-files-desktop');
  await shot(admin, 'agent-files-desktop');
  await page.setViewportSize({ width: 390, height: 844 });

  // The operator turns file transfer off: a reopened page has no Attach button, and the server refuses.
  const off = await admin.request.put('/api/webphone/config', { data: DEFAULT_WEBPHONE_CONFIG });
  expect(off.status()).toBe(200);
  await page.reload();
  await expect(page.getByRole('heading', { name: /^Video call with/ })).toBeVisible();
  await page.getByRole('button', { name: /^Chat/ }).click();
  await expect(customerLog.getByRole('img', { name: 'router.png' })).toBeVisible();
  await expect(customerChat.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(customerChat.getByRole('button', { name: 'Attach file' })).toHaveCount(0);
  await shot(page, 'customer-files-off-phone');

  const room = await serverRoom(baseURL!);
  const payload = JoinPayload.parse(JSON.parse(Buffer.from(room.link.payload, 'base64url').toString('utf8')));
  const guest = await page.request.post(`/api/webcall/rooms/${room.roomId}/chat/guest`, {
    data: { key: payload.chatKey },
  });
  expect(guest.status()).toBe(200);
  const { token } = (await guest.json()) as { token: string };
  const refused = await page.request.post(`/api/webcall/rooms/${room.roomId}/chat/files`, {
    headers: { Authorization: `Guest ${token}`, 'X-Openline-Upload': '1' },
    multipart: {
      clientId: 'e2e-file-off-01',
      file: { name: 'router.png', mimeType: 'image/png', buffer: png },
    },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: 'file_transfer_off' });

  expect(errors).toEqual([]);
  await context.close();
});

// Back to today's configuration for the specs that follow on this shared server, even after a failure.
test.afterEach(async ({ request }) => {
  const session = await request.post('/api/session', { data: { username: '1001', password: DEMO_PASSWORD } });
  expect(session.status()).toBe(200);
  const res = await request.put('/api/webphone/config', { data: DEFAULT_WEBPHONE_CONFIG });
  expect(res.status()).toBe(200);
});
