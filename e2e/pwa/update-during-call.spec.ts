/**
 * Installed-app journey 3 (issue 12): a second build is deployed while a call is up. The new service
 * worker installs and waits (even when asked to take over: the worker checks every window for a call),
 * the call's media keeps flowing, the system media controls (Media Session) mute and hang up, and only
 * after the hang-up is the user offered the reload, which brings in the new worker.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { OwnServer } from '../support/own-server';
import { test, expect, expectInboundRtp, Phone } from '../support/phone';
import { E2E_PORT } from '../support/ports';

// The config blocks service workers; a new build arrives as a waiting service worker.
test.use({ serviceWorkers: 'allow' });

type Handlers = Record<string, () => void>;

/** Keep what the app hands to navigator.mediaSession.setActionHandler, so the test can press them. */
async function recordMediaSessionHandlers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const handlers: Record<string, () => void> = {};
    (window as unknown as { __mediaSession: typeof handlers }).__mediaSession = handlers;
    const session = navigator.mediaSession;
    const original = session.setActionHandler.bind(session);
    session.setActionHandler = (action, handler) => {
      original(action, handler); // throws for actions this Chromium does not know, like the real one
      if (handler) handlers[action] = handler as () => void;
      else delete handlers[action];
    };
  });
}

function mediaSession(page: Page): Promise<{ title: string | null; actions: string[] }> {
  return page.evaluate(() => ({
    title: navigator.mediaSession.metadata?.title ?? null,
    actions: Object.keys((window as unknown as { __mediaSession: Handlers }).__mediaSession).sort(),
  }));
}

function press(page: Page, action: string): Promise<void> {
  return page.evaluate(
    (a) => (window as unknown as { __mediaSession: Handlers }).__mediaSession[a]?.(),
    action,
  );
}

/** "Deploy" a new build: a changed sw.js (without the stale precompressed siblings). */
function deploySecondBuild(dist: string): void {
  const sw = join(dist, 'sw.js');
  writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// second build ${Date.now()}\n`);
  rmSync(`${sw}.br`, { force: true });
  rmSync(`${sw}.gz`, { force: true });
}

test('a new build waits during a call (media keeps flowing), system controls mute and hang up, then reload is offered', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const dist = mkdtempSync(join(tmpdir(), 'openline-dist-'));
  cpSync('dist', dist, { recursive: true });
  const server = new OwnServer(E2E_PORT + 50, { STATIC_DIR: dist });
  await server.start();
  const alice = await Phone.open(browser, '1001', server.url);
  const bob = await Phone.open(browser, '1002', server.url);
  const { page } = alice;
  try {
    await recordMediaSessionHandlers(page);
    await alice.signIn();
    await bob.signIn();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

    await alice.dial('1002');
    await bob.answer();
    await expect(alice.callStatus).toHaveText('Connected');
    await expectInboundRtp(bob, 'audio');

    // Media Session: the other party's name as title, hang up and microphone from the system.
    // The same name the call screen shows (display name, else the number).
    const shownName = await page.locator('.call-name').textContent();
    await expect
      .poll(() => mediaSession(page))
      .toEqual({ title: shownName, actions: ['hangup', 'togglemicrophone'] });

    // Deploy while talking: the new worker installs and waits; the prompt waits for the call.
    deploySecondBuild(dist);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect
      .poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting), {
        message: 'the new worker installs and waits',
        timeout: 30_000,
      })
      .toBe(true);
    const prompt = page.getByRole('complementary', { name: 'Update available' });
    await expect(prompt).toContainText('you can reload after your call');
    await expect(prompt.getByRole('button', { name: 'Reload' })).toBeDisabled();

    // Even asked directly (as another tab's Reload would), the worker stays waiting during the call.
    const answer = await page.evaluate(async () => {
      const waiting = (await navigator.serviceWorker.getRegistration())?.waiting;
      const channel = new MessageChannel();
      const reply = new Promise<unknown>((resolve) => (channel.port1.onmessage = (e) => resolve(e.data)));
      waiting?.postMessage({ type: 'SKIP_WAITING' }, [channel.port2]);
      return reply;
    });
    expect(answer).toEqual({ type: 'openline:update-deferred' });
    expect(
      await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting),
    ).toBe(true);

    // The call carried on through the deployment: RTP still rises on both sides.
    await Promise.all([expectInboundRtp(alice, 'audio'), expectInboundRtp(bob, 'audio')]);

    await press(page, 'togglemicrophone');
    await expect(alice.button('Mute')).toHaveAttribute('aria-pressed', 'true');
    await press(page, 'hangup');
    await expect(bob.callStatus).toHaveText('Call ended');
    await expect.poll(() => mediaSession(page)).toEqual({ title: null, actions: [] });

    // After the call: Reload is offered and brings in the new worker.
    const reload = prompt.getByRole('button', { name: 'Reload' });
    await expect(reload).toBeEnabled();
    await expect(prompt).not.toContainText('after your call');
    await Promise.all([page.waitForEvent('load'), reload.click()]);
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const r = await navigator.serviceWorker.getRegistration();
          return { waiting: !!r?.waiting, controlled: !!navigator.serviceWorker.controller };
        }),
      )
      .toEqual({ waiting: false, controlled: true });
    await expect(prompt).toBeHidden();
  } finally {
    await alice.close();
    await bob.close();
    await server.stop();
    rmSync(dist, { recursive: true, force: true });
  }
});
