/**
 * Call set-up benchmark: starts the reference server and two headless Chromium pages, signs them in,
 * then places N audio and N video calls (the callee auto-answers) and prints one JSON object:
 *   registerMs            navigation → REGISTER 200 OK with saved credentials (warm)
 *   audio|video.inviteToEstablishedMs   INVITE sent → ACK sent (2xx received)
 *   audio|video.inviteToFirstRtpMs      INVITE sent → first inbound RTP packet on the caller
 * Timings are taken inside the caller page with performance.now(), so Playwright's round trips don't count.
 *   npm run bench:calls -- --calls 20 [--port 18190]
 */
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, systemChromium, writeToneWav } from '../e2e/support/chromium';
import { OwnServer } from '../e2e/support/own-server';
import { DEMO_PASSWORD } from '../e2e/support/ports';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const CALLS = Number(arg('calls', '20'));
const PORT = Number(arg('port', '18190'));

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

/** In-page probe: timestamps of SIP frames on the WebSocket and of the first inbound RTP packet. */
async function installProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const marks: Record<string, number> = {};
    const w = window as unknown as { __bench: { marks: Record<string, number>; reset(): void } };
    w.__bench = {
      marks,
      reset() {
        for (const k of Object.keys(marks)) delete marks[k];
      },
    };
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      if (typeof data === 'string') {
        const now = performance.now();
        if (data.startsWith('INVITE ') && marks.invite === undefined) marks.invite = now;
        if (data.startsWith('ACK ') && marks.ack === undefined && marks.invite !== undefined) marks.ack = now;
      }
      return send.call(this, data);
    };
    const Native = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        const poll = async () => {
          if (this.signalingState === 'closed' || marks.rtp !== undefined) return;
          const stats = await this.getStats();
          let got = false;
          stats.forEach((s: { type: string; packetsReceived?: number }) => {
            if (s.type === 'inbound-rtp' && (s.packetsReceived ?? 0) > 0) got = true;
          });
          if (got) marks.rtp = performance.now();
          else setTimeout(poll, 2);
        };
        this.addEventListener('track', () => void poll());
      }
    };
  });
}

async function main(): Promise<void> {
  const server = new OwnServer(PORT);
  await server.start();
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
      const established: number[] = [];
      const firstRtp: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        await caller.evaluate(() => (window as unknown as { __bench: { reset(): void } }).__bench.reset());
        await caller.getByRole('navigation').getByRole('link', { name: 'Dialpad', exact: true }).click();
        await caller.getByLabel('Number or SIP address').fill('1002');
        await caller.getByRole('button', { name: video ? 'Video call' : 'Audio call' }).click();
        await caller.waitForFunction(
          () => {
            const m = (window as unknown as { __bench: { marks: Record<string, number> } }).__bench.marks;
            return m.ack !== undefined && m.rtp !== undefined;
          },
          undefined,
          { timeout: 15_000, polling: 20 },
        );
        const m = await caller.evaluate(
          () => (window as unknown as { __bench: { marks: Record<string, number> } }).__bench.marks,
        );
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
      return { inviteToEstablishedMs: summarize(established), inviteToFirstRtpMs: summarize(firstRtp) };
    };
    const audio = await run(false);
    const video = await run(true);
    const heap = await caller.evaluate(
      () =>
        (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null,
    );
    console.log(
      JSON.stringify(
        {
          bench: 'calls',
          server: 'embedded',
          calls: CALLS,
          registerMs: summarize(registerMs),
          audio,
          video,
          callerHeapBytesAfter: heap,
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
