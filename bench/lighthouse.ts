/**
 * Lighthouse 12 against the built app served by the reference server (started here on its own port and
 * data directory, ended by PID): the app shell (`/`) and the customer's join page (a link made through the
 * server's API, as the Agent tab makes it), mobile and desktop presets. Prints one JSON object: category
 * scores (0–100), Web Vitals (ms; CLS unitless), bytes transferred, console errors (CSP reports included).
 *   npm run build && npm run bench:lighthouse [-- --port 18510 --runs 1 --details --page shell|join --preset mobile|desktop --save DIR]
 * `--server-dir DIR`: serve another checkout's build (DIR/dist) with that checkout's own server, for a
 * before/after on one host in one hour (e.g. a `git worktree` of an older commit, built there).
 * Uses the system Chromium (/usr/bin/chromium, or CHROME_PATH) through chrome-launcher.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config, type Flags, type Result } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { OwnServer } from '../e2e/support/own-server';
import { serverRoom } from '../e2e/support/webcall-links';
import { encodeLink } from '../src/webcall/link';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const PORT = Number(arg('port', '18510'));
const RUNS = Math.max(1, Number(arg('runs', '1')));
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
/** `--details`: also print where the main thread's time went (what total blocking time is made of). */
const DETAILS = process.argv.includes('--details');

type Items = { items?: Record<string, unknown>[] } | undefined;
const items = (lhr: Result, audit: string) => (lhr.audits[audit]?.details as Items)?.items ?? [];
const ms = (v: unknown) => (typeof v === 'number' ? Math.round(v) : null);

/** Main-thread time by kind, the five scripts that cost most, and the longest tasks (simulated ms). */
function details(lhr: Result) {
  return {
    // Lighthouse's CPU speed for this machine (a typical laptop is ~1,000–2,000; mobile throttling
    // multiplies what it observes by 4, so a slow machine scores lower for the same page).
    benchmarkIndex: lhr.environment.benchmarkIndex,
    mainThreadMs: Object.fromEntries(
      items(lhr, 'mainthread-work-breakdown').map((i) => [String(i.groupLabel ?? i.group), ms(i.duration)]),
    ),
    scripts: items(lhr, 'bootup-time')
      .slice(0, 5)
      .map((i) => ({
        url: String(i.url).replace(/^.*\//, ''),
        totalMs: ms(i.total),
        scriptingMs: ms(i.scripting),
      })),
    longTasks: items(lhr, 'long-tasks')
      .slice(0, 5)
      .map((i) => ({
        url: String(i.url).replace(/^.*\//, ''),
        startMs: ms(i.startTime),
        durationMs: ms(i.duration),
      })),
    // What moved (cumulative layout shift): the element and its share of the score.
    layoutShifts: items(lhr, 'layout-shifts')
      .slice(0, 5)
      .map((i) => ({
        node: String((i.node as { snippet?: string } | undefined)?.snippet ?? ''),
        score: typeof i.score === 'number' ? Math.round(i.score * 1000) / 1000 : null,
      })),
  };
}

const VITALS = {
  firstContentfulPaintMs: 'first-contentful-paint',
  largestContentfulPaintMs: 'largest-contentful-paint',
  totalBlockingTimeMs: 'total-blocking-time',
  speedIndexMs: 'speed-index',
  interactiveMs: 'interactive',
  cumulativeLayoutShift: 'cumulative-layout-shift',
} as const;

function summary(lhr: Result) {
  const scores = Object.fromEntries(
    Object.entries(lhr.categories).map(([id, c]) => [
      id,
      c.score === null ? null : Math.round(c.score * 100),
    ]),
  );
  const vitals = Object.fromEntries(
    Object.entries(VITALS).map(([key, audit]) => {
      const value = lhr.audits[audit]?.numericValue;
      return [key, value === undefined ? null : Math.round(value * 1000) / 1000];
    }),
  );
  const consoleItems = (lhr.audits['errors-in-console']?.details as { items?: { description?: string }[] })
    ?.items;
  const failed = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
    .map((a) => a.id);
  return {
    scores,
    vitals,
    transferBytes: lhr.audits['total-byte-weight']?.numericValue ?? null,
    consoleErrors: (consoleItems ?? []).map((i) => i.description ?? ''),
    failedAudits: failed,
    // Lighthouse's own trouble with the run ("The page loaded too slowly to finish within the time
    // limit", NO_NAVSTART): a score beside one of these is not a reading of the page.
    runWarnings: lhr.runWarnings,
    runtimeError: lhr.runtimeError?.code ?? null,
    lighthouseRunMs: Math.round(lhr.timing.total),
    // Lighthouse's CPU speed for this host: the same build has scored 84-93 one day and 99-100 another.
    benchmarkIndex: lhr.environment.benchmarkIndex,
    ...(DETAILS ? { details: details(lhr) } : {}),
  };
}

async function main(): Promise<void> {
  const serverDir = arg('server-dir', '') || undefined;
  const dist = join(serverDir ?? '.', 'dist');
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(`no build in ${dist}: run \`npm run build\` there first`);
  const server = new OwnServer(PORT, {}, serverDir);
  await server.start();
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      // The join page previews camera and microphone: fake devices, no prompt.
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  });
  try {
    const joinUrl = await encodeLink((await serverRoom(server.url)).link, { origin: server.url });
    const only = arg('page', '');
    const pages = Object.fromEntries(
      Object.entries({ shell: `${server.url}/`, join: joinUrl }).filter(([name]) => !only || name === only),
    );
    const preset = arg('preset', '');
    const presets = Object.fromEntries(
      Object.entries({ mobile: undefined, desktop: desktopConfig } as Record<
        string,
        Config | undefined
      >).filter(([name]) => !preset || name === preset),
    );
    const results: Record<string, Record<string, ReturnType<typeof summary>[]>> = {};
    for (const [pageName, url] of Object.entries(pages)) {
      for (const [preset, config] of Object.entries(presets)) {
        for (let run = 0; run < RUNS; run++) {
          const flags: Flags = { port: chrome.port, output: 'json', logLevel: 'error' };
          const outcome = await lighthouse(url, flags, config);
          if (!outcome) throw new Error(`lighthouse returned nothing for ${pageName} (${preset})`);
          ((results[pageName] ??= {})[preset] ??= []).push(summary(outcome.lhr));
          // `--save DIR`: the whole report, for what the summary leaves out (treemap, trace-derived audits).
          const save = arg('save', '');
          if (save) {
            mkdirSync(save, { recursive: true });
            const base = join(save, `${pageName}-${preset}-${run + 1}`);
            writeFileSync(`${base}.json`, JSON.stringify(outcome.lhr));
            const trace = (outcome.artifacts as { Trace?: unknown }).Trace;
            if (trace) writeFileSync(`${base}.trace.json`, JSON.stringify(trace));
          }
        }
      }
    }
    // The full build (the user agent says only "Chrome/156.0.0.0"), to tell one day's browser from another's.
    const browser = execFileSync(CHROME, ['--version'], { encoding: 'utf8' }).trim();
    console.log(
      JSON.stringify({ bench: 'lighthouse', lighthouse: '12', browser, runs: RUNS, results }, null, 2),
    );
  } finally {
    chrome.kill();
    await server.stop();
  }
}

await main();
