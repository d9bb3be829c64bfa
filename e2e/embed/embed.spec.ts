/**
 * Issue 13, embedding: a host page on another site (the demo host on http://localhost:18302) mounts
 * Openline (http://127.0.0.1:18301) with the embed SDK; the user signs in inside the frame (the
 * partitioned session cookie at work), the host calls 1002 through the SDK, 1002 answers, RTP flows both
 * ways, the host hears registration/answered/ended and hangs up. Then the operator takes the host off
 * the allow-list: the open frame answers origin_not_allowed and dials nothing, and a reload is refused
 * by CSP frame-ancestors. Its own server (ports from this spec's block), so the shared one never
 * becomes embeddable. Second test: a browser that blocks third-party storage (an incognito window): the
 * frame still signs in and calls, in memory, and says that a reload will sign the user out.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from '@playwright/test';
import { DEFAULT_WEBPHONE_CONFIG } from '../../src/api/webphone-schemas';
import { shootSizes } from '../support/screenshots';
import { OwnServer } from '../support/own-server';
import { DEMO_PASSWORD } from '../support/ports';
import { expect, expectInboundRtp, Phone, test } from '../support/phone';
import { installRtcProbe } from '../support/rtc-probe';

const APP_PORT = 18301;
const DEMO_PORT = 18302;
const HOST_ORIGIN = `http://localhost:${DEMO_PORT}`;
const SHOTS = '/tmp/shots-embed';

const server = new OwnServer(APP_PORT, { EMBED_DEMO_PORT: String(DEMO_PORT) });
let adminCookie = '';

async function saveOrigins(allowedOrigins: string[]): Promise<void> {
  const res = await fetch(`${server.url}/api/webphone/config`, {
    method: 'PUT',
    headers: { cookie: adminCookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...DEFAULT_WEBPHONE_CONFIG, embed: { allowedOrigins } }),
  });
  expect(res.status).toBe(200);
}

test.beforeAll(async () => {
  await server.start();
  const res = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: '1001', password: DEMO_PASSWORD }),
  });
  adminCookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});
test.afterAll(() => server.stop());

/** Inbound audio packets over the frame's peer connections (the RTC probe runs in every frame). */
function framePackets(frame: Frame): Promise<number> {
  return frame.evaluate(async () => {
    let total = 0;
    for (const pc of (window as unknown as { __rtcProbe?: RTCPeerConnection[] }).__rtcProbe ?? []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') total += Number(s.packetsReceived ?? 0);
      });
    }
    return total;
  });
}

/**
 * The agent's browser: a normal profile, where third-party cookies and storage are allowed (the
 * default of desktop Chrome and Edge). Playwright's contexts are off-the-record, which block them like
 * an incognito window; the app's IndexedDB and localStorage would then be denied inside the frame
 * (docs/embedding.md says what that means for users).
 */
function agentProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'openline-embed-profile-'));
  mkdirSync(join(dir, 'Default'));
  writeFileSync(
    join(dir, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
  );
  return dir;
}

const shots = (page: Page, name: string) => shootSizes(page, SHOTS, name);

/** The host calls 1002 through the SDK; Bob answers; RTP flows both ways (Bob's stats, the frame's). */
async function callBobFromHost(host: Page, bob: Phone): Promise<void> {
  const log = host.getByRole('log');
  await host.getByLabel('Number').fill('1002');
  await host.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(log).toContainText('makeCall: ok {"callId"');
  await bob.answer();
  await expect(log).toContainText('event answered {"callId"');
  await expectInboundRtp(bob, 'audio');
  const frame = host.frames().find((f) => f.url().startsWith(server.url));
  expect(frame, 'the Openline frame').toBeDefined();
  const before = await framePackets(frame!);
  await expect.poll(() => framePackets(frame!), { timeout: 15_000 }).toBeGreaterThan(before + 20);
}

test('a host page on another site calls through the embedded app, and a removed origin is refused', async ({
  browser,
  playwright,
  launchOptions,
}) => {
  test.setTimeout(120_000);
  // The operator allows the demo host in Admin → Embedding; a bad entry is refused with its line.
  const admin = await Phone.open(browser, '1001', server.url);
  await admin.signIn();
  await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  const origins = admin.page.getByLabel('Pages allowed to embed Openline');
  await origins.fill(`${HOST_ORIGIN}\nhttp://desk.example.com`);
  await admin.page.getByRole('button', { name: 'Save configuration' }).click();
  await expect(admin.page.getByText('Line 2 (http://desk.example.com): Only https:// origins')).toBeVisible();
  await expect(origins).toBeFocused();
  const adminAxe = await new AxeBuilder({ page: admin.page }).include('.admin-form').analyze();
  expect(adminAxe.violations.map((v) => v.id)).toEqual([]);
  await shots(admin.page, 'admin-embedding-error');
  await origins.fill(HOST_ORIGIN);
  await admin.page.getByRole('button', { name: 'Save configuration' }).click();
  await expect(admin.page.getByTestId('admin-status')).toHaveText('Saved. Open apps update now.');
  await admin.close();

  const profile = agentProfile();
  const context = await playwright.chromium.launchPersistentContext(profile, {
    ...launchOptions,
    permissions: ['camera', 'microphone', 'notifications'],
    viewport: { width: 1280, height: 800 },
  });
  const host = context.pages()[0] ?? (await context.newPage());
  await installRtcProbe(host);
  const refusals: string[] = [];
  host.on('console', (m) => {
    if (/frame-ancestors/.test(m.text())) refusals.push(m.text());
  });
  const log = host.getByRole('log');
  await host.goto(`${HOST_ORIGIN}/`);

  // Sign in inside the cross-site frame: the API session must survive it (partitioned cookie).
  const app = host.frameLocator('iframe[data-openline]');
  await app.getByLabel('Username', { exact: true }).fill('1001');
  await app.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await app.getByRole('button', { name: 'Sign in' }).click();
  await expect(app.getByTestId('registration-status')).toHaveText('Registered');
  // The handshake completes once the app knows its allow-list (from /api/webphone/config, signed in).
  await expect(log).toContainText('ready (registration registered)');
  await expect(log).toContainText('event registration {"state":"registered"}');
  await expect(host.getByRole('status')).toHaveText('Openline: registered');

  const bob = await Phone.open(browser, '1002', server.url);
  await bob.signIn();

  await callBobFromHost(host, bob);
  await shots(host, 'host-in-call');

  await host.getByRole('button', { name: 'Hang up' }).click();
  await expect(log).toContainText('hangup: ok');
  await expect(log).toContainText('event ended {"callId"');

  // Webcall link for the ticket, through the Agent tab's code path (1001 is an admin, so an agent too).
  await host.getByRole('button', { name: 'Send webcall link' }).click();
  await expect(log).toContainText(`sendWebcallLink: ok {"url":"${server.url}/join#`);

  const axe = await new AxeBuilder({ page: host }).exclude('iframe').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // The operator takes the host off the list: the open frame follows (config event) and refuses.
  await saveOrigins([]);
  // Hang up is harmless to repeat (no_call) until the frame has heard of the change.
  await expect
    .poll(async () => {
      await host.getByRole('button', { name: 'Hang up' }).click();
      return log.textContent();
    })
    .toContain('hangup: origin_not_allowed');
  await host.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(log).toContainText('makeCall: origin_not_allowed');
  await expect(bob.incoming).toHaveCount(0);
  expect(bob.receivedRequests('INVITE')).toHaveLength(1); // the first call only

  // A fresh load is refused by the browser: CSP frame-ancestors 'none'.
  await host.reload();
  await expect.poll(() => refusals.length).toBeGreaterThan(0);
  expect(refusals[0]).toContain("frame-ancestors 'none'");
  await expect(app.getByLabel('Username', { exact: true })).toHaveCount(0);
  await shots(host, 'host-refused');

  await bob.close();
  await context.close();
  rmSync(profile, { recursive: true, force: true });
});

test('in a browser that blocks third-party storage the frame still signs in and calls, and says it forgets', async ({
  browser,
}) => {
  await saveOrigins([HOST_ORIGIN]);
  // Playwright's contexts are off the record: third-party cookies and storage are blocked, as in an
  // incognito window. Reading localStorage in the frame throws; IndexedDB is refused.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const host = await context.newPage();
  await installRtcProbe(host);
  const errors: string[] = [];
  host.on('pageerror', (e) => errors.push(e.message));
  await host.goto(`${HOST_ORIGIN}/`);
  const app = host.frameLocator('iframe[data-openline]');
  const notice = app.getByTestId('storage-notice');
  await expect(notice).toContainText('after a reload you will need to sign in again');
  await expect(notice.getByRole('link', { name: 'Open the phone in its own tab' })).toHaveAttribute(
    'target',
    '_blank',
  );

  await app.getByLabel('Username', { exact: true }).fill('1001');
  await app.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await app.getByRole('button', { name: 'Sign in' }).click();
  await expect(app.getByTestId('registration-status')).toHaveText('Registered');
  const log = host.getByRole('log');
  await expect(log).toContainText('ready (registration registered)');

  const bob = await Phone.open(browser, '1002', server.url);
  await bob.signIn();
  await callBobFromHost(host, bob);
  await host.getByRole('button', { name: 'Hang up' }).click();
  await expect(log).toContainText('event ended {"callId"');

  // The frame's document is axe-clean with the notice on screen. Scoped to the frame: merged with the
  // host's own page, axe counts the host's <header>/<main> and the app's as duplicate landmarks, which is
  // the host's composition (the first test checks the host page itself, frame excluded).
  const axe = await new AxeBuilder({ page: host }).include('iframe[data-openline]').analyze();
  expect(
    axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`),
  ).toEqual([]);

  // As said: a reload keeps nothing, and the notice is back before anyone signs in.
  await host.reload();
  await expect(app.getByTestId('storage-notice')).toBeVisible();
  await expect(app.getByTestId('registration-status')).toHaveText('Not registered');
  await shots(host, 'host-storage-blocked');
  expect(errors).toEqual([]);
  await bob.close();
  await context.close();
});
