/**
 * The app's side of the call benchmark: sign-in, warm registration, calls timed from the click on the
 * Call button, and the callee's Answer click → first inbound RTP with a human answering.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../e2e/support/ports';
import {
  getUserMediaCalls,
  installProbe,
  markNextClick,
  readStartup,
  resetMarks,
  waitForMarks,
  type ProbeMarks,
  type StartupTrace,
} from './probe';
import { sleep, summarize, traceMedians, type Stats } from './stats';

/** Opus as both pages send it: one packet each 20 ms. */
const OPUS_PACKET_MS = 20;
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.stack',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
];

/** `dead-stun`: a STUN server nobody answers (TEST-NET-1 address, RFC 5737). */
export type IceMode = 'none' | 'dead-stun';
export const DEAD_STUN = 'stun:192.0.2.1:3478';

export async function openApp(browser: Browser, baseUrl: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: baseUrl, permissions: ['camera', 'microphone'] });
  const page = await ctx.newPage();
  await installProbe(page);
  // BENCH_CONSOLE=1 copies the pages' console to stderr (diagnosing a run that fails).
  if (process.env.BENCH_CONSOLE) page.on('console', (m) => console.error('page:', m.type(), m.text()));
  return page;
}

export async function signIn(
  page: Page,
  user: string,
  options: { autoAnswer: boolean; ice: IceMode },
): Promise<void> {
  await page.goto('/settings');
  await page.getByLabel('Username', { exact: true }).fill(user);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  // Signed out, the call options are behind a disclosure.
  if (!(await page.getByLabel('ICE servers').isVisible()))
    await page.getByText('Call options', { exact: true }).click();
  await page.getByLabel('ICE servers').fill(options.ice === 'dead-stun' ? DEAD_STUN : '');
  if (options.autoAnswer) await page.getByLabel('Auto-answer').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByTestId('registration-status')
    .getByText('Registered', { exact: true })
    .waitFor()
    .catch(async (error: unknown) => {
      // The status line says why (e.g. an engine error), which the timeout does not.
      console.error(`${user} did not register:`, await page.getByTestId('registration-status').textContent());
      throw error;
    });
}

export interface RegisterResult {
  /** Node clock: `page.reload()` called → Playwright saw the 200 OK frame (the figure quoted before 2026-12-03). */
  registerMs: Stats;
  /** In the page: navigation start → 200 OK to REGISTER received (the bare page's clock). */
  registerInPageMs: Stats;
  /** In the page, from navigation start: the median of each start-up step (probe.ts `StartupTrace`). */
  trace: Record<string, number>;
  /** Scripts' loads (responseEnd from navigation start), medians. */
  scripts: Record<string, number>;
}

/** Reloads with saved credentials and times navigation → 200 OK to REGISTER (Node clock and in page). */
export async function warmRegistrations(
  page: Page,
  count: number,
  path?: string,
  settleMs = 0,
): Promise<RegisterResult> {
  if (path) await page.goto(path);
  const registerMs: number[] = [];
  const inPage: number[] = [];
  const traces: Record<string, number | undefined>[] = [];
  const scripts: Record<string, number | undefined>[] = [];
  for (let i = 0; i < count; i++) {
    // The page registered (and, after the first, its marks were read): let it settle as a person's would.
    await sleep(settleMs);
    const t0 = Date.now();
    let done: () => void = () => {};
    const got200 = new Promise<void>((r) => (done = r));
    const onWs = (ws: import('@playwright/test').WebSocket) =>
      ws.on('framereceived', (f) => {
        const t = String(f.payload);
        if (t.startsWith('SIP/2.0 200') && /CSeq:\s*\d+ REGISTER/i.test(t)) done();
      });
    page.on('websocket', onWs);
    // BENCH_TRACE_RELOAD=<file>: a Chromium performance trace of the last reload (trace-tasks.ts --at
    // navigation): what the new document's main thread did before its REGISTER left.
    const traceFile = i === count - 1 ? process.env.BENCH_TRACE_RELOAD : undefined;
    const browser = page.context().browser();
    // Without the sampling profiler: its start stalls the main thread for ~400 ms, on the reload's clock.
    // BENCH_TRACE_PROFILE=1 keeps it (a CPU profile of the reload) and waits out the stall before reloading.
    const profile = Boolean(process.env.BENCH_TRACE_PROFILE);
    const categories = profile
      ? TRACE_CATEGORIES
      : TRACE_CATEGORIES.filter((c) => !c.includes('cpu_profiler'));
    if (traceFile && browser) await browser.startTracing(page, { categories });
    if (traceFile && profile) await sleep(1500);
    await page.reload();
    await got200;
    if (traceFile && browser) {
      await sleep(100);
      writeFileSync(traceFile, await browser.stopTracing());
    }
    registerMs.push(Date.now() - t0);
    page.off('websocket', onWs);
    await page.waitForFunction(
      () =>
        (window as unknown as { __bench: { startup: StartupTrace } }).__bench.startup.register200 !==
        undefined,
    );
    const { scripts: loaded, ...trace } = await readStartup(page);
    inPage.push(trace.register200!);
    traces.push(trace as Record<string, number | undefined>);
    // Hashed names vary by build, not between reloads; key by the name without its hash.
    scripts.push(Object.fromEntries(loaded.map((s) => [s.name.replace(/-[\w-]{8}\.js$/, '.js'), s.end])));
  }
  await page
    .getByTestId('registration-status')
    .getByText('Registered', { exact: true })
    .waitFor()
    .catch(async (error: unknown) => {
      // The status line says why (e.g. an engine error), which the timeout does not.
      console.error(
        'The reloaded page did not register:',
        await page.getByTestId('registration-status').textContent(),
      );
      throw error;
    });
  return {
    registerMs: summarize(registerMs),
    registerInPageMs: summarize(inPage),
    trace: traceMedians(traces),
    scripts: traceMedians(scripts),
  };
}

async function dial(caller: Page, target: string, video: boolean, thinkMs = 0): Promise<void> {
  await caller.getByRole('navigation').getByRole('link', { name: 'Dialpad', exact: true }).click();
  // Typed afresh each time, as a person would (the field may still hold the last call's number).
  await caller.getByLabel('Number or SIP address').fill('');
  await caller.getByLabel('Number or SIP address').fill(target);
  const button = caller.getByRole('button', { name: video ? 'Video call' : 'Audio call' });
  // A person with a mouse points at the button, then clicks: the pause is spent on it.
  if (thinkMs > 0) {
    await button.hover();
    await sleep(thinkMs);
  }
  await markNextClick(caller, button);
  await button.click();
}

async function hangUp(caller: Page, callee: Page): Promise<void> {
  await caller.getByRole('button', { name: 'Hang up', exact: true }).click();
  for (const page of [caller, callee]) {
    await page.getByRole('region', { name: /Call with/ }).waitFor({ state: 'detached', timeout: 10_000 });
  }
}

export interface DialResult {
  dialToInviteMs: Stats;
  dialToEstablishedMs: Stats;
  dialToFirstRtpMs: Stats;
  inviteToEstablishedMs: Stats;
  inviteToFirstRtpMs: Stats;
  /** The auto-answering callee: INVITE received → 200 OK sent, on its own clock. */
  calleeInviteTo200Ms: Stats;
  /** Medians of each step: the caller's from the click, the callee's from the INVITE's arrival. */
  dialTrace: { caller: Record<string, number>; callee: Record<string, number> };
}

/** `keys` of `marks` as ms after `from` (undefined where a step did not happen). */
function relative(
  marks: ProbeMarks,
  from: keyof ProbeMarks,
  keys: (keyof ProbeMarks)[],
): Record<string, number | undefined> {
  const out: Record<string, number | undefined> = {};
  for (const key of keys) out[key] = marks[key] === undefined ? undefined : marks[key]! - marks[from]!;
  return out;
}

/** `calls` calls to an auto-answering callee, timed in the caller page from the click. */
export async function dialRuns(
  caller: Page,
  callee: Page,
  target: string,
  video: boolean,
  calls: number,
  thinkMs = 0,
): Promise<DialResult> {
  const series = {
    invite: [] as number[],
    est: [] as number[],
    rtp: [] as number[],
    wEst: [] as number[],
    wRtp: [] as number[],
    callee: [] as number[],
  };
  const traces = {
    caller: [] as Record<string, number | undefined>[],
    callee: [] as Record<string, number | undefined>[],
  };
  for (let i = 0; i < calls; i++) {
    await resetMarks(caller);
    await resetMarks(callee);
    await dial(caller, target, video, thinkMs);
    const m = await waitForMarks(caller, ['click', 'invite', 'ack', 'rtp']);
    const e = await waitForMarks(callee, ['inviteReceived', 'ok200Sent']);
    series.callee.push(e.ok200Sent! - e.inviteReceived!);
    traces.caller.push(
      relative(m, 'click', [
        'gumStart',
        'gumEnd',
        'sldStart',
        'sldEnd',
        'invite',
        'ok200Received',
        'srdStart',
        'srdEnd',
        'ack',
      ]),
    );
    traces.callee.push(
      relative(e, 'inviteReceived', [
        'srdStart',
        'srdEnd',
        'sldStart',
        'sldEnd',
        'firstCandidate',
        'ok200Sent',
      ]),
    );
    series.invite.push(m.invite! - m.click!);
    series.est.push(m.ack! - m.click!);
    series.rtp.push(m.rtp! - m.click!);
    series.wEst.push(m.ack! - m.invite!);
    series.wRtp.push(m.rtp! - m.invite!);
    await hangUp(caller, callee);
  }
  return {
    dialToInviteMs: summarize(series.invite),
    dialToEstablishedMs: summarize(series.est),
    dialToFirstRtpMs: summarize(series.rtp),
    inviteToEstablishedMs: summarize(series.wEst),
    inviteToFirstRtpMs: summarize(series.wRtp),
    calleeInviteTo200Ms: summarize(series.callee),
    dialTrace: { caller: traceMedians(traces.caller), callee: traceMedians(traces.callee) },
  };
}

export interface AnswerResult {
  /**
   * Issue 10's figure: the Answer click → the first inbound RTP packet's arrival on the callee (the
   * caller's audio, which comes first in audio and video calls alike). Worked out from the audio
   * receiver's own packet count and last-arrival time when the page first saw packets (Opus sends one
   * each 20 ms); a capture on the wire agreed within 1–2 ms (docs/performance.md, session 32).
   */
  answerToMediaMs: Stats | null;
  /**
   * The same click → when the callee's main thread, polling `getStats()`, first saw those packets. Right
   * after Answer that thread renders the call and WebRTC's threads open the microphone, so this comes
   * 30–50 ms after the packets do (docs/performance.md, session 26): the probe's view, not the caller's
   * voice, which the `<audio>` element plays from arrival.
   */
  answerToMediaSeenMs: Stats;
  /** Medians of each step from the Answer click (callee) and from the 200 OK's arrival (caller). */
  answerTrace: Record<string, number>;
  /** getUserMedia calls on the callee while it rang, summed over the calls (0: nothing opened early). */
  calleeGetUserMediaWhileRinging: number;
}

/**
 * `calls` calls to a callee a person answers: it rings for `ringMs` (a person needs at least that),
 * then Answer is clicked; timed in the callee page from that click to its first inbound RTP packet.
 */
export async function answerRuns(
  caller: Page,
  callee: Page,
  target: string,
  video: boolean,
  calls: number,
  ringMs = 400,
): Promise<AnswerResult> {
  const times: number[] = [];
  const packetTimes: number[] = [];
  const traces: Record<string, number | undefined>[] = [];
  let gumWhileRinging = 0;
  for (let i = 0; i < calls; i++) {
    await resetMarks(caller);
    await resetMarks(callee);
    const gumBefore = await getUserMediaCalls(callee);
    await dial(caller, target, video);
    const answer = callee.getByRole('button', { name: video ? 'Answer with video' : 'Answer', exact: true });
    await answer.waitFor();
    await sleep(ringMs);
    gumWhileRinging += (await getUserMediaCalls(callee)) - gumBefore;
    await resetMarks(callee);
    await markNextClick(callee, answer);
    // BENCH_TRACE_ANSWER=<file>: a Chromium performance trace of the callee around the last Answer click
    // (DevTools' Performance panel, or `node --import tsx bench/call-setup/trace-tasks.ts <file>`): where
    // its main thread goes before it sees the media.
    const traceFile = i === calls - 1 ? process.env.BENCH_TRACE_ANSWER : undefined;
    const browser = callee.context().browser();
    if (traceFile && browser) await browser.startTracing(callee, { categories: TRACE_CATEGORIES });
    await answer.click();
    const m = await waitForMarks(callee, ['click', 'rtp']);
    if (traceFile && browser) {
      await sleep(100);
      writeFileSync(traceFile, await browser.stopTracing());
    }
    times.push(m.rtp! - m.click!);
    const firstPacket =
      m.rtpLastPacket === undefined ? undefined : m.rtpLastPacket - (m.rtpPackets! - 1) * OPUS_PACKET_MS;
    if (firstPacket !== undefined) packetTimes.push(firstPacket - m.click!);
    // Where it went (callee's clock from the click; the caller's own marks are on its own clock, so
    // only their differences are used).
    const c = await waitForMarks(caller, ['ok200Received', 'rtp']);
    const from = (k: keyof ProbeMarks) => (m[k] === undefined ? undefined : m[k]! - m.click!);
    traces.push({
      ok200Sent: from('ok200Sent'),
      gumEnd: from('gumEnd'),
      replaceTrack: from('replaceTrack'),
      ackReceived: from('ackReceived'),
      iceConnected: from('iceConnected'),
      pcConnected: from('pcConnected'),
      rtp: from('rtp'),
      rtpLastPacket: from('rtpLastPacket'),
      rtpPacketsSeen: m.rtpPackets,
      audioAttached: from('audioAttached'),
      callerOk200ToIceConnected: c.iceConnected === undefined ? undefined : c.iceConnected - c.ok200Received!,
      callerOk200ToPcConnected: c.pcConnected === undefined ? undefined : c.pcConnected - c.ok200Received!,
      callerOk200ToRtp: c.rtp! - c.ok200Received!,
      callerOk200ToSrdStart: c.srdStart === undefined ? undefined : c.srdStart - c.ok200Received!,
      callerOk200ToSrdEnd: c.srdEnd === undefined ? undefined : c.srdEnd - c.ok200Received!,
      callerOk200ToAckSent: c.ackSent === undefined ? undefined : c.ackSent - c.ok200Received!,
      callerLongTaskMs: c.longTaskMs ?? 0,
      calleeLongTaskMs: m.longTaskMs ?? 0,
    });
    await hangUp(caller, callee);
  }
  return {
    answerToMediaMs: packetTimes.length > 0 ? summarize(packetTimes) : null,
    answerToMediaSeenMs: summarize(times),
    answerTrace: traceMedians(traces),
    calleeGetUserMediaWhileRinging: gumWhileRinging,
  };
}
