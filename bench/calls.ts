/**
 * Call set-up benchmark: starts the reference server and two headless Chromium pages, signs them in,
 * then places N audio and N video calls (the callee auto-answers) and prints one JSON object:
 *   registerMs            navigation → REGISTER 200 OK with saved credentials (warm)
 *   audio|video.inviteToEstablishedMs   INVITE sent → ACK sent (2xx received)
 *   audio|video.inviteToFirstRtpMs      INVITE sent → first inbound RTP packet on the caller
 *   audio|video.dialToInviteMs          click on the call button → INVITE sent (media + ICE gathering)
 * Timings are taken inside the caller page with performance.now(), so Playwright's round trips don't count.
 *   npm run bench:calls -- --calls 20 [--port 18190] [--server embedded|kamailio|both]
 * `--server kamailio` runs the same calls through Kamailio (deploy/kamailio/kamailio.cfg, started on
 * loopback) with a reference server in external mode minting ephemeral credentials (registerMs then
 * includes the API session and the credentials request); `both` runs embedded, then Kamailio, and
 * prints a JSON array of the two results, side by side.
 */
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, systemChromium, writeToneWav } from '../e2e/support/chromium';
import { kamailioAvailable, startKamailio, type KamailioHandle } from '../e2e/support/kamailio';
import { OwnServer } from '../e2e/support/own-server';
import { DEMO_PASSWORD } from '../e2e/support/ports';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const CALLS = Number(arg('calls', '20'));
const PORT = Number(arg('port', '18190'));
const SERVER = arg('server', 'embedded');
if (!['embedded', 'kamailio', 'both'].includes(SERVER)) {
  console.error(`--server must be embedded, kamailio or both (got "${SERVER}")`);
  process.exit(2);
}
type Mode = 'embedded' | 'kamailio';
const BENCH_SECRET = 'openline-bench-ephemeral-secret';

interface Stats {
  median: number;
  min: number;
  max: number;
  n: number;
}
const summarize = (xs: number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  const r = (n: number) => Math.round(n * 10) / 10;
  return { median: r(median), min: r(s[0] ?? NaN), max: r(s[s.length - 1] ?? NaN), n: s.length };
};

/**
 * In-page probe: timestamps of SIP frames on the WebSocket and of the first inbound RTP packet.
 * A plain script string: this file runs through tsx (esbuild), whose name-keeping helpers would
 * not exist in the page if a function were serialised instead.
 */
const PROBE = `(() => {
  const marks = {};
  window.__bench = { marks, reset() { for (const k of Object.keys(marks)) delete marks[k]; } };
  // An ACK in the INVITE's own transaction (same Via branch) answers a non-2xx such as Kamailio's
  // 407 challenge; only the ACK of the 2xx (a new branch) means the call is established.
  const inviteBranches = new Set();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string') {
      const now = performance.now();
      const branch = (/branch=([\\w.!%*+~-]+)/i.exec(data) || [])[1] || '';
      if (data.startsWith('INVITE ')) {
        if (marks.invite === undefined) marks.invite = now;
        inviteBranches.add(branch);
      }
      if (data.startsWith('ACK ') && !inviteBranches.has(branch) && marks.ack === undefined && marks.invite !== undefined) marks.ack = now;
    }
    return send.call(this, data);
  };
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = function (config) {
    const pc = new Native(config);
    const poll = async () => {
      if (pc.signalingState === 'closed' || marks.rtp !== undefined) return;
      const stats = await pc.getStats();
      let got = false;
      stats.forEach((s) => { if (s.type === 'inbound-rtp' && (s.packetsReceived || 0) > 0) got = true; });
      if (got) marks.rtp = performance.now();
      else setTimeout(poll, 2);
    };
    pc.addEventListener('track', () => void poll());
    return pc;
  };
  window.RTCPeerConnection.prototype = Native.prototype;
})();`;

async function installProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: PROBE });
}

/** A reference server (embedded, or external in front of a Kamailio started here) for one run. */
async function startSystem(mode: Mode): Promise<{ url: string; stop(): Promise<void> }> {
  if (mode === 'embedded') {
    const server = new OwnServer(PORT);
    await server.start();
    return { url: server.url, stop: () => server.stop() };
  }
  const available = kamailioAvailable();
  if (!available.ok) throw new Error(available.reason);
  const kam: KamailioHandle = await startKamailio({
    secret: BENCH_SECRET,
    wsPort: PORT + 2,
    sipPort: PORT + 3,
    // Pages of the reference server below; one address sends every call (no flood ban).
    wsOrigin: `http://127.0.0.1:${PORT + 1}`,
    defines: ['PIKE_DENSITY=1000000'],
  });
  const server = new OwnServer(PORT + 1);
  // OwnServer passes its own environment on: the external-mode variables for this child only.
  const extra: Record<string, string> = {
    SIP_SERVER: 'external',
    SIP_WS_URL: kam.wsUrl,
    EPHEMERAL_SECRET: BENCH_SECRET,
    VOICEMAIL_SIP_LISTEN: '127.0.0.1:0', // not the fixed default port, which may be taken
  };
  const saved = Object.fromEntries(Object.keys(extra).map((k) => [k, process.env[k]]));
  Object.assign(process.env, extra);
  try {
    await server.start();
  } catch (error) {
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
    stop: async () => {
      await server.stop();
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

async function bench(mode: Mode): Promise<unknown> {
  const server = await startSystem(mode);
  const browser = await chromium.launch({
    executablePath: systemChromium(),
    args: chromiumArgs(writeToneWav()),
  });
  try {
    const open = async () => {
      const ctx = await browser.newContext({ baseURL: server.url, permissions: ['camera', 'microphone'] });
      const page = await ctx.newPage();
      await installProbe(page);
      return page;
    };
    const signIn = async (page: Page, user: string, autoAnswer: boolean) => {
      await page.goto('/settings');
      await page.getByLabel('Username', { exact: true }).fill(user);
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      if (autoAnswer) await page.getByLabel('Auto-answer').check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('registration-status').getByText('Registered', { exact: true }).waitFor();
    };
    const caller = await open();
    const callee = await open();
    await signIn(caller, '1001', false);
    await signIn(callee, '1002', true);

    // Warm registration: reload with saved credentials, time navigation → REGISTER 200.
    const registerMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = Date.now();
      let done: () => void = () => {};
      const got200 = new Promise<void>((r) => (done = r));
      const onWs = (ws: import('@playwright/test').WebSocket) =>
        ws.on('framereceived', (f) => {
          const t = String(f.payload);
          if (t.startsWith('SIP/2.0 200') && /CSeq:\s*\d+ REGISTER/i.test(t)) done();
        });
      caller.on('websocket', onWs);
      await caller.reload();
      await got200;
      registerMs.push(Date.now() - t0);
      caller.off('websocket', onWs);
    }
    await caller.getByTestId('registration-status').getByText('Registered', { exact: true }).waitFor();

    const run = async (video: boolean) => {
      const dialToInvite: number[] = [];
      const established: number[] = [];
      const firstRtp: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        await caller.evaluate(() => (window as unknown as { __bench: { reset(): void } }).__bench.reset());
        await caller.getByRole('navigation').getByRole('link', { name: 'Dialpad', exact: true }).click();
        await caller.getByLabel('Number or SIP address').fill('1002');
        const button = caller.getByRole('button', { name: video ? 'Video call' : 'Audio call' });
        await button.evaluate((el) => {
          // Post-dial delay starts at the click: media acquisition + ICE gathering happen before INVITE.
          el.addEventListener(
            'click',
            () =>
              ((window as unknown as { __bench: { marks: Record<string, number> } }).__bench.marks.click =
                performance.now()),
            { once: true, capture: true },
          );
        });
        await button.click();
        await caller
          .waitForFunction(
            () => {
              const m = (window as unknown as { __bench: { marks: Record<string, number> } }).__bench.marks;
              return m.ack !== undefined && m.rtp !== undefined;
            },
            undefined,
            { timeout: 15_000, polling: 20 },
          )
          .catch(async (error: unknown) => {
            await caller.screenshot({ path: 'test-results/bench-failure.png' });
            const marks = await caller.evaluate(() =>
              JSON.stringify((window as unknown as { __bench: unknown }).__bench),
            );
            const status = await caller
              .getByTestId('call-status')
              .textContent()
              .catch(() => null);
            throw new Error(
              `call ${i + 1} did not connect (marks ${marks}, status ${status}): ${String(error)}`,
            );
          });
        const m = await caller.evaluate(
          () => (window as unknown as { __bench: { marks: Record<string, number> } }).__bench.marks,
        );
        if (m.click !== undefined) dialToInvite.push(m.invite! - m.click);
        established.push(m.ack! - m.invite!);
        firstRtp.push(m.rtp! - m.invite!);
        await caller.getByRole('button', { name: 'Hang up', exact: true }).click();
        await caller
          .getByRole('region', { name: /Call with/ })
          .waitFor({ state: 'detached', timeout: 10_000 });
        await callee
          .getByRole('region', { name: /Call with/ })
          .waitFor({ state: 'detached', timeout: 10_000 });
      }
      return {
        dialToInviteMs: summarize(dialToInvite),
        inviteToEstablishedMs: summarize(established),
        inviteToFirstRtpMs: summarize(firstRtp),
      };
    };
    const audio = await run(false);
    const video = await run(true);
    const heap = await caller.evaluate(
      () =>
        (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null,
    );
    return {
      bench: 'calls',
      server: mode,
      calls: CALLS,
      registerMs: summarize(registerMs),
      audio,
      video,
      callerHeapBytesAfter: heap,
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
