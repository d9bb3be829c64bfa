/**
 * Installed-app journey 1 (issue 12): installable with no installability errors, tel:/sip: links fill
 * the dialpad and never dial, a bad link says why, and Settings offers to handle phone links.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeOn } from '../support/axe';
import { chromium, test, expect } from '@playwright/test';
import { chromiumArgs, systemChromium, writeToneWav } from '../support/chromium';
import { Phone } from '../support/phone';

// The config blocks service workers; installability needs the service worker.
test.use({ serviceWorkers: 'allow' });

test('installable, phone links fill the dialpad without dialling, Settings registers the handlers', async ({
  baseURL,
}) => {
  // A real profile, not Playwright's incognito-like context: Chromium never offers install in incognito.
  const profile = mkdtempSync(join(tmpdir(), 'openline-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: systemChromium(),
    args: chromiumArgs(writeToneWav()),
    baseURL,
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const alice = new Phone(page, '1001');
  try {
    await journey(alice);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

async function journey(alice: Phone): Promise<void> {
  const { page } = alice;
  await page.addInitScript(() => {
    // Record what Settings asks the browser for (headless Chromium shows no confirmation to read).
    const registered: [string, string][] = [];
    (window as unknown as { __protocolHandlers: typeof registered }).__protocolHandlers = registered;
    navigator.registerProtocolHandler = (scheme: string, url: string | URL) =>
      void registered.push([scheme, String(url)]);
  });
  await alice.signIn();

  // Installability as Chromium judges it (manifest, icons, service worker, start URL).
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const cdp = await page.context().newCDPSession(page);
  const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string };
  expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
  expect(manifest.errors).toEqual([]);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  expect(installabilityErrors).toEqual([]);

  // Settings → Phone links: the same handler URL as the manifest's protocol_handlers.
  await page.getByRole('button', { name: 'Open phone links with Openline' }).click();
  await expect(page.locator('#phone-links-status')).toContainText('tel: and sip: links');
  const origin = new URL(page.url()).origin;
  expect(
    await page.evaluate(() => (window as unknown as { __protocolHandlers: unknown }).__protocolHandlers),
  ).toEqual([
    ['tel', `${origin}/dialpad?to=%s`],
    ['sip', `${origin}/dialpad?to=%s`],
  ]);

  // What the browser opens for tel:+44 20 7946 0958 (%s is the percent-encoded link).
  const field = page.getByLabel('Number or SIP address');
  await page.goto(`/dialpad?to=${encodeURIComponent('tel:+44-20-7946-0958')}`);
  await expect(field).toHaveValue('+442079460958');
  await expect(alice.status).toHaveText('Registered');
  await expect(page.getByRole('button', { name: 'Audio call' })).toBeEnabled();

  await page.goto(`/dialpad?to=${encodeURIComponent('sip:1002@openline.local;transport=ws?subject=x')}`);
  await expect(field).toHaveValue('sip:1002@openline.local');
  await expect(alice.status).toHaveText('Registered');

  await page.goto(`/dialpad?to=${encodeURIComponent('mailto:someone@example.com')}`);
  await expect(page.getByRole('alert')).toHaveText('Openline opens tel: and sip: links, not mailto: links.');
  await expect(field).toHaveValue('');
  // One axe pass (slow on a loaded machine): the dialpad with the link error.
  const dialpadAxe = await axeOn(page).include('main').analyze();
  expect(dialpadAxe.violations).toEqual([]);

  // Registered three times over and nothing dialled: no INVITE left this phone, no call screen.
  await expect(alice.status).toHaveText('Registered');
  expect(alice.sipFrames.filter((f) => f.direction === 'sent' && f.text.startsWith('INVITE '))).toEqual([]);
  await expect(alice.callStatus).toHaveCount(0);
}
