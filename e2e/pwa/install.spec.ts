import { test, expect } from '@playwright/test';
import { OwnServer } from '../support/own-server';

// The config blocks service workers; installing and serving offline are the service worker's.
test.use({ serviceWorkers: 'allow' });

test('the manifest is served and makes the app installable', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const res = await request.get(new URL(href!, page.url()).toString());
  expect(res.ok()).toBe(true);
  expect(res.headers()['content-type']).toContain('application/manifest+json');
  const manifest = await res.json();
  expect(manifest).toMatchObject({
    name: 'Openline',
    short_name: 'Openline',
    display: 'standalone',
    start_url: '/',
    scope: '/',
  });
  expect(manifest.theme_color).toMatch(/^#/);
  expect(manifest.background_color).toMatch(/^#/);
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((i: { purpose?: string }) => i.purpose?.includes('maskable'))).toBe(true);
  for (const icon of manifest.icons) {
    const img = await request.get(new URL(icon.src, page.url()).toString());
    expect(img.ok(), icon.src).toBe(true);
    expect(img.headers()['content-type']).toBe(icon.type ?? 'image/png');
  }
  // No zoom-disabling viewport.
  const viewport = await page.locator('meta[name="viewport"]').getAttribute('content');
  expect(viewport).not.toMatch(/user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\.0)?\b/);
});

test('the service worker controls the page and the shell opens with the server stopped', async ({
  browser,
}) => {
  const server = new OwnServer(18092);
  await server.start();
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  try {
    await page.goto('/');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await server.stop();
    await page.reload();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Dialpad' })).toBeVisible();
    await expect(page.getByTestId('registration-status')).toBeVisible();
  } finally {
    await context.close();
    await server.stop();
  }
});

test('responses carry a strict CSP and the right caching headers', async ({ request }) => {
  const index = await request.get('/');
  expect(index.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(index.headers()['content-security-policy']).not.toContain('unsafe-inline');
  expect(index.headers()['cache-control']).toContain('no-cache');
  const sw = await request.get('/sw.js');
  expect(sw.ok()).toBe(true);
  expect(sw.headers()['cache-control']).toContain('no-cache');
  const html = await index.text();
  const asset = html.match(/\/assets\/[^"]+\.js/)?.[0];
  expect(asset).toBeTruthy();
  const js = await request.get(asset!);
  expect(js.headers()['cache-control']).toContain('immutable');
});
