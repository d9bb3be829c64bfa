/**
 * Issue 14: the join page's widget settings come from the server. The admin sets them in Admin →
 * Configuration → Join page (a bad reconnect time is refused by its field); a customer opening a link
 * sees the title, can resize the text, has emoji buttons and no transcript button; after the admin turns
 * the transcript on and text size and emoji off, the next customer sees that instead. axe on the Admin
 * section and on the join page with the chat open. The server's configuration is put back afterwards:
 * every other spec shares this server. Needs the built app (`npx vite build`).
 */
import { axeOn } from '../support/axe';
import type { Browser, Page } from '@playwright/test';
import { DEFAULT_WEBPHONE_CONFIG, type WebphoneConfig } from '../../src/api/webphone-schemas';
import { DEMO_PASSWORD } from '../support/ports';
import { expect, test } from '../support/phone';
import { createLinkInAgentTab, customerPage } from '../support/webcall-links';
import { SHOT_SIZES, shootSizes } from '../support/screenshots';

const SHOTS = '/tmp/shots-join-widget';

async function createLink(agent: Page, customer: string): Promise<string> {
  await agent.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agent' }).click();
  return createLinkInAgentTab(agent, customer);
}

async function openAsCustomer(browser: Browser, baseURL: string | undefined, link: string) {
  const { context, page, errors } = await customerPage(browser, { baseURL });
  await page.goto(link);
  await expect(page.getByRole('heading', { name: /^Video call with/ })).toBeVisible();
  return { context, page, errors };
}

const rootFontSize = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);

test('the admin’s join page settings change what the customer sees', async ({ alice, browser, baseURL }) => {
  test.setTimeout(120_000);
  await alice.signIn();
  const admin = alice.page;
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  const section = admin.getByRole('group', { name: 'Join page' });
  await section.getByLabel('Join page title').fill('Acme support');
  await section.getByLabel('Transcript download').uncheck();
  await expect(section.getByLabel('File transfer')).not.toBeChecked();
  await section.getByLabel('Chat reconnect time (seconds)').fill('1');
  await admin.getByRole('button', { name: 'Save configuration' }).click();
  await expect(section.getByText('At least 2 seconds.')).toBeVisible();
  await expect(section.getByLabel('Chat reconnect time (seconds)')).toBeFocused();
  await section.getByLabel('Chat reconnect time (seconds)').fill('30');
  const adminAxe = await axeOn(admin).include('main').analyze();
  expect(adminAxe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await admin.getByRole('button', { name: 'Save configuration' }).click();
  await expect(admin.getByTestId('admin-status')).toHaveText(/^Saved/);
  for (const [width, height] of SHOT_SIZES) {
    await admin.setViewportSize({ width, height });
    await section.screenshot({ path: `${SHOTS}/admin-join-page-${width}x${height}.png` });
  }
  await admin.setViewportSize({ width: 1280, height: 800 });

  // The first customer: the title, text size buttons, emoji, and no transcript download.
  const link = await createLink(admin, 'Chris Customer');
  const first = await openAsCustomer(browser, baseURL, link);
  const page = first.page;
  await expect(page.getByRole('banner')).toContainText('Acme support');
  await expect(page).toHaveTitle('Acme support');
  const fontBefore = await rootFontSize(page);
  await page.getByRole('button', { name: 'Larger text' }).click();
  await expect(page.getByRole('group', { name: 'Text size, 113%' })).toBeVisible();
  // The size is applied after the render (the page renders with Preact, which batches updates): poll.
  await expect
    .poll(async () => parseFloat(await rootFontSize(page)))
    .toBeCloseTo(parseFloat(fontBefore) * 1.125, 1);
  await page.getByRole('button', { name: 'Smaller text' }).click();
  await page.getByRole('button', { name: 'Smaller text' }).click();
  await expect(page.getByRole('group', { name: 'Text size, 88%' })).toBeVisible();
  await page.getByRole('button', { name: 'Larger text' }).click();
  await expect.poll(() => rootFontSize(page)).toBe(fontBefore);

  await page.getByRole('button', { name: /^Chat/ }).click();
  const chat = page.getByRole('region', { name: /^Chat with / });
  const box = chat.getByRole('textbox', { name: 'Message' });
  await box.fill('Thanks ');
  await chat.getByRole('group', { name: 'Emoji' }).getByRole('button', { name: 'Add thumbs up' }).click();
  await expect(box).toHaveValue('Thanks 👍');
  await expect(box).toBeFocused();
  await box.press('Enter');
  const agentChat = admin.getByRole('region', { name: 'Chat with Chris Customer' });
  await expect(agentChat.getByRole('log').getByTestId('chat-message')).toHaveText([/Thanks 👍/]);
  await expect(chat.getByRole('log').getByTestId('chat-message')).toHaveCount(1);
  await expect(chat.getByRole('button', { name: 'Download transcript' })).toHaveCount(0);
  // The agent's side is not the join page: its transcript download stays.
  await expect(agentChat.getByRole('button', { name: 'Download transcript' })).toBeVisible();
  const joinAxe = await axeOn(page).analyze();
  expect(joinAxe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await shootSizes(page, SHOTS, 'customer-chat');
  expect(first.errors).toEqual([]);
  await first.context.close();

  // The admin turns the transcript on and text size and emoji off: the next visitor sees that.
  const current = (await (await admin.request.get('/api/webphone/config')).json()) as {
    config: WebphoneConfig;
  };
  const saved = await admin.request.put('/api/webphone/config', {
    data: {
      ...current.config,
      joinWidget: { ...current.config.joinWidget, transcript: true, fontResize: false, emoji: false },
    },
  });
  expect(saved.status()).toBe(200);
  const second = await openAsCustomer(browser, baseURL, link);
  await expect(second.page.getByRole('banner')).toContainText('Acme support');
  await expect(second.page.getByRole('button', { name: 'Larger text' })).toHaveCount(0);
  await second.page.getByRole('button', { name: /^Chat/ }).click();
  const secondChat = second.page.getByRole('region', { name: /^Chat with / });
  await expect(secondChat.getByRole('button', { name: 'Download transcript' })).toBeVisible();
  await expect(secondChat.getByRole('group', { name: 'Emoji' })).toHaveCount(0);
  expect(second.errors).toEqual([]);
  await second.context.close();
});

// Back to today's behaviour for the specs that follow on this shared server, even after a failure.
test.afterEach(async ({ request }) => {
  const session = await request.post('/api/session', { data: { username: '1001', password: DEMO_PASSWORD } });
  expect(session.status()).toBe(200);
  const res = await request.put('/api/webphone/config', { data: DEFAULT_WEBPHONE_CONFIG });
  expect(res.status()).toBe(200);
});
