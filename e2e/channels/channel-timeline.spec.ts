/**
 * ADR 0029 on the shared server's seeded `demo-whatsapp` channel and its fake provider: a customer's
 * image arrives through the provider's media URL and shows inline (kept after our magic-byte check),
 * a file whose bytes are not an image stays a link; the agent attaches a PDF and the provider receives a
 * WhatsApp document message it can fetch; the call link the agent sends → the customer opens it, joins,
 * the call is answered and ends → call rows in the same timeline, the last with its duration.
 * Needs the built app (`npx vite build`).
 */
import { axeOn } from '../support/axe';
import { mkdirSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { FAKE_MEDIA } from '../../server/channels/fake-provider';
import { DEMO_CHANNEL } from '../../server/channels/options';
import { whatsappInbound, type WhatsappMedia } from '../../server/channels/testing/sign';
import { expect, test } from '../support/phone';
import { customerPage } from '../support/webcall-links';

const SHOTS = 'test-results/screens';
/** Customer numbers unique to this run (the e2e data directory outlives runs). */
const run = String(Date.now()).slice(-6);
const customer = (n: number) => `4477019${run}${n}`;
let seq = 0;

async function inbound(
  request: APIRequestContext,
  from: string,
  text: string,
  name: string,
  media?: WhatsappMedia,
) {
  const req = whatsappInbound(DEMO_CHANNEL.secret, {
    id: `wamid.e2e.tl.${run}.${++seq}`,
    from,
    name,
    text,
    timestampMs: Date.now(),
    ref: 'agent:1002',
    ...(media ? { media } : {}),
  });
  const res = await request.post('/api/channels/demo-whatsapp/inbound', {
    headers: req.headers,
    data: req.body,
  });
  expect(res.status()).toBe(200);
}

async function providerOutbox(request: APIRequestContext): Promise<Array<Record<string, unknown>>> {
  const res = await request.get('/api/dev/fake-provider/demo-whatsapp');
  return ((await res.json()) as { messages: Array<{ body: Record<string, unknown> }> }).messages.map(
    (m) => m.body,
  );
}

const panel = (page: Page) => page.getByRole('region', { name: 'Conversations' });
const item = (page: Page, name: string) =>
  panel(page).getByTestId('conversation-item').filter({ hasText: name });

async function openAgentTab(page: Page) {
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /^Agent/ })
    .click();
  await expect(panel(page).getByRole('heading', { name: 'Conversations' })).toBeVisible();
}

async function shots(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [w, h] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await panel(page).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({
      path: `${SHOTS}/${w}x${h}-channel-timeline-${name}.png`,
      animations: 'disabled',
    });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function axe(page: Page) {
  const result = await axeOn(page).include('.conversations-panel').analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(', ')}`)).toEqual(
    [],
  );
}

test('a customer’s image shows inline, an unchecked file as a link; the agent’s PDF reaches the provider as a document', async ({
  bob,
  request,
  baseURL,
}) => {
  const page = bob.page;
  await bob.signIn();
  await openAgentTab(page);
  const from = customer(1);
  const name = `Ivy Image ${run}`;
  const media = (file: string) => `${baseURL}/api/dev/fake-provider/demo-whatsapp/media/${file}`;
  await inbound(request, from, 'The box arrived like this', name, {
    kind: 'image',
    link: media('photo.png'),
    mimeType: 'image/png',
  });
  await inbound(request, from, '', name, {
    kind: 'image',
    link: media('not-an-image.png'),
    mimeType: 'image/png',
  });
  await item(page, name).click();
  const p = panel(page);
  const image = p.getByRole('img', { name: 'Image: image' });
  await expect(image).toBeVisible();
  // The browser really decoded our copy (served from our origin, not the provider's URL).
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  expect(await image.getAttribute('src')).toMatch(/^\/api\/channels\/conversations\/\d+\/media\/\d+$/);
  const link = p.getByTestId('timeline-file-link');
  await expect(link).toHaveText('File at the provider, not checked: image');
  await expect(link).toHaveAttribute('href', media('not-an-image.png'));
  await expect(p.locator('img[src*="fake-provider"]')).toHaveCount(0);

  await p.getByRole('textbox', { name: 'Reply' }).fill('Here is the claim form');
  await p.getByTestId('reply-file').setInputFiles({
    name: 'claim-form.pdf',
    mimeType: 'application/pdf',
    buffer: FAKE_MEDIA['leaflet.pdf']!.bytes,
  });
  const sent = p.getByTestId('timeline-message').last();
  await expect(sent).toContainText('Document: claim-form.pdf');
  await expect(sent).toContainText('Here is the claim form');
  await expect(sent.getByTestId('timeline-status')).toHaveText('Sent');
  const body = (await providerOutbox(request)).filter((b) => b.to === from).at(-1)!;
  expect(body).toMatchObject({
    type: 'document',
    document: { filename: 'claim-form.pdf', caption: 'Here is the claim form' },
  });
  // The provider fetches the file by the link it was given, without a session.
  const fetched = await fetch((body.document as { link: string }).link);
  expect(fetched.status).toBe(200);
  expect(fetched.headers.get('content-type')).toBe('application/pdf');
  await axe(page);
  await shots(page, 'files');
});

test('the call link sent on the channel → the customer opens it, joins, the call ends → call rows with the duration', async ({
  bob,
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const page = bob.page;
  await bob.signIn();
  await openAgentTab(page);
  const from = customer(2);
  const name = `Cal Caller ${run}`;
  await inbound(request, from, 'Can you show me on video?', name);
  await item(page, name).click();
  const p = panel(page);
  await p.getByRole('button', { name: 'Send call link' }).click();
  await expect(p.getByTestId('timeline-message').last()).toContainText('Call link');
  await expect.poll(async () => (await providerOutbox(request)).filter((b) => b.to === from)).toHaveLength(1);
  const text = ((await providerOutbox(request)).filter((b) => b.to === from)[0]!.text as { body: string })
    .body;
  const url = /https?:\/\/\S+\/join#\S+/.exec(text)![0];

  const guest = await customerPage(browser, { baseURL });
  try {
    await guest.page.goto(url);
    await expect(guest.page.getByRole('heading', { name: /^Video call with/ })).toBeVisible();
    const rows = p.getByTestId('timeline-call');
    await expect(rows).toHaveText([/^The customer opened the call link/]);
    await guest.page.getByRole('button', { name: 'Join call' }).click();
    await expect(guest.page.getByTestId('webcall-status')).toHaveText('Connected', { timeout: 20_000 });
    // The agent's app answers its own room's guest; its call screen may cover the tabs meanwhile.
    await expect(bob.callStatus).toHaveText('Connected', { timeout: 20_000 });
    await guest.page.getByRole('button', { name: 'Leave' }).click();
    await expect(guest.page.getByRole('heading', { name: 'Call ended' })).toBeVisible();
    await expect(bob.callStatus).toBeHidden({ timeout: 20_000 });
  } finally {
    await guest.context.close();
  }
  const rows = p.getByTestId('timeline-call');
  await expect(rows).toHaveText(
    [
      /^The customer opened the call link/,
      /The customer joined the call and it was answered/,
      /Call ended after \d\d:\d\d/,
    ],
    { timeout: 10_000 },
  );
  await expect(rows.nth(0)).toHaveAttribute('data-event', 'opened');
  await expect(rows.nth(1)).toHaveAttribute('data-event', 'answered');
  await expect(rows.nth(2)).toHaveAttribute('data-event', 'ended');
  await axe(page);
  await shots(page, 'call');
});
