/**
 * The reference the issue compares against: a bare sip.js 0.21 page on the same server, the way a
 * minimal integration would write it: UserAgent + Registerer on load, `Inviter.invite()` with
 * `getUserMedia` inside sip.js's own SDH, no STUN/TURN and a 50 ms ICE gathering wait; the callee
 * accepts every INVITE at once. Timings are taken from `invite()` (before getUserMedia and ICE), as in
 * the issue, plus the same on-the-wire marks as the app (INVITE sent → ACK sent).
 *
 * The page and an IIFE bundle of sip.js (esbuild) are served by Playwright routes on the server's
 * origin, so the WebSocket passes the server's Origin check exactly as the app does.
 */
import type { Browser, Page } from '@playwright/test';
import { build } from 'esbuild';
import { installProbe, readStartup, resetMarks, waitForMarks } from './probe';
import { sleep, summarize, traceMedians, type Stats } from './stats';

export interface BareResult {
  /** Navigation start → Registered (sip.js state), in the page. */
  registerMs: Stats;
  /** Navigation start → 200 OK to REGISTER received, in the page (the app's `registerInPageMs`). */
  registerInPageMs: Stats;
  /** Medians of the same start-up marks as the app's `registerTrace` (navigation timing, the probe). */
  registerTrace: Record<string, number>;
  audio: { inviteCallToEstablishedMs: Stats; inviteCallToFirstRtpMs: Stats; inviteToEstablishedMs: Stats };
  video: {
    inviteCallToEstablishedMs: Stats;
    inviteCallToFirstRtpMs: Stats;
    inviteToEstablishedMs: Stats;
  } | null;
}

interface BareConfig {
  user: string;
  password: string;
  domain: string;
  wsUrl: string;
  autoAnswer: boolean;
}

const PAGE_SCRIPT = `(async () => {
  const cfg = window.__bareConfig;
  const { UserAgent, Registerer, Inviter, SessionState } = SIP;
  const sdhOptions = { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 50 };
  const ua = new UserAgent({
    uri: UserAgent.makeURI('sip:' + cfg.user + '@' + cfg.domain),
    authorizationUsername: cfg.user,
    authorizationPassword: cfg.password,
    transportOptions: { server: cfg.wsUrl },
    sessionDescriptionHandlerFactoryOptions: sdhOptions,
    logLevel: 'error',
    delegate: {
      onInvite: (invitation) => {
        if (!cfg.autoAnswer) return;
        const video = /m=video [1-9]/.test(invitation.body || '');
        invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video } } });
        window.__bareSession = invitation;
      },
    },
  });
  await ua.start();
  const registerer = new Registerer(ua);
  const registered = new Promise((resolve) =>
    registerer.stateChange.addListener((state) => state === 'Registered' && resolve()));
  await registerer.register();
  await registered;
  window.__bareRegisteredAt = performance.now();
  window.__bare = {
    call(target, video) {
      const inviter = new Inviter(ua, UserAgent.makeURI('sip:' + target + '@' + cfg.domain), {
        sessionDescriptionHandlerOptions: { constraints: { audio: true, video } },
      });
      window.__bareSession = inviter;
      inviter.stateChange.addListener((state) => {
        if (state === SessionState.Established) window.__bench.marks.established = performance.now();
      });
      window.__bench.marks.inviteCall = performance.now();
      return inviter.invite().then(() => undefined);
    },
    hangup() {
      const s = window.__bareSession;
      window.__bareSession = null;
      return s && s.state === SessionState.Established ? s.bye().then(() => undefined) : Promise.resolve();
    },
  };
})();`;

let sipBundle: string | null = null;
async function bundleSip(): Promise<string> {
  if (sipBundle) return sipBundle;
  const out = await build({
    stdin: { contents: "export * from 'sip.js';", resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'iife',
    globalName: 'SIP',
    write: false,
    minify: true,
    logLevel: 'silent',
  });
  sipBundle = out.outputFiles[0]!.text;
  return sipBundle;
}

async function openBare(browser: Browser, baseUrl: string, config: BareConfig): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: baseUrl, permissions: ['camera', 'microphone'] });
  const sip = await bundleSip();
  await ctx.route('**/__bench/sip.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: sip }),
  );
  await ctx.route('**/__bench/bare.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><meta charset="utf-8"><title>bare sip.js</title>
<script>window.__bareConfig = ${JSON.stringify(config)};</script>
<script src="/__bench/sip.js"></script><script>${PAGE_SCRIPT}</script>`,
    }),
  );
  const page = await ctx.newPage();
  await installProbe(page);
  return page;
}

/** Registers, times warm reloads, then places `calls` audio and `calls` video calls caller → callee. */
export async function benchBare(
  browser: Browser,
  baseUrl: string,
  accounts: { caller: string; callee: string; password: string; domain: string },
  calls: number,
  withVideo = true,
  reloads = 5,
  settleMs = 0,
): Promise<BareResult> {
  const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/sip`;
  const common = { password: accounts.password, domain: accounts.domain, wsUrl };
  const caller = await openBare(browser, baseUrl, { ...common, user: accounts.caller, autoAnswer: false });
  const callee = await openBare(browser, baseUrl, { ...common, user: accounts.callee, autoAnswer: true });
  const ready = (page: Page) => page.waitForFunction(() => '__bare' in window);
  try {
    await callee.goto('/__bench/bare.html');
    await ready(callee);
    const registerMs: number[] = [];
    const registerInPage: number[] = [];
    const traces: Record<string, number | undefined>[] = [];
    for (let i = 0; i <= reloads; i++) {
      if (i > 0) await sleep(settleMs);
      await caller.goto('/__bench/bare.html');
      await ready(caller);
      // In-page clock from navigation start; the first load is the cold one.
      const at = await caller.evaluate(
        () => (window as unknown as { __bareRegisteredAt: number }).__bareRegisteredAt,
      );
      if (i > 0) {
        registerMs.push(at);
        const { scripts: _scripts, ...trace } = await readStartup(caller);
        registerInPage.push(trace.register200!);
        traces.push(trace as Record<string, number | undefined>);
      }
    }
    const run = async (video: boolean) => {
      const fromCall: number[] = [];
      const rtpFromCall: number[] = [];
      const wire: number[] = [];
      for (let i = 0; i < calls; i++) {
        await resetMarks(caller);
        await caller.evaluate(
          ({ target, video: v }) =>
            (window as unknown as { __bare: { call(t: string, v: boolean): Promise<void> } }).__bare.call(
              target,
              v,
            ),
          { target: accounts.callee, video },
        );
        const m = await waitForMarks(caller, ['established', 'rtp', 'ack', 'invite']);
        fromCall.push(m.established! - m.inviteCall!);
        rtpFromCall.push(m.rtp! - m.inviteCall!);
        wire.push(m.ack! - m.invite!);
        await caller.evaluate(() =>
          (window as unknown as { __bare: { hangup(): Promise<void> } }).__bare.hangup(),
        );
        await sleep(100);
      }
      return {
        inviteCallToEstablishedMs: summarize(fromCall),
        inviteCallToFirstRtpMs: summarize(rtpFromCall),
        inviteToEstablishedMs: summarize(wire),
      };
    };
    const audio = await run(false);
    const video = withVideo ? await run(true) : null;
    return {
      registerMs: summarize(registerMs),
      registerInPageMs: summarize(registerInPage),
      registerTrace: traceMedians(traces),
      audio,
      video,
    };
  } finally {
    await caller.context().close();
    await callee.context().close();
  }
}
