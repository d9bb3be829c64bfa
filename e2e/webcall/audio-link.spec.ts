/**
 * Audio-only links and the agent's availability before joining (issue 14, ADR 0026), in real Chromium:
 * - the agent picks "Audio only"; the customer's page asks for the microphone only, shows no camera,
 *   and the call has no video transceiver: getStats() shows audio RTP both ways and no video at all;
 * - on a video link the customer switches the camera off before joining: audio only, no video sent,
 *   and the call view's "Camera on" starts sending video;
 * - while the agent is in another call the page says so (Join stays on); outside the operator's
 *   opening hours it says when the service opens and Join is off.
 */
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { WebphoneConfigResponse } from '../../src/api/webphone-schemas';
import { expect, expectInboundRtp, test, type Phone } from '../support/phone';
import { installRtcProbe, mediaDelta, sampleMedia } from '../support/rtc-probe';

test.describe.configure({ mode: 'serial' });

async function createLink(agent: Phone, media: 'Video' | 'Audio only'): Promise<string> {
  await agent.openTab('Agent');
  const panel = agent.page.getByRole('region', { name: 'Webcall' });
  await panel.getByLabel('Customer name').fill('Chris Customer');
  await panel.getByRole('radio', { name: media, exact: true }).check();
  await panel.getByRole('button', { name: 'Create link' }).click();
  const urlField = panel.getByLabel('Call link', { exact: true });
  await expect(urlField).toHaveValue(/\/join#2\./);
  return urlField.inputValue();
}

/** The customer's browser, recording what each getUserMedia asked for. */
async function customer(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    permissions: ['camera', 'microphone'],
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await installRtcProbe(page);
  await page.addInitScript(() => {
    const asked: string[] = [];
    (window as unknown as { __gum: string[] }).__gum = asked;
    const native = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (c?: MediaStreamConstraints) => {
      asked.push(`audio:${Boolean(c?.audio)} video:${Boolean(c?.video)}`);
      return native(c);
    };
  });
  return { context, page, errors };
}

const asked = (page: Page) => page.evaluate(() => (window as unknown as { __gum: string[] }).__gum);
const videoTransceivers = (page: Page) =>
  page.evaluate(
    () =>
      ((window as unknown as { __rtcProbe: RTCPeerConnection[] }).__rtcProbe ?? [])
        .filter((pc) => pc.connectionState !== 'closed')
        .flatMap((pc) => pc.getTransceivers())
        .filter((t) => t.receiver.track.kind === 'video').length,
  );

async function setOpeningHours(request: APIRequestContext, openingHours: unknown) {
  const current = WebphoneConfigResponse.parse(await (await request.get('/api/webphone/config')).json());
  const res = await request.put('/api/webphone/config', {
    data: { ...current.config, joinWidget: { ...current.config.joinWidget, openingHours } },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test('an audio-only link: microphone only, no video transceiver, audio RTP both ways', async ({
  alice,
  browser,
  baseURL,
}) => {
  await alice.signIn();
  const link = await createLink(alice, 'Audio only');
  await expect(alice.page.getByTestId('webcall-link-media')).toHaveText(
    'Audio only: the customer’s camera is not used.',
  );

  const c = await customer(browser, baseURL);
  await c.page.goto(link);
  await expect(c.page.getByRole('heading', { name: 'Audio call with Ada Agent' })).toBeVisible();
  await expect(c.page.getByText('This is an audio call: only your microphone is used.')).toBeVisible();
  await expect(c.page.getByLabel('Your camera preview')).toHaveCount(0);
  await expect(c.page.getByRole('checkbox', { name: 'Join with my camera on' })).toHaveCount(0);
  await expect
    .poll(async () => Number(await c.page.getByRole('meter').getAttribute('aria-valuenow')))
    .toBeGreaterThan(0);
  await c.page.getByRole('button', { name: 'Join call' }).click();

  await expect(alice.callStatus).toHaveText('Connected', { timeout: 20_000 });
  await expect(c.page.getByTestId('webcall-status')).toHaveText('Connected');
  await expect(c.page.getByRole('region', { name: 'Audio call' })).toBeVisible();
  await expect(c.page.getByRole('button', { name: /^Camera (on|off)$/ })).toHaveCount(0);
  await expectInboundRtp(alice, 'audio');
  await expect
    .poll(
      async () => {
        const { before, after } = await mediaDelta(c.page, 1000);
        return Math.min(
          after.audio.packetsReceived - before.audio.packetsReceived,
          after.audio.packetsSent - before.audio.packetsSent,
        );
      },
      { message: 'customer sends and receives audio', timeout: 15_000, intervals: [0] },
    )
    .toBeGreaterThan(5);
  // No video at all: never asked for the camera, no video transceiver, no video RTP either way.
  expect((await asked(c.page)).every((a) => a.endsWith('video:false'))).toBe(true);
  expect(await videoTransceivers(c.page)).toBe(0);
  const media = await sampleMedia(c.page);
  expect(media.video).toEqual({ packetsReceived: 0, packetsSent: 0, framesDecoded: 0 });
  expect((await alice.media()).video.packetsReceived).toBe(0);

  await c.page.getByRole('button', { name: 'Leave' }).click();
  await expect(c.page.getByRole('heading', { name: 'Call ended' })).toBeVisible();
  await alice.page.getByRole('button', { name: 'New link' }).click();
  expect(c.errors).toEqual([]);
  await c.context.close();
});

test('a video link joined with the camera off sends no video until the customer turns it on', async ({
  alice,
  browser,
  baseURL,
}) => {
  await alice.signIn();
  const link = await createLink(alice, 'Video');
  const c = await customer(browser, baseURL);
  await c.page.goto(link);
  await expect(c.page.getByRole('heading', { name: 'Video call with Ada Agent' })).toBeVisible();
  await expect
    .poll(() => c.page.getByLabel('Your camera preview').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBeGreaterThan(0);
  await c.page.getByRole('checkbox', { name: 'Join with my camera on' }).uncheck();
  await expect(c.page.getByText('Your camera is off.')).toBeVisible();
  await expect(c.page.getByLabel('Your camera preview')).toHaveCount(0);
  expect((await asked(c.page)).at(-1)).toBe('audio:true video:false');
  await c.page.getByRole('button', { name: 'Join call' }).click();

  await expect(alice.callStatus).toHaveText('Connected', { timeout: 20_000 });
  await expectInboundRtp(alice, 'audio');
  await expect(c.page.getByRole('button', { name: 'Camera on' })).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(
      async () => {
        const { before, after } = await mediaDelta(c.page, 1000);
        return after.audio.packetsSent - before.audio.packetsSent;
      },
      { message: 'customer sends audio', timeout: 15_000, intervals: [0] },
    )
    .toBeGreaterThan(5);
  const off = await mediaDelta(c.page, 1500);
  expect(off.after.video.packetsSent - off.before.video.packetsSent).toBe(0);

  await c.page.getByRole('button', { name: 'Camera on' }).click();
  await expect(c.page.getByRole('button', { name: 'Camera off' })).toHaveAttribute('aria-pressed', 'false');
  await expect
    .poll(
      async () => {
        const { before, after } = await alice.mediaDelta(1000);
        return after.video.framesDecoded - before.video.framesDecoded;
      },
      {
        message: 'agent decodes the customer’s video once the camera is on',
        timeout: 15_000,
        intervals: [0],
      },
    )
    .toBeGreaterThan(5);

  await c.page.getByRole('button', { name: 'Leave' }).click();
  await expect(c.page.getByRole('heading', { name: 'Call ended' })).toBeVisible();
  await alice.page.getByRole('button', { name: 'New link' }).click();
  expect(c.errors).toEqual([]);
  await c.context.close();
});

test('before joining: "you are next" while the agent is in another call, "closed" outside opening hours', async ({
  alice,
  bob,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await alice.signIn();
  await bob.signIn();
  const link = await createLink(alice, 'Video');

  // The agent is on a call with a colleague.
  await alice.dial('1002');
  await bob.answer();
  await expect(alice.callStatus).toHaveText('Connected');
  const c = await customer(browser, baseURL);
  await c.page.goto(link);
  const state = c.page.getByTestId('join-availability');
  await expect(state).toHaveAttribute('role', 'status');
  await expect(state).toHaveText(
    'Ada Agent is on another call. You are next: join now and wait in the room.',
    { timeout: 15_000 },
  );
  await expect(c.page.getByRole('button', { name: 'Join call' })).toBeEnabled();

  // The call ends: the page follows (it asks again every 10 s).
  await alice.button('Hang up').click();
  await expect(alice.callStatus).toBeHidden();
  await expect(state).toHaveAttribute('data-state', 'free', { timeout: 25_000 });
  await expect(state).toHaveText('');

  // Outside opening hours (a period that is over today and every day): closed, Join off, next opening shown.
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const hour = now.getUTCHours();
  // One hour that is not now, and not the next hour either, in UTC.
  const opens = (hour + 2) % 24;
  await setOpeningHours(alice.page.request, {
    timeZone: 'UTC',
    periods: [
      {
        days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
        from: `${pad(opens)}:00`,
        to: `${pad(opens)}:30`,
      },
    ],
  });
  try {
    const closed = await customer(browser, baseURL);
    await closed.page.goto(link);
    const closedState = closed.page.getByTestId('join-availability');
    await expect(closedState).toHaveAttribute('data-state', 'closed', { timeout: 15_000 });
    await expect(closedState).toHaveText(/^We are closed now\. You can join from .+\.$/);
    await expect(closed.page.getByRole('button', { name: 'Join call' })).toBeDisabled();
    const opensAt = new Date(now);
    opensAt.setUTCHours(opens, 0, 0, 0);
    if (opensAt.getTime() <= now.getTime()) opensAt.setUTCDate(opensAt.getUTCDate() + 1);
    const expected = await closed.page.evaluate(
      (ms) => new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(new Date(ms)),
      opensAt.getTime(),
    );
    await expect(closedState).toContainText(expected);
    expect(closed.errors).toEqual([]);
    await closed.context.close();
  } finally {
    await setOpeningHours(alice.page.request, { timeZone: 'UTC', periods: [] });
  }
  await alice.openTab('Agent');
  await alice.page.getByRole('button', { name: 'New link' }).click();
  expect(c.errors).toEqual([]);
  await c.context.close();
});
