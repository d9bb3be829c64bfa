/**
 * Call set-up benchmark: starts the reference server and two headless Chromium pages, signs them in,
 * then places N audio and N video calls (the callee auto-answers) and prints one JSON object:
 *   registerMs            navigation → REGISTER 200 OK with saved credentials (warm)
 *   audio|video.inviteToEstablishedMs   INVITE sent → ACK sent (2xx received)
 *   audio|video.inviteToFirstRtpMs      INVITE sent → first inbound RTP packet on the caller
 *   audio|video.dialToInviteMs          click on the call button → INVITE sent (media + ICE gathering)
 * Timings are taken inside the caller page with performance.now(), so Playwright's round trips don't count.
 *   registerInPageMs      the same, timed in the page (navigation start → 200 OK received), as the bare page is
 *   summary               app against the bare sip.js page of the same run: ms and ratio (issue 10)
 *   npm run bench:calls -- --calls 20 [--port 18190] [--server embedded|kamailio|both] [--no-video] [--reloads 5]
 *                          [--think-ms 300] [--ice none|dead-stun] [--rtt 80] [--reload-at /] [--settle-ms 1000]
 * `--rtt MS` puts the pages a round trip of MS away from the server (a delaying proxy in front of it;
 * call-setup/latency-proxy.ts): what a phone on a mobile network meets. On Kamailio, a second one sits in
 * front of its WebSocket.
 * `--server kamailio` runs the same calls through Kamailio (deploy/kamailio/kamailio.cfg, started on
 * loopback) with a reference server in external mode minting ephemeral credentials (registerMs then
 * includes the API session and the credentials request); `both` runs embedded, then Kamailio, and
 * prints a JSON array of the two results, side by side.
 * `BENCH_TRACE_ANSWER=<file>` / `BENCH_TRACE_RELOAD=<file>` write a Chromium trace of the last Answer / warm
 * reload; `bench/call-setup/trace-tasks.ts` prints its main thread (docs/performance.md, session 26).
 * `BENCH_TRACE_PROFILE=1` keeps the sampling profiler in the reload's trace (started 1.5 s before it).
 */
import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, systemChromium, writeToneWav } from '../e2e/support/chromium';
import { kamailioAvailable, startKamailio, type KamailioHandle } from '../e2e/support/kamailio';
import { OwnServer } from '../e2e/support/own-server';
import { DEMO_PASSWORD } from '../e2e/support/ports';
import { answerRuns, dialRuns, openApp, signIn, warmRegistrations, type IceMode } from './call-setup/app';
import { benchBare } from './call-setup/bare';
import { startLatencyProxy } from './call-setup/latency-proxy';
import { arg } from './call-setup/stats';

const CALLS = Number(arg('calls', '20'));
const PORT = Number(arg('port', '18190'));
const SERVER = arg('server', 'embedded');
if (!['embedded', 'kamailio', 'both'].includes(SERVER)) {
  console.error(`--server must be embedded, kamailio or both (got "${SERVER}")`);
  process.exit(2);
}
const ICE = arg('ice', 'none');
if (!['none', 'dead-stun'].includes(ICE)) {
  console.error(`--ice must be none or dead-stun (got "${ICE}")`);
  process.exit(2);
}
/** Skip the bare sip.js reference (it runs on the embedded server only). */
const NO_BARE = process.argv.includes('--no-bare');
/** Audio only (issue 10's targets are audio's): no video calls on either page. */
const NO_VIDEO = process.argv.includes('--no-video');
/** Warm reloads timed for registration, on the app and on the bare page (`--calls 0`: registration only). */
const RELOADS = Number(arg('reloads', '5'));
/**
 * Where the app's warm reloads happen: Settings by default (where sign-in leaves the page, and where the
 * earlier figures were taken), or e.g. `--reload-at /` (the installed app's start URL, the Dialpad).
 */
const RELOAD_AT = arg('reload-at', '');
/**
 * How long a page is left after it registered before the next warm reload (ms), on the app and the bare
 * page alike. A person reloads a page that has settled; reloading at once (0, as every run before
 * 2026-12-05 did) also times the last page's unfinished start-up work, and on Kamailio cuts its own
 * REGISTER short.
 */
const SETTLE_MS = Number(arg('settle-ms', '1000'));
/**
 * A person's pause between typing the number and clicking Call (ms). The app prepares an audio call's
 * offer while the number is typed (ADR 0037); a script that clicks within microseconds of typing
 * measures a user nobody is. 0 clicks at once, as every run before 2026-12-03 did.
 */
const THINK_MS = Number(arg('think-ms', '300'));
/** Round trip between the pages and the server, ms (0: loopback as it is). */
const RTT_MS = Number(arg('rtt', '0'));
type Mode = 'embedded' | 'kamailio';
const BENCH_SECRET = 'openline-bench-ephemeral-secret';

/**
 * With `--rtt` on Kamailio, the pages' origin is the delaying proxy's (Kamailio admits WebSockets from one
 * origin only), and their SIP WebSocket goes through a second delaying proxy in front of Kamailio's.
 */
const KAMAILIO_PAGE_PROXY_PORT = PORT + 4;
const KAMAILIO_WS_PROXY_PORT = PORT + 5;

/** A reference server (embedded, or external in front of a Kamailio started here) for one run. */
async function startSystem(mode: Mode): Promise<{ url: string; pageUrl?: string; stop(): Promise<void> }> {
  if (mode === 'embedded') {
    const server = new OwnServer(PORT);
    // OwnServer takes any server answering on the port for its own: a leftover one (say, of a run
    // whose server took too long to start) would be measured instead, with whatever it serves.
    const taken = await fetch(`${server.url}/api/health`).then(
      () => true,
      () => false,
    );
    if (taken) throw new Error(`port ${PORT} is already serving: stop that server or pick another --port`);
    try {
      await server.start();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return { url: server.url, stop: () => server.stop() };
  }
  const available = kamailioAvailable();
  if (!available.ok) throw new Error(available.reason);
  const kam: KamailioHandle = await startKamailio({
    secret: BENCH_SECRET,
    wsPort: PORT + 2,
    sipPort: PORT + 3,
    // Pages of the reference server below (or of the delaying proxy in front of it); one address sends
    // every call (no flood ban).
    wsOrigin: `http://127.0.0.1:${RTT_MS > 0 ? KAMAILIO_PAGE_PROXY_PORT : PORT + 1}`,
    defines: ['PIKE_DENSITY=1000000'],
  });
  const wsProxy =
    RTT_MS > 0
      ? // Kamailio checks the handshake's Host against its own address.
        await startLatencyProxy(kam.wsUrl.replace(/^ws/, 'http'), RTT_MS, KAMAILIO_WS_PROXY_PORT, true)
      : null;
  const server = new OwnServer(PORT + 1);
  // OwnServer passes its own environment on: the external-mode variables for this child only.
  const extra: Record<string, string> = {
    SIP_SERVER: 'external',
    SIP_WS_URL: wsProxy ? wsProxy.url.replace(/^http/, 'ws') : kam.wsUrl,
    EPHEMERAL_SECRET: BENCH_SECRET,
    VOICEMAIL_SIP_LISTEN: '127.0.0.1:0', // not the fixed default port, which may be taken
  };
  const saved = Object.fromEntries(Object.keys(extra).map((k) => [k, process.env[k]]));
  Object.assign(process.env, extra);
  try {
    await server.start();
  } catch (error) {
    await wsProxy?.close();
    await kam.stop();
    throw error;
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return {
    url: server.url,
    ...(RTT_MS > 0 ? { pageUrl: `http://127.0.0.1:${KAMAILIO_PAGE_PROXY_PORT}` } : {}),
    stop: async () => {
      await server.stop();
      await wsProxy?.close();
      await kam.stop();
    },
  };
}

async function main(): Promise<void> {
  const modes: Mode[] = SERVER === 'both' ? ['embedded', 'kamailio'] : [SERVER as Mode];
  const results: unknown[] = [];
  for (const mode of modes) results.push(await bench(mode));
  console.log(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
}

/** Audio and video calls from a fresh caller/callee pair signed in with `ice`. */
async function dialPhase(browser: Browser, url: string, ice: IceMode) {
  const caller = await openApp(browser, url);
  const callee = await openApp(browser, url);
  try {
    await signIn(caller, '1001', { autoAnswer: false, ice });
    await signIn(callee, '1002', { autoAnswer: true, ice });
    const register = await warmRegistrations(caller, RELOADS, RELOAD_AT || undefined, SETTLE_MS);
    const audio = await dialRuns(caller, callee, '1002', false, CALLS, THINK_MS);
    const video = NO_VIDEO ? null : await dialRuns(caller, callee, '1002', true, CALLS, THINK_MS);
    return { caller, callee, register, audio, video };
  } catch (error) {
    await caller.context().close();
    await callee.context().close();
    throw error;
  }
}

async function bench(mode: Mode): Promise<unknown> {
  const system = await startSystem(mode);
  const proxyPort = system.pageUrl ? Number(new URL(system.pageUrl).port) : 0;
  const proxy = RTT_MS > 0 ? await startLatencyProxy(system.url, RTT_MS, proxyPort) : null;
  // The pages reach the server through the proxy when there is one (its API calls below go direct).
  const server = {
    url: proxy?.url ?? system.url,
    stop: async () => {
      await proxy?.close();
      await system.stop();
    },
  };
  const browser = await chromium.launch({
    executablePath: systemChromium(),
    args: [
      ...chromiumArgs(writeToneWav()),
      // The bare page is served by a Playwright route, which Chromium would treat as a public
      // origin and block from the loopback server (Local Network Access).
      '--disable-features=LocalNetworkAccessChecks',
      // Diagnostics (e.g. WebRTC logging): extra Chromium switches, space-separated.
      ...(process.env.BENCH_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean),
    ],
  });
  try {
    // The bare page first, on its own pages (1001 → 1003), closed before the app's pages register.
    let bare: Awaited<ReturnType<typeof benchBare>> | null = null;
    if (mode === 'embedded' && !NO_BARE) {
      const config = (await (await fetch(`${server.url}/api/config`)).json()) as { sipDomain: string };
      bare = await benchBare(
        browser,
        server.url,
        { caller: '1001', callee: '1003', password: DEMO_PASSWORD, domain: config.sipDomain },
        CALLS,
        !NO_VIDEO,
        RELOADS,
        SETTLE_MS,
      );
    }
    const main = await dialPhase(browser, server.url, 'none');
    // A person answers on 1003: Answer click → first inbound RTP on the callee.
    const person = await openApp(browser, server.url);
    await signIn(person, '1003', { autoAnswer: false, ice: 'none' });
    const answerAudio = await answerRuns(main.caller, person, '1003', false, CALLS);
    const answerVideo = NO_VIDEO ? null : await answerRuns(main.caller, person, '1003', true, CALLS);
    for (const page of [main.caller, main.callee, person]) await page.context().close();
    let deadStun: unknown = null;
    if (ICE === 'dead-stun') {
      const dead = await dialPhase(browser, server.url, 'dead-stun');
      await dead.caller.context().close();
      await dead.callee.context().close();
      deadStun = {
        iceServers: ['stun:192.0.2.1:3478'],
        audio: dead.audio,
        video: dead.video,
        audioDialToEstablishedRatio:
          Math.round((dead.audio.dialToEstablishedMs.median / main.audio.dialToEstablishedMs.median) * 100) /
          100,
      };
    }
    const vs = (app: number, ref: number | undefined) =>
      ref === undefined ? { app } : { app, bare: ref, ratio: Math.round((app / ref) * 100) / 100 };
    return {
      bench: 'calls',
      server: mode,
      calls: CALLS,
      thinkMs: THINK_MS,
      rttMs: RTT_MS,
      summary: {
        registerInPageMs: vs(main.register.registerInPageMs.median, bare?.registerInPageMs.median),
        audioDialToEstablishedMs: vs(
          main.audio.dialToEstablishedMs.median,
          bare?.audio.inviteCallToEstablishedMs.median,
        ),
        audioDialToFirstRtpMs: vs(
          main.audio.dialToFirstRtpMs.median,
          bare?.audio.inviteCallToFirstRtpMs.median,
        ),
        audioAnswerToMediaMs: answerAudio.answerToMediaMs?.median ?? null,
        audioAnswerToMediaSeenMs: answerAudio.answerToMediaSeenMs.median,
      },
      registerMs: main.register.registerMs,
      registerInPageMs: main.register.registerInPageMs,
      registerTrace: main.register.trace,
      registerScripts: main.register.scripts,
      audio: { ...main.audio, ...answerAudio },
      video: main.video ? { ...main.video, ...answerVideo } : null,
      bareSipJs: bare,
      deadStun,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
