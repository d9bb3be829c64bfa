/**
 * ADR 0036 on the shared server's seeded `demo-whatsapp` channel and its fake provider: a customer's
 * signed WhatsApp voice note (a real Ogg/Opus file: the fake provider's voice.ogg, encoded with opusscript) is fetched,
 * kept after our magic-byte check and plays in the agent's timeline from our own route, named with who
 * sent it and its length; a sticker shows as an image; no media element points at the provider.
 * Needs the built app (`npm run build`).
 */
import { axeOn } from '../support/axe';
import { mkdirSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_CHANNEL } from '../../server/channels/options';
import { whatsappInbound, type WhatsappMedia } from '../../server/channels/testing/sign';
import { expect, test } from '../support/phone';

/** Customer numbers unique to this run (the e2e data directory outlives runs). */
const run = String(Date.now()).slice(-6);
let seq = 0;

async function inbound(request: APIRequestContext, from: string, name: string, media: WhatsappMedia) {
  const req = whatsappInbound(DEMO_CHANNEL.secret, {
    id: `wamid.e2e.voice.${run}.${++seq}`,
    from,
    name,
    text: '',
    timestampMs: Date.now(),
    ref: 'agent:1002',
    media,
  });
  const res = await request.post('/api/channels/demo-whatsapp/inbound', {
    headers: req.headers,
    data: req.body,
  });
  expect(res.status()).toBe(200);
}

const panel = (page: Page) => page.getByRole('region', { name: 'Conversations' });

async function shots(page: Page) {
  mkdirSync('test-results/screens', { recursive: true });
  for (const [w, h] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId('timeline-audio').scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `test-results/screens/${w}x${h}-channel-voice.png`,
      animations: 'disabled',
    });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a customer’s WhatsApp voice note plays in the agent’s conversation; a sticker shows as an image', async ({
  bob,
  request,
  baseURL,
}) => {
  const page = bob.page;
  await bob.signIn();
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /^Agent/ })
    .click();
  const p = panel(page);
  await expect(p.getByRole('heading', { name: 'Conversations' })).toBeVisible();
  const from = `4477018${run}1`;
  const name = `Vera Voice ${run}`;
  const media = (file: string) => `${baseURL}/api/dev/fake-provider/demo-whatsapp/media/${file}`;
  await inbound(request, from, name, {
    kind: 'audio',
    voice: true,
    link: media('voice.ogg'),
    mimeType: 'audio/ogg; codecs=opus',
  });
  await inbound(request, from, name, {
    kind: 'sticker',
    link: media('sticker.webp'),
    mimeType: 'image/webp',
  });
  await p.getByTestId('conversation-item').filter({ hasText: name }).click();

  // Chromium read the file's length (the 2-second voice note): the name says it.
  const voice = p.getByLabel(`Voice message from ${name}, 00:02`);
  await expect(voice).toBeVisible();
  expect(await voice.evaluate((el) => el.tagName)).toBe('AUDIO');
  expect(await voice.getAttribute('src')).toMatch(/^\/api\/channels\/conversations\/\d+\/media\/\d+$/);
  await expect(p.getByText(`Voice message from ${name}, 00:02`)).toBeVisible();

  // It plays: data for the current position, time moving, and seekable to its end (byte ranges).
  await voice.evaluate((a: HTMLAudioElement) => a.play());
  await expect
    .poll(() => voice.evaluate((a: HTMLAudioElement) => [a.readyState >= 2, a.currentTime > 0, a.error]))
    .toEqual([true, true, null]);
  await expect
    .poll(() => voice.evaluate((a: HTMLAudioElement) => (a.seekable.length ? a.seekable.end(0) : 0)))
    .toBeGreaterThan(1.9);
  await voice.evaluate((a: HTMLAudioElement) => a.pause());

  const sticker = p.getByRole('img', { name: `Sticker from ${name}` });
  await expect(sticker).toBeVisible();
  await expect.poll(() => sticker.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

  // Never the provider's URL in a media element (ADR 0029).
  await expect(
    p.locator('audio[src*="fake-provider"], video[src*="fake-provider"], img[src*="fake-provider"]'),
  ).toHaveCount(0);

  const result = await axeOn(page).include('.conversations-panel').analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(', ')}`)).toEqual(
    [],
  );
  await shots(page);
});
