/**
 * Soak benchmark (issue 10 goal 6): N sequential audio calls between one pair of pages (1001 calls
 * 1002, which auto-answers), then prints one JSON object:
 *   caller|callee.heapBytes.atCall20 / atCallN   used JS heap after a forced GC (CDP
 *                                                 HeapProfiler.collectGarbage + Runtime.getHeapUsage)
 *   caller|callee.heapGrowthBytes                 atCallN − atCall20 (target ≤ 2 MB)
 *   caller|callee.openPeerConnections             RTCPeerConnections created by the page and not
 *                                                 closed, after the last call (target 0)
 *   server.rssKb.before / after                   the reference server's VmRSS
 *   npm run bench:soak -- [--calls 200] [--port 18190]
 * Every call is answered, carries media until the caller sees its first inbound RTP, and is hung up.
 */
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, systemChromium, writeToneWav } from '../e2e/support/chromium';
import { OwnServer } from '../e2e/support/own-server';
import { dialRuns, openApp, signIn } from './call-setup/app';
import { openPeers } from './call-setup/probe';
import { arg } from './call-setup/stats';
import { memory } from './sip-load/procfs';

const CALLS = Number(arg('calls', '200'));
const PORT = Number(arg('port', '18190'));
const FIRST_MARK = Math.min(20, CALLS);

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return usage.usedSize;
  } finally {
    await cdp.detach();
  }
}

async function main(): Promise<void> {
  const server = new OwnServer(PORT);
  await server.start();
  const rss = () => (server.pid ? (memory(server.pid)?.rssKb ?? null) : null);
  const browser = await chromium.launch({
    executablePath: systemChromium(),
    args: chromiumArgs(writeToneWav()),
  });
  try {
    const caller = await openApp(browser, server.url);
    const callee = await openApp(browser, server.url);
    await signIn(caller, '1001', { autoAnswer: false, ice: 'none' });
    await signIn(callee, '1002', { autoAnswer: true, ice: 'none' });
    const rssBefore = rss();
    const progress = (done: number) => process.stderr.write(`soak: ${done}/${CALLS} calls\n`);
    await dialRuns(caller, callee, '1002', false, FIRST_MARK);
    progress(FIRST_MARK);
    const at20 = { caller: await heapAfterGc(caller), callee: await heapAfterGc(callee) };
    for (let done = FIRST_MARK; done < CALLS;) {
      const batch = Math.min(20, CALLS - done);
      await dialRuns(caller, callee, '1002', false, batch);
      done += batch;
      progress(done);
    }
    const atN = { caller: await heapAfterGc(caller), callee: await heapAfterGc(callee) };
    const side = (name: 'caller' | 'callee', page: Page) =>
      openPeers(page).then((open) => ({
        heapBytes: { atCall20: at20[name], [`atCall${CALLS}`]: atN[name] },
        heapGrowthBytes: atN[name] - at20[name],
        openPeerConnections: open,
      }));
    console.log(
      JSON.stringify(
        {
          bench: 'soak',
          calls: CALLS,
          caller: await side('caller', caller),
          callee: await side('callee', callee),
          server: { rssKb: { before: rssBefore, after: rss() } },
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
