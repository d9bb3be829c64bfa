/**
 * Issue 14: the customer on the join page chats with the agent before the call (both see the
 * messages, an unread count while the panel is closed), during the call while media flows, and after a
 * reload finds the same conversation; the transcript download holds it. axe on the join page with the
 * chat open and on the agent's panel. Needs the built app (`npx vite build`).
 */
import { axeOn } from '../support/axe';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/phone';
import { createLinkInAgentTab, customerPage } from '../support/webcall-links';
import { installRtcProbe, mediaDelta } from '../support/rtc-probe';

/** The customer is on a phone: what the agent is told comes from this user agent, locale and screen. */
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/join-chat-${name}.png`, animations: 'disabled' });

async function expectMediaFlowing(page: Page) {
  await expect
    .poll(
      async () => {
        const { before, after } = await mediaDelta(page, 1000);
        return after.audio.packetsReceived - before.audio.packetsReceived;
      },
      { message: 'customer receives audio', timeout: 45_000, intervals: [0] },
    )
    .toBeGreaterThan(5);
}

test('join page chat: before and during the call, after a reload, transcript, on both sides', async ({
  alice,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await alice.signIn();
  await alice.openTab('Agent');
  const link = await createLinkInAgentTab(alice.page);
  const agentChat = alice.page.getByRole('region', { name: 'Chat with Chris Customer' });
  const agentLog = agentChat.getByRole('log');
  const agentBox = agentChat.getByRole('textbox', { name: 'Message' });

  const { context, page, errors } = await customerPage(browser, {
    baseURL,
    screen: { width: 390, height: 844 },
    userAgent: ANDROID_CHROME,
    locale: 'de-DE',
    acceptDownloads: true,
  });
  await installRtcProbe(page);
  await page.goto(link);
  await expect(page.getByRole('heading', { name: /^Video call with/ })).toBeVisible();

  // Before the call: the customer writes first; the agent sees it live and answers.
  const toggle = page.getByRole('button', { name: /^Chat/ });
  await toggle.click();
  const customerChat = page.getByRole('region', { name: /^Chat with / });
  const customerLog = customerChat.getByRole('log');
  const customerBox = customerChat.getByRole('textbox', { name: 'Message' });
  await customerBox.fill('Hello, <b>I am</b> waiting');
  await customerBox.press('Enter');
  await expect(customerLog.getByTestId('chat-message')).toHaveText([/You.*Hello, <b>I am<\/b> waiting/]);
  await expect(agentLog.getByTestId('chat-message')).toHaveText([
    /Chris Customer.*Hello, <b>I am<\/b> waiting/,
  ]);
  // The customer's locale and device (read by the page, not typed) reach the agent.
  await expect(agentChat.getByTestId('webcall-chat-guest')).toHaveText(
    'Customer’s device: Language de-DE · Android, Chrome 131 · screen 390 × 844',
  );
  await agentBox.fill('Hi Chris, joining in a minute');
  await agentChat.getByRole('button', { name: 'Send' }).click();
  await expect(customerLog.getByTestId('chat-message').nth(1)).toContainText('Hi Chris, joining in a minute');
  await shot(page, 'customer-prejoin-phone');
  const joinAxe = await axeOn(page).analyze();
  expect(joinAxe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  const agentAxe = await axeOn(alice.page).include('.webcall-panel').analyze();
  expect(agentAxe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await shot(alice.page, 'agent-desktop');

  // Closed panel: a new message from the agent shows as unread on the Chat button; a draft is kept.
  await customerBox.fill('A draft kept while the panel is closed');
  await customerChat.getByRole('button', { name: 'Close chat' }).click();
  await expect(customerChat).toBeHidden();
  await agentBox.fill('Press Join when you are ready');
  await agentBox.press('Enter');
  await expect(page.getByTestId('join-chat-unread')).toHaveText('1 unread');

  // During the call: media flows and the conversation goes on.
  await page.getByRole('button', { name: 'Join call' }).click();
  await expect(page.getByTestId('webcall-status')).toHaveText('Connected', { timeout: 20_000 });
  await expect(alice.callStatus).toHaveText('Connected', { timeout: 20_000 });
  await expectMediaFlowing(page);
  await toggle.click();
  await expect(page.getByTestId('join-chat-unread')).toHaveCount(0);
  await expect(customerBox).toHaveValue('A draft kept while the panel is closed');
  await customerBox.fill('I can see you now');
  await customerBox.press('Enter');
  await expect(customerLog.getByTestId('chat-message')).toHaveCount(4);
  await expect(page.getByRole('button', { name: 'Leave' })).toBeInViewport();
  await shot(page, 'customer-in-call-phone');
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'customer-in-call-desktop');
  await page.setViewportSize({ width: 390, height: 844 });
  // The agent's call screen covers the tabs: the chat is docked beside it, with the same messages.
  await expect(agentLog.getByTestId('chat-message').last()).toContainText('I can see you now');
  await expect(agentLog.getByTestId('chat-message')).toHaveCount(4);
  await agentBox.fill('Great, I see you too');
  await agentBox.press('Enter');
  await expect(customerLog.getByTestId('chat-message').last()).toContainText('Great, I see you too');
  await shot(alice.page, 'agent-in-call-desktop');
  await expectMediaFlowing(page);

  // A reload: the same link, the same guest, the whole conversation, in order, once each.
  await page.reload();
  await expect(page.getByRole('heading', { name: /^Video call with/ })).toBeVisible();
  await page.getByRole('button', { name: /^Chat/ }).click();
  await expect(customerLog.getByTestId('chat-message')).toHaveText([
    /You.*Hello, <b>I am<\/b> waiting/,
    /Hi Chris, joining in a minute/,
    /Press Join when you are ready/,
    /You.*I can see you now/,
    /Great, I see you too/,
  ]);
  await customerBox.fill('Back after a reload');
  await customerBox.press('Enter');
  await expect(agentLog.getByTestId('chat-message').last()).toContainText('Back after a reload');
  await expect(agentLog.getByTestId('chat-message')).toHaveCount(6);

  // Transcript (.txt) on both sides.
  const [customerDownload] = await Promise.all([
    page.waitForEvent('download'),
    customerChat.getByRole('button', { name: 'Download transcript' }).click(),
  ]);
  expect(customerDownload.suggestedFilename()).toMatch(/^openline-chat-\d{4}-\d{2}-\d{2}\.txt$/);
  const customerText = await readFile((await customerDownload.path())!, 'utf8');
  expect(customerText).toMatch(/^Chat with .+\n\n\[.+\] You: Hello, <b>I am<\/b> waiting\n/);
  expect(customerText).toContain(': Hi Chris, joining in a minute\n');
  expect(customerText).toContain('] You: Back after a reload\n');
  const [agentDownload] = await Promise.all([
    alice.page.waitForEvent('download'),
    agentChat.getByRole('button', { name: 'Download transcript' }).click(),
  ]);
  const agentText = await readFile((await agentDownload.path())!, 'utf8');
  expect(agentText).toContain('] Chris Customer: Back after a reload\n');
  expect(agentText).toContain('] You: Press Join when you are ready\n');

  expect(errors).toEqual([]);
  await context.close();
});

test('a chat whose code fails to load offers a retry, and the retry brings the chat', async ({
  alice,
  browser,
  baseURL,
}) => {
  await alice.signIn();
  await alice.openTab('Agent');
  const link = await createLinkInAgentTab(alice.page);
  const { context, page, errors } = await customerPage(browser, { baseURL });
  // The chat's chunk cannot be fetched (a dropped connection, a deploy meanwhile) until the retry.
  let reachable = false;
  let refused = 0;
  await page.route(/\/assets\/JoinChat-[\w-]+\.js$/, async (route) => {
    if (reachable) return route.continue();
    refused++;
    return route.abort('connectionreset');
  });
  await page.goto(link);
  await expect(page.getByRole('heading', { name: /^Video call with/ })).toBeVisible();
  const retry = page.getByRole('button', { name: 'Retry chat' });
  await expect(retry).toBeVisible();
  await expect(retry).toHaveAccessibleDescription('The chat could not be loaded.');
  expect((await axeOn(page).analyze()).violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await shot(page, 'retry-phone');
  // Under the header, not in its row of tools: the header stays one row on a phone (44 px buttons and
  // its padding), as it is with the chat's button; the reason is visible, not only to screen readers.
  expect((await page.getByRole('banner').boundingBox())!.height).toBeLessThan(90);
  await expect(page.getByText('The chat could not be loaded.')).toBeVisible();
  const phone = page.viewportSize()!;
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'retry-desktop');
  await page.setViewportSize(phone);
  reachable = true;
  await retry.focus();
  await page.keyboard.press('Enter');
  const toggle = page.getByRole('button', { name: /^Chat/ });
  await expect(toggle).toBeVisible();
  await expect(retry).toBeHidden();
  // Focus moved from the retry button, now gone, to the chat's.
  await expect(toggle).toBeFocused();
  await toggle.click();
  await expect(
    page.getByRole('region', { name: /^Chat with / }).getByRole('textbox', { name: 'Message' }),
  ).toBeVisible();
  expect(refused).toBeGreaterThan(0);
  // Besides the browser's own line for each refused request, the page reports no error.
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  await context.close();
});
