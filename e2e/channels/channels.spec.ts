/**
 * Bring your own channel (issue 14) on the shared server's seeded `demo-whatsapp` channel and its fake
 * provider: a signed WhatsApp message reaches 1002's Agent tab live, the reply reaches the provider;
 * a bad signature is refused with nothing stored; a returning customer goes back to the agent who last
 * engaged; outside the 24-hour window free text is blocked (UI and server) and a template goes out.
 */
import { axeOn } from '../support/axe';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_CHANNEL } from '../../server/channels/options';
import { whatsappInbound } from '../../server/channels/testing/sign';
import { expect, test } from '../support/phone';
import { E2E_DATA_DIR } from '../support/ports';

const SHOTS = 'test-results/screens';
/** Customer numbers unique to this run (the e2e data directory outlives runs). */
const run = String(Date.now()).slice(-6);
const customer = (n: number) => `4477009${run}${n}`;
let seq = 0;

async function inbound(
  request: APIRequestContext,
  from: string,
  text: string,
  opts: { secret?: string; ref?: string; name?: string } = {},
) {
  const req = whatsappInbound(opts.secret ?? DEMO_CHANNEL.secret, {
    id: `wamid.e2e.${run}.${++seq}`,
    from,
    name: opts.name ?? 'Wendy Walker',
    text,
    timestampMs: Date.now(),
    ...(opts.ref ? { ref: opts.ref } : {}),
  });
  return request.post('/api/channels/demo-whatsapp/inbound', { headers: req.headers, data: req.body });
}

async function providerOutbox(request: APIRequestContext): Promise<Array<Record<string, unknown>>> {
  const res = await request.get('/api/dev/fake-provider/demo-whatsapp');
  return ((await res.json()) as { messages: Array<{ body: Record<string, unknown> }> }).messages.map(
    (m) => m.body,
  );
}

function db<T>(fn: (d: Database.Database) => T): T {
  const d = new Database(join(E2E_DATA_DIR, 'openline.db'));
  try {
    d.pragma('busy_timeout = 5000');
    return fn(d);
  } finally {
    d.close();
  }
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
    await page.screenshot({ path: `${SHOTS}/${w}x${h}-channels-${name}.png`, animations: 'disabled' });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a signed WhatsApp message reaches 1002’s Agent tab live, and the reply reaches the provider', async ({
  bob,
  request,
}) => {
  const page = bob.page;
  await bob.signIn();
  await openAgentTab(page);
  const from = customer(1);

  const res = await inbound(request, from, 'Hello, my parcel has not arrived', {
    ref: 'agent:1002',
    name: `Wendy One ${run}`,
  });
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ received: 1, duplicates: 0, ignored: 0 });

  // Live (SSE): no reload.
  await expect(item(page, `Wendy One ${run}`)).toContainText('1 unread');
  await expect(item(page, `Wendy One ${run}`)).toContainText('Hello, my parcel has not arrived');
  await item(page, `Wendy One ${run}`).click();
  await expect(panel(page).getByTestId('window-state')).toHaveText(/^Window open, closes in 2[34] hours$/);
  await panel(page).getByText('Session fields').click();
  await expect(panel(page).locator('.session-fields')).toContainText(from);
  await expect(panel(page).locator('.session-fields')).toContainText('Agent id1002');
  await expect(panel(page).locator('.session-fields')).toContainText('Routednamed');

  const axe = await axeOn(page).include('.conversations-panel').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(', ')}`)).toEqual(
    [],
  );

  await panel(page).getByRole('textbox', { name: 'Reply' }).fill('Sorry about that, let me check.');
  await panel(page).getByRole('button', { name: 'Send', exact: true }).click();
  await expect(panel(page).getByTestId('timeline-message').last()).toContainText(
    'Sorry about that, let me check.',
  );
  await expect(panel(page).getByTestId('timeline-status').last()).toHaveText('Sent');
  expect(await providerOutbox(request)).toContainEqual(
    expect.objectContaining({
      to: from,
      type: 'text',
      text: expect.objectContaining({ body: 'Sorry about that, let me check.' }),
    }),
  );
  // The customer writes again: it arrives in the open timeline.
  await inbound(request, from, 'Thanks!', { name: `Wendy One ${run}` });
  await expect(panel(page).getByTestId('timeline-message').last()).toContainText('Thanks!');
  await shots(page, 'timeline');
});

test('the panel says when its live updates are lost, and new messages show once it is live again', async ({
  bob,
  request,
}) => {
  const page = bob.page;
  await bob.signIn();
  // The event stream's requests fail (a network drop) until the route is removed.
  await page.route('**/api/channels/events', (route) => route.abort('connectionreset'));
  await openAgentTab(page);
  const stream = panel(page).getByTestId('conversations-stream');
  await expect(stream).toHaveText(/^Live updates lost\. Reconnecting…/);
  await page.unroute('**/api/channels/events');
  // The browser retries by itself, a few seconds apart.
  await expect(stream).toHaveText(/^Live:/, { timeout: 15_000 });
  const name = `Wendy Back ${run}`;
  const res = await inbound(request, customer(9), 'Are you still there?', { ref: 'agent:1002', name });
  expect(res.status()).toBe(200);
  await expect(item(page, name)).toContainText('Are you still there?');
});

test('a bad signature is refused with 401 and nothing is stored', async ({ request }) => {
  const count = () =>
    db((d) => (d.prepare('SELECT COUNT(*) AS n FROM channel_messages').get() as { n: number }).n);
  const before = count();
  const res = await inbound(request, customer(2), 'forged', { secret: 'not-the-demo-secret-at-all' });
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ error: 'bad_signature' });
  expect(count()).toBe(before);
  expect(
    db((d) => d.prepare('SELECT COUNT(*) AS n FROM channel_customers WHERE channel_id = ?').get(customer(2))),
  ).toEqual({ n: 0 });
});

test('a returning customer is routed to the agent who last engaged with them', async ({
  alice,
  bob,
  request,
}) => {
  await alice.signIn();
  await bob.signIn();
  await openAgentTab(alice.page);
  await openAgentTab(bob.page);
  const from = customer(3);
  // First contact names 1002 (a QR deep-link ref); 1002 replies, then closes.
  await inbound(request, from, 'Hi from the QR code', { ref: 'agent:1002', name: `Rita Returning ${run}` });
  await item(bob.page, `Rita Returning ${run}`).click();
  const p = panel(bob.page);
  await p.getByRole('textbox', { name: 'Reply' }).fill('Done, anything else?');
  await p.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(p.getByTestId('timeline-status').last()).toHaveText('Sent');
  await p.getByRole('button', { name: 'Close conversation' }).click();
  await expect(p.getByTestId('timeline-message').last()).toContainText(
    'This session has ended. Reply to this message to start again.',
  );
  await expect
    .poll(async () =>
      (await providerOutbox(request))
        .filter((b) => b.to === from)
        .map((b) => (b.text as { body: string }).body),
    )
    .toContain('This session has ended. Reply to this message to start again.');
  await p.getByRole('button', { name: 'All conversations' }).click();

  // She comes back without any ref, while 1001 is available too: 1002 gets her again.
  await inbound(request, from, 'Me again', { name: `Rita Returning ${run}` });
  const fresh = item(bob.page, `Rita Returning ${run}`).filter({ hasText: '1 unread' });
  await expect(fresh).toBeVisible();
  await shots(bob.page, 'list');
  await fresh.click();
  await p.getByText('Session fields').click();
  await expect(p.locator('.session-fields')).toContainText('Routedreturning');
  await expect(item(alice.page, `Rita Returning ${run}`)).toHaveCount(0);
});

test('outside the 24-hour window free text is blocked and a template is sent', async ({ bob, request }) => {
  const page = bob.page;
  await bob.signIn();
  await openAgentTab(page);
  const from = customer(4);
  await inbound(request, from, 'Can you call me tomorrow?', {
    ref: 'agent:1002',
    name: `Tom Template ${run}`,
  });
  await expect(item(page, `Tom Template ${run}`)).toBeVisible();
  // A day and an hour pass since her message.
  db((d) =>
    d
      .prepare(
        `UPDATE channel_conversations SET last_inbound_at = last_inbound_at - 25 * 3600000
         WHERE customer = (SELECT id FROM channel_customers WHERE channel_id = ?)`,
      )
      .run(from),
  );
  await item(page, `Tom Template ${run}`).click();
  const p = panel(page);
  await expect(p.getByTestId('window-state')).toHaveText('Window closed: only templates');
  await expect(p.getByRole('textbox', { name: 'Reply' })).toBeDisabled();
  await expect(p.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();

  // The server refuses free text too (the page's own session).
  const list = (await (await page.request.get('/api/channels/conversations')).json()) as {
    conversations: Array<{ id: number; channelId: string }>;
  };
  const id = list.conversations.find((c) => c.channelId === from)!.id;
  const refused = await page.request.post(`/api/channels/conversations/${id}/messages`, {
    data: { text: 'hi' },
  });
  expect(refused.status()).toBe(409);
  expect(await refused.json()).toMatchObject({ error: 'window_closed' });

  await p.getByRole('combobox', { name: 'Template' }).selectOption('call_back');
  await p.getByRole('button', { name: 'Send template' }).click();
  await expect(p.getByTestId('timeline-status').last()).toHaveText('Sent');
  expect((await providerOutbox(request)).filter((b) => b.to === from)).toEqual([
    expect.objectContaining({ type: 'template', template: { name: 'call_back', language: { code: 'en' } } }),
  ]);
  const axe = await axeOn(page).include('.conversations-panel').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(', ')}`)).toEqual(
    [],
  );
  await shots(page, 'window-closed');
});

test('one click sends a webcall link on the channel; a reply the provider refuses shows as Failed', async ({
  bob,
  request,
}) => {
  const page = bob.page;
  await bob.signIn();
  await openAgentTab(page);
  const from = customer(5);
  const name = `Cara Call ${run}`;
  await inbound(request, from, 'Can we talk on video?', { ref: 'agent:1002', name });
  await item(page, name).click();
  const p = panel(page);
  await p.getByRole('button', { name: 'Send call link' }).click();
  const call = p.getByTestId('timeline-message').last();
  await expect(call).toContainText('Call link');
  await expect(call).toContainText(/Join the video call: http:\/\/127\.0\.0\.1:\d+\/join#/);
  await expect(call.getByTestId('timeline-status')).toHaveText('Sent');
  // The same link the Webcall panel made, and it went out on the customer's channel.
  await expect(page.getByTestId('webcall-agent-status')).toBeVisible();
  const sent = (await providerOutbox(request)).filter((b) => b.to === from);
  expect(sent).toEqual([
    expect.objectContaining({
      type: 'text',
      text: expect.objectContaining({ body: expect.stringContaining('/join#') }),
    }),
  ]);
  await p.getByText('Session fields').click();
  await expect(p.locator('.session-fields')).toContainText(/Guest id\S+/);
  await expect(p.locator('.session-fields')).not.toContainText('Guest id—');

  // The provider is down: three attempts, then a dead letter shown with its reason.
  await request.put('/api/dev/fake-provider/demo-whatsapp/failing', {
    headers: { 'Content-Type': 'application/json' },
    data: 'true',
  });
  try {
    await p.getByRole('textbox', { name: 'Reply' }).fill('Are you still there?');
    await p.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(p.getByTestId('timeline-status').last()).toHaveText('Failed: The provider answered 503.', {
      timeout: 20_000,
    });
  } finally {
    await request.put('/api/dev/fake-provider/demo-whatsapp/failing', {
      headers: { 'Content-Type': 'application/json' },
      data: 'false',
    });
  }
  await shots(page, 'call-link-failed');
});
