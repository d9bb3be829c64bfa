/**
 * Webcall journey in real Chromium: an agent (1001) creates a password-protected SIP link in the Agent
 * tab; a customer in a separate context with no account opens it, gets the password wrong, then right,
 * joins from the pre-join screen, and both sides decode each other's video and receive audio (getStats).
 * Then every bad link ends in a sentence: expired, tampered, unknown version, legacy Sendbird link with
 * Sendbird unreachable, and a blocked camera.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { fromBase64Url, toBase64, toBase64Url } from '../../src/webcall/base64url';
import { encodeLink } from '../../src/webcall/link';
import { sipPayload, testSigner } from '../../src/webcall/testing';
import { expect, expectInboundRtp, test } from '../support/phone';
import { installRtcProbe, mediaDelta } from '../support/rtc-probe';
import { E2E_SENDBIRD_APP_ID } from '../support/ports';
import { serverRoom } from '../support/webcall-links';
import { appEntryIn } from '../support/app-entry';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/webcall-${name}.png`, animations: 'disabled' });

/** A customer's browser: no account, fake camera, uncaught page errors collected. */
async function customer(
  browser: Browser,
  baseURL: string | undefined,
  o: { denyCamera?: boolean; viewport?: typeof PHONE } = {},
) {
  const context: BrowserContext = await browser.newContext({
    baseURL,
    viewport: o.viewport ?? PHONE,
    permissions: o.denyCamera ? [] : ['camera', 'microphone'],
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await installRtcProbe(page);
  if (o.denyCamera) {
    // The suite's Chromium runs with --use-fake-ui-for-media-stream, which accepts every prompt (even
    // with permissions denied by CDP); so answer getUserMedia the way Chromium does after "Block".
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
  }
  return { context, page, errors };
}

test.describe.configure({ mode: 'serial' });

test('agent sends a password-protected link; the customer joins and both sides get video and audio', async ({
  alice,
  browser,
  baseURL,
}) => {
  await alice.signIn();
  await alice.openTab('Agent');
  const panel = alice.page.getByRole('region', { name: 'Webcall' });
  await panel.getByLabel('Customer name').fill('Chris Customer');
  await panel.getByLabel('Password (optional)').fill('blue-kite-42');
  await panel.getByLabel('Customer phone (for SMS or WhatsApp)').fill('+49 151 2345678');
  await expect(panel.getByLabel('Link expires after')).toHaveValue('3600');
  await shot(alice.page, 'agent-form-desktop');
  await panel.getByRole('button', { name: 'Create link' }).click();
  const urlField = panel.getByLabel('Call link', { exact: true });
  await expect(urlField).toHaveValue(/\/join#2\./);
  const link = await urlField.inputValue();
  expect(link).not.toContain('blue-kite-42');
  await expect(panel.getByTestId('webcall-password')).toHaveText('blue-kite-42');
  await expect(panel.getByTestId('webcall-agent-status')).toHaveText('Waiting for Chris Customer to join…');
  await expect(panel.getByRole('link', { name: 'Send by WhatsApp' })).toHaveAttribute(
    'href',
    /^https:\/\/wa\.me\/491512345678\?text=/,
  );
  await shot(alice.page, 'agent-waiting-desktop');
  await alice.page.setViewportSize(PHONE);
  await panel.scrollIntoViewIfNeeded();
  await shot(alice.page, 'agent-waiting-phone');
  await alice.page.setViewportSize(DESKTOP);

  const c = await customer(browser, baseURL);
  const scripts: string[] = [];
  c.page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await c.page.goto(link);
  await expect(c.page.getByRole('heading', { name: 'Enter the call password' })).toBeVisible();
  await expect(c.page).toHaveURL(/\/join$/); // the fragment is gone from the address bar
  await shot(c.page, 'password-phone');
  await c.page.getByLabel('Password', { exact: true }).fill('not-it');
  await c.page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(c.page.getByRole('alert')).toHaveText('That password is not right. Check it and try again.');
  await shot(c.page, 'password-wrong-phone');
  await c.page.getByLabel('Password', { exact: true }).fill('blue-kite-42');
  await c.page.getByRole('button', { name: 'Continue' }).click();

  await expect(c.page.getByRole('heading', { name: 'Video call with Ada Agent' })).toBeVisible();
  await expect(c.page.getByLabel('Your name')).toHaveValue('Chris Customer');
  await expect
    .poll(() => c.page.getByLabel('Your camera preview').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBeGreaterThan(0);
  await expect
    .poll(async () => Number(await c.page.getByRole('meter').getAttribute('aria-valuenow')))
    .toBeGreaterThan(0);
  await shot(c.page, 'prejoin-phone');
  await c.page.getByRole('button', { name: 'Join call' }).click();

  // The agent's phone answers the room's guest by itself and shows the call screen.
  await expect(alice.callStatus).toHaveText('Connected', { timeout: 20_000 });
  await expect(c.page.getByTestId('webcall-status')).toHaveText('Connected');
  await Promise.all([expectInboundRtp(alice, 'audio'), expectInboundRtp(alice, 'video')]);
  await expect
    .poll(
      async () => {
        const { before, after } = await mediaDelta(c.page, 1000);
        return Math.min(
          after.video.framesDecoded - before.video.framesDecoded,
          after.audio.packetsReceived - before.audio.packetsReceived,
        );
      },
      { message: 'customer decodes video frames and receives audio', timeout: 15_000, intervals: [0] },
    )
    .toBeGreaterThan(5);
  await expect
    .poll(
      async () => {
        const { before, after } = await alice.mediaDelta(1000);
        return after.video.framesDecoded - before.video.framesDecoded;
      },
      { message: 'agent decodes video frames', timeout: 15_000, intervals: [0] },
    )
    .toBeGreaterThan(5);
  await expect
    .poll(() => c.page.getByTestId('webcall-remote-video').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBeGreaterThan(0);
  await shot(c.page, 'in-room-phone');
  await c.page.setViewportSize(DESKTOP);
  await shot(c.page, 'in-room-desktop');

  await c.page.getByRole('button', { name: 'Mute' }).click();
  await expect(c.page.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await c.page.getByRole('button', { name: 'Leave' }).click();
  await expect(c.page.getByRole('heading', { name: 'Call ended' })).toBeVisible();
  await expect(c.page.getByRole('button', { name: 'Rejoin' })).toBeVisible();
  await shot(c.page, 'ended-desktop');
  await expect(alice.page.getByTestId('webcall-agent-status')).toContainText('left the call', {
    timeout: 10_000,
  });
  await expect(alice.callStatus).toBeHidden();
  await shot(alice.page, 'agent-after-call-desktop');
  // "New link" ends the room: History shows it once, as a room (not as a call from its guest).
  await panel.getByRole('button', { name: 'New link' }).click();
  await alice.openTab('History');
  const entries = alice.page.getByRole('list', { name: 'Calls' }).locator('.history-entry');
  await expect(entries).toHaveCount(1);
  await expect(entries).toContainText('Chris Customer');
  await expect(entries).toContainText(/Webcall room · \d+:\d{2}/);
  await shot(alice.page, 'history-room-desktop');
  expect(c.errors).toEqual([]);
  expect(scripts.filter((u) => /sendbird/i.test(u))).toEqual([]); // the SIP path never loads the SDK
  await c.context.close();
});

test('the main entry chunk holds no Sendbird SDK code; the SDK is a lazy chunk', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const entry = appEntryIn(html);
  expect(entry).toBeTruthy();
  const main = await (await request.get(entry!)).text();
  expect(main).not.toMatch(/SendBirdCall|sendbird\.com/);
  // The SDK is its own chunk, reached only through the Sendbird adapter's chunk (a dynamic import).
  const assets = readdirSync('dist/assets');
  const adapter = assets.find((f) => /^sendbird-room-[^.]+\.js$/.test(f));
  expect(adapter).toBeTruthy();
  expect(readFileSync(`dist/assets/${adapter}`, 'utf8')).toMatch(/SendBirdCall[^"']*\.js/);
  expect(assets.some((f) => /^SendBirdCall[^"']*\.js$/.test(f))).toBe(true);
});

test('bad links end in a sentence: expired, tampered, unknown version, Sendbird unreachable, camera blocked', async ({
  browser,
  baseURL,
}) => {
  const origin = baseURL ?? 'http://127.0.0.1:18080';
  const c = await customer(browser, baseURL);
  // Expiry and the password's GCM tag are checked before the signature, so any key shows them.
  const signer = await testSigner();

  const expiredAt = Math.floor(Date.now() / 1000) - 120;
  const expired = await signer.sign(sipPayload({ exp: expiredAt }));
  await c.page.goto(await encodeLink(expired, { origin, password: 'pw' }));
  await expect(c.page.getByRole('alert')).toContainText('This link expired at');
  await shot(c.page, 'expired-phone');

  const good = await encodeLink((await serverRoom(origin)).link, {
    origin,
    password: 'pw',
    iterations: 100_000,
  });
  const body = fromBase64Url(good.split('#2.')[1]!)!;
  body[body.length - 5] = body[body.length - 5]! ^ 0x20;
  await c.page.goto(`${origin}/join#2.${toBase64Url(body)}`);
  await c.page.getByLabel('Password', { exact: true }).fill('pw');
  await c.page.getByRole('button', { name: 'Continue' }).click();
  await expect(c.page.getByRole('alert')).toHaveText(
    'This link was changed or damaged on the way. Ask for a new link.',
  );
  await shot(c.page, 'tampered-phone');

  await c.page.goto(`${origin}/join#7.AAAA`);
  await expect(c.page.getByRole('alert')).toContainText('newer version');
  await c.page.goto(`${origin}/join`);
  await expect(c.page.getByRole('alert')).toContainText('not a call link');

  // The Sendbird sample's legacy link for the app this server publishes (SENDBIRD_APP_ID in
  // playwright.config.ts); "+" arrives as a space. Sendbird's hosts are blocked.
  await c.context.route(/sendbird\.com/, (route) => route.abort('internetdisconnected'));
  const legacy = JSON.stringify({
    service_user_id: 'service_user_T42>>',
    room_id: 'room-legacy',
    app_id: E2E_SENDBIRD_APP_ID,
    creds: { token: 'legacy-token', expires_at: Date.now() + 3_600_000 },
  });
  const data = toBase64(new TextEncoder().encode(legacy));
  await c.page.goto(`${origin}/join?data=${data.replace(/\+/g, ' ')}`);
  await expect(c.page.getByRole('heading', { name: /^Video call/ })).toBeVisible();
  await expect(c.page).toHaveURL(/\/join$/);
  await c.page.getByRole('button', { name: 'Join call' }).click();
  await expect(c.page.getByRole('heading', { name: 'The call service cannot be reached' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(c.page.getByRole('button', { name: 'Try again' })).toBeVisible();
  await shot(c.page, 'provider-unreachable-phone');
  expect(c.errors).toEqual([]);
  await c.context.close();

  const denied = await customer(browser, baseURL, { denyCamera: true, viewport: DESKTOP });
  await denied.page.goto(await encodeLink((await serverRoom(origin)).link, { origin }));
  const problem = denied.page.locator('[data-error="permission-denied"]');
  await expect(problem).toContainText('Camera and microphone are blocked');
  await expect(problem).toContainText('allow Camera and Microphone');
  await shot(denied.page, 'permission-denied-desktop');
  expect(denied.errors).toEqual([]);
  await denied.context.close();
});
