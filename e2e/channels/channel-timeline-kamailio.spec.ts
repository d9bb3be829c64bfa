/**
 * ADR 0034, project `kamailio`: behind Kamailio the reference server sees no SIP dialog, so the call rows
 * of a channel conversation's timeline come from the agent's app. The agent sends the call link on the
 * seeded `demo-whatsapp` conversation, the customer opens it and joins through Kamailio, and the agent
 * sees "answered" while the call is on, then "ended" with its duration, in the same timeline.
 * Needs the built app (`npm run build`).
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_CHANNEL } from '../../server/channels/options';
import { whatsappInbound } from '../../server/channels/testing/sign';
import { expect, test } from '../support/phone';
import { customerPage } from '../support/webcall-links';

const run = String(Date.now()).slice(-6);

async function providerOutbox(request: APIRequestContext): Promise<Array<Record<string, unknown>>> {
  const res = await request.get('/api/dev/fake-provider/demo-whatsapp');
  return ((await res.json()) as { messages: Array<{ body: Record<string, unknown> }> }).messages.map(
    (m) => m.body,
  );
}

const panel = (page: Page) => page.getByRole('region', { name: 'Conversations' });

test('behind Kamailio the agent’s app reports the call: answered, then ended with its duration', async ({
  bob,
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(150_000);
  // The proof is about external mode: this server has no dialogs to watch.
  const health = (await (await request.get('/api/health')).json()) as { sip: { mode: string } };
  expect(health.sip.mode).toBe('external');

  const page = bob.page;
  await bob.signIn();
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /^Agent/ })
    .click();
  const p = panel(page);
  await expect(p.getByRole('heading', { name: 'Conversations' })).toBeVisible();
  // Behind Kamailio bob counts as available only while his panel's event stream is open (the server
  // sees no registration). The panel says "Live" once the server holds it: post after that, or the
  // conversation waits in the queue unassigned.
  await expect(p.getByTestId('conversations-stream')).toHaveText(/^Live:/);

  const from = `4477029${run}1`;
  const name = `Kam Caller ${run}`;
  const req = whatsappInbound(DEMO_CHANNEL.secret, {
    id: `wamid.e2e.kam.${run}`,
    from,
    name,
    text: 'Can we talk on video?',
    timestampMs: Date.now(),
    ref: 'agent:1002',
  });
  const res = await request.post('/api/channels/demo-whatsapp/inbound', {
    headers: req.headers,
    data: req.body,
  });
  expect(res.status()).toBe(200);
  await p.getByTestId('conversation-item').filter({ hasText: name }).click();
  await p.getByRole('button', { name: 'Send call link' }).click();
  await expect(p.getByTestId('timeline-message').last()).toContainText('Call link');
  await expect.poll(async () => (await providerOutbox(request)).filter((b) => b.to === from)).toHaveLength(1);
  const text = ((await providerOutbox(request)).filter((b) => b.to === from)[0]!.text as { body: string })
    .body;
  const url = /https?:\/\/\S+\/join#\S+/.exec(text)![0];

  const rows = p.getByTestId('timeline-call');
  const guest = await customerPage(browser, { baseURL });
  try {
    await guest.page.goto(url);
    await expect(guest.page.getByRole('heading', { name: /^Video call with/ })).toBeVisible();
    await expect(rows).toHaveText([/^The customer opened the call link/]);
    await guest.page.getByRole('button', { name: 'Join call' }).click();
    await expect(guest.page.getByTestId('webcall-status')).toHaveText('Connected', { timeout: 20_000 });
    await expect(bob.callStatus).toHaveText('Connected', { timeout: 20_000 });
    // While the call is on, the timeline already says it was answered (and not that it ended).
    await expect(rows).toHaveText([
      /^The customer opened the call link/,
      /The customer joined the call and it was answered/,
    ]);
    await page.waitForTimeout(1_500); // a call with a length to show
    await guest.page.getByRole('button', { name: 'Leave' }).click();
    await expect(guest.page.getByRole('heading', { name: 'Call ended' })).toBeVisible();
    await expect(bob.callStatus).toBeHidden({ timeout: 20_000 });
  } finally {
    await guest.context.close();
  }
  await expect(rows).toHaveText(
    [
      /^The customer opened the call link/,
      /The customer joined the call and it was answered/,
      /Call ended after 00:0[1-9]|Call ended after 00:[1-5]\d/,
    ],
    { timeout: 10_000 },
  );
  await expect(rows.nth(1)).toHaveAttribute('data-event', 'answered');
  await expect(rows.nth(2)).toHaveAttribute('data-event', 'ended');
});
