/**
 * The join page finishes loading (issue 10). Page-load tools decide that a page has loaded when no
 * request of High or VeryHigh priority is still in flight (Lighthouse's "critical network idle";
 * WebSockets and EventSource streams excepted). The room conversation streams over fetch, which is High
 * by default and never finishes: Lighthouse then waited its whole 45 s limit on every run, recorded a
 * 48 MB trace, and now and then gave no score at all (NO_NAVSTART). This reads the priorities as Chrome
 * reports them to DevTools, once the page shows the pre-join screen and its stream is open.
 * Needs the built app (`npm run build`).
 */
import { expect, test } from '@playwright/test';
import { encodeLink } from '../../src/webcall/link';
import { customerPage, serverRoom } from '../support/webcall-links';

interface Seen {
  url: string;
  type: string;
  priority: string;
  finished: boolean;
}

test('join page: nothing of high priority is left loading once the pre-join screen is up', async ({
  browser,
  baseURL,
}) => {
  const room = await serverRoom(baseURL!);
  const { context, page, errors } = await customerPage(browser, { baseURL });
  const cdp = await context.newCDPSession(page);
  const requests = new Map<string, Seen>();
  cdp.on('Network.requestWillBeSent', (e) => {
    requests.set(e.requestId, {
      url: e.request.url,
      type: e.type ?? 'Other',
      priority: e.request.initialPriority,
      finished: false,
    });
  });
  // Chrome may raise or lower a request's priority after it starts; the last word counts.
  cdp.on('Network.resourceChangedPriority', (e) => {
    const seen = requests.get(e.requestId);
    if (seen) seen.priority = e.newPriority;
  });
  const finish = (e: { requestId: string }) => {
    const seen = requests.get(e.requestId);
    if (seen) seen.finished = true;
  };
  cdp.on('Network.loadingFinished', finish);
  cdp.on('Network.loadingFailed', finish);
  await cdp.send('Network.enable');

  await page.goto(await encodeLink(room.link, { origin: baseURL! }));
  await expect(page.getByRole('heading', { name: /^Video call with/ })).toBeVisible();
  // The conversation's stream is open (so the check below sees the page in its lasting state)...
  await expect
    .poll(() => [...requests.values()].some((r) => r.url.endsWith('/chat/stream') && !r.finished))
    .toBe(true);
  await page.waitForLoadState('load');
  // ...and what Lighthouse would still wait for is nothing (a poll: a short request may be in flight).
  const critical = () =>
    [...requests.values()]
      .filter((r) => !r.finished && r.type !== 'WebSocket' && r.type !== 'EventSource')
      .filter((r) => r.priority === 'High' || r.priority === 'VeryHigh')
      .map((r) => `${r.priority} ${r.type} ${new URL(r.url).pathname}`);
  await expect.poll(critical).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});
