/**
 * A first visit's first screen, as a phone draws it: a fresh profile opens `/` with the CPU slowed 4×
 * (Lighthouse's mobile factor; the network is loopback), and the page records its first and largest
 * contentful paints and when the shell (the header's brand) and the sign-in form (the Username field)
 * first reach the DOM. Builds are compared in interleaved loads, each served by its own reference server.
 * Prints one JSON object: per build, each load and the medians.
 *   npm run build && npm run bench:first-screen [-- --loads 10 --port 18540 --cpu 4 --rtt 0] [-- --builds dist,/tmp/other-dist]
 * `--rtt MS` adds that round-trip latency to every request (Chromium's network emulation; Lighthouse's mobile
 * preset simulates 150 ms).
 * The shell's loads then tap the Username field, as a visitor would first: `firstInputToAppMs` is from that
 * tap to the app having rendered over the prerendered form (ADR 0041; null where the app ran before it).
 * `--profile`: one load per build, profiled; prints each long task with the functions that filled it.
 * `--page join`: the customer's pre-join screen instead (a fresh call link per server, fake camera and
 * microphone granted as Lighthouse's run has them); "shell" is then its heading, "form" its Join button.
 */
import { chromium, type Page } from '@playwright/test';
import { OwnServer } from '../e2e/support/own-server';
import { systemChromium } from '../e2e/support/chromium';
import { serverRoom } from '../e2e/support/webcall-links';
import { encodeLink } from '../src/webcall/link';
import { arg, summarize } from './call-setup/stats';
import { startProfile, stopProfile } from './first-screen-profile';

const LOADS = Number(arg('loads', '10'));
const PORT = Number(arg('port', '18540'));
const CPU = Number(arg('cpu', '4'));
const RTT = Number(arg('rtt', '0'));
const BUILDS = arg('builds', 'dist').split(',');
const PROFILE = process.argv.includes('--profile');
const PAGE = arg('page', 'shell');
if (PAGE !== 'shell' && PAGE !== 'join') throw new Error(`--page shell|join, not ${PAGE}`);
/** What marks the shell and the form on the chosen page (the recorder's and the wait's selectors). */
const MARKS =
  PAGE === 'join'
    ? { shell: '.join-side h1', form: '.join-button' }
    : { shell: '.app-brand', form: '#settings-username' };

interface Load {
  firstContentfulPaintMs: number | null;
  largestContentfulPaintMs: number | null;
  /** The element of the last largest-contentful-paint entry (its id, else its class). */
  largestElement: string | null;
  shellMs: number | null;
  formMs: number | null;
  /** From the first tap to the app's render over the prerendered form; null if the app ran before the tap. */
  firstInputToAppMs: number | null;
  /** Lighthouse's definition, on the page's own clock: each main-thread task after the first paint, less 50 ms. */
  totalBlockingTimeMs: number;
  longestTaskMs: number;
}

/** Installed before the app's scripts: remembers when the shell and the form first appear. */
const RECORDER = (marks: typeof MARKS) => `(() => {
  const seen = { tasks: [] };
  window.__firstScreen = seen;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask' });
  const marks = ${JSON.stringify(marks)};
  document.addEventListener('pointerdown', (event) => {
    if (seen.input !== undefined) return;
    seen.input = event.timeStamp;
    seen.appWaited = !!window.openlinePrerendered;
  }, true);
  new MutationObserver(() => {
    for (const [name, selector] of Object.entries(marks)) {
      if (seen[name] === undefined && document.querySelector(selector)) seen[name] = performance.now();
    }
    if (seen.appWaited && seen.app === undefined && !window.openlinePrerendered) seen.app = performance.now();
  }).observe(document, { subtree: true, childList: true });
})();`;

async function readLoad(page: Page): Promise<Load> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const raw = await page.evaluate(async () => {
    const seen = (
      window as unknown as {
        __firstScreen: { shell?: number; form?: number; input?: number; app?: number; tasks: number[][] };
      }
    ).__firstScreen;
    const lcp = await new Promise<(PerformanceEntry & { element?: Element | null }) | null>((resolve) => {
      new PerformanceObserver((list) => resolve(list.getEntries().at(-1) ?? null)).observe({
        type: 'largest-contentful-paint',
        buffered: true,
      });
      setTimeout(() => resolve(null), 1000);
    });
    const element = lcp?.element ?? null;
    return {
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      lcp: lcp?.startTime ?? null,
      element: element ? element.id || element.className || element.tagName : null,
      shell: seen.shell ?? null,
      form: seen.form ?? null,
      toApp: seen.input !== undefined && seen.app !== undefined ? seen.app - seen.input : null,
      tasks: seen.tasks,
    };
  });
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    firstContentfulPaintMs: round(raw.fcp),
    largestContentfulPaintMs: round(raw.lcp),
    largestElement: raw.element,
    shellMs: round(raw.shell),
    formMs: round(raw.form),
    firstInputToAppMs: round(raw.toApp),
    totalBlockingTimeMs: Math.round(
      raw.tasks
        .filter(([start, duration]) => start! + duration! > (raw.fcp ?? 0))
        .reduce((sum, [start, duration]) => {
          const blocking = start! + duration! - Math.max(start!, raw.fcp ?? 0);
          return sum + Math.max(0, Math.min(blocking, duration!) - 50);
        }, 0),
    ),
    longestTaskMs: Math.round(Math.max(0, ...raw.tasks.map(([, duration]) => duration!))),
  };
}

function medians(loads: readonly Load[]) {
  const median = (pick: (load: Load) => number | null) => {
    const values = loads.map(pick).filter((v): v is number => v !== null);
    return values.length > 0 ? summarize(values).median : null;
  };
  return {
    firstContentfulPaintMs: median((l) => l.firstContentfulPaintMs),
    largestContentfulPaintMs: median((l) => l.largestContentfulPaintMs),
    shellToFormMs: median((l) => (l.shellMs === null || l.formMs === null ? null : l.formMs - l.shellMs)),
    totalBlockingTimeMs: median((l) => l.totalBlockingTimeMs),
    firstInputToAppMs: median((l) => l.firstInputToAppMs),
  };
}

const servers = BUILDS.map((dir, i) => new OwnServer(PORT + i, { STATIC_DIR: dir }));
const browser = await chromium.launch({
  executablePath: systemChromium(),
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // The join page previews camera and microphone (as in bench:lighthouse): fake devices, no prompt.
    ...(PAGE === 'join' ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] : []),
  ],
});
try {
  for (const server of servers) await server.start();
  /** The page each server is measured on: one call link per server (each signs with its own key). */
  const urls: string[] = [];
  for (const server of servers)
    urls.push(
      PAGE === 'join'
        ? await encodeLink((await serverRoom(server.url)).link, { origin: server.url })
        : `${server.url}/`,
    );
  const results = BUILDS.map(() => [] as Load[]);
  const profiles: unknown[] = BUILDS.map(() => null);
  for (let round = 0; round < (PROFILE ? 1 : LOADS); round++) {
    for (const i of servers.keys()) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
      if (RTT > 0) {
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: RTT,
          downloadThroughput: -1,
          uploadThroughput: -1,
        });
      }
      await page.addInitScript({ content: RECORDER(MARKS) });
      if (PROFILE) await startProfile(cdp);
      await page.goto(urls[i]!);
      await page.locator(MARKS.form).waitFor({ timeout: 30_000 });
      // A late, larger paint would still count; a profile waits for the work that follows the form.
      await page.waitForTimeout(PROFILE ? 6000 : 1500);
      if (PROFILE) profiles[i] = await stopProfile(cdp, BUILDS[i]!);
      const load = await readLoad(page);
      if (PAGE === 'shell' && !PROFILE) {
        // The visitor's first tap, on the field they would fill first; the app may run only now.
        await page.locator(MARKS.form).click();
        await page.waitForFunction(() => !(window as { openlinePrerendered?: unknown }).openlinePrerendered);
        await page.waitForTimeout(300);
        load.firstInputToAppMs = (await readLoad(page)).firstInputToAppMs;
      }
      results[i]!.push(load);
      await context.close();
    }
  }
  const out = {
    bench: 'first-screen',
    page: PAGE,
    cpuSlowdown: CPU,
    rttMs: RTT,
    loads: LOADS,
    builds: BUILDS.map((dir, i) => ({
      build: dir,
      medians: medians(results[i]!),
      loads: results[i],
      ...(PROFILE ? { longTasks: profiles[i] } : {}),
    })),
  };
  console.log(JSON.stringify(out, null, 2));
} finally {
  await browser.close();
  for (const server of servers) await server.stop();
}
