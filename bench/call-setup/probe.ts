/**
 * In-page probe for the call benchmarks, installed as an init script: timestamps of SIP frames on the
 * WebSocket, of the first inbound RTP packet, a count of getUserMedia calls, and a census of the page's
 * RTCPeerConnections (held weakly, so the probe itself keeps nothing alive).
 *
 * A plain script string: the benchmarks run through tsx (esbuild), whose name-keeping helpers would
 * not exist in the page if a function were serialised instead.
 */
import type { Page } from '@playwright/test';

export interface ProbeMarks {
  click?: number;
  invite?: number;
  ack?: number;
  rtp?: number;
  /**
   * When the poll first saw inbound RTP: the audio packets counted so far, and when the last of them
   * arrived (the audio receiver's lastPacketReceivedTimestamp, moved onto performance.now()'s clock). The
   * poll runs on the main thread, so on a busy page `rtp` comes late; these say when the packets really
   * came. Audio only: its packets come one each 20 ms, so the first one's arrival can be worked out.
   */
  rtpPackets?: number;
  /** A remote stream with audio first given to an <audio> element (playback can begin from here on). */
  audioAttached?: number;
  rtpLastPacket?: number;
  /** Bare sip.js page: when `Inviter.invite()` was called / the session was Established. */
  inviteCall?: number;
  established?: number;
  /** Trace of one call (set once after each reset): where answer → media goes. */
  ok200Sent?: number;
  ok200Received?: number;
  ackReceived?: number;
  gumStart?: number;
  gumEnd?: number;
  replaceTrack?: number;
  iceConnected?: number;
  pcConnected?: number;
  /** setRemoteDescription called / resolved (the caller applying the answer). */
  srdStart?: number;
  srdEnd?: number;
  /** setLocalDescription called / resolved, first and last ICE candidate seen. */
  sldStart?: number;
  sldEnd?: number;
  firstCandidate?: number;
  lastCandidate?: number;
  /** INVITE received (the callee). */
  inviteReceived?: number;
  /** ACK of the 2xx sent (the caller). */
  ackSent?: number;
  /** Main-thread tasks over 50 ms since the last reset: summed duration. */
  longTaskMs?: number;
}

/**
 * Start-up trace of one document (never reset; a reload starts a new one), performance.now() from
 * navigation start: what the page did before its REGISTER was answered.
 */
export interface StartupTrace {
  /** The navigation's own timing: when a service worker started, and the document's first and last byte. */
  workerStart?: number;
  responseStart?: number;
  responseEnd?: number;
  /** The previous document's unload handlers (a reload's old page), same-origin only. */
  unloadStart?: number;
  unloadEnd?: number;
  /** When the new document started (the probe runs as it is created). */
  documentStart?: number;
  domContentLoaded?: number;
  /** The app's first render (a child under #root other than the prerendered sign-in markup). */
  firstRender?: number;
  /** The browser's first contentful paint (Paint Timing). */
  firstContentfulPaint?: number;
  idbOpen?: number;
  idbOpened?: number;
  configStart?: number;
  configEnd?: number;
  wsNew?: number;
  wsOpen?: number;
  registerSent?: number;
  registerChallenged?: number;
  register200?: number;
  /** The first painted frame whose header status says "Registered". */
  registeredShown?: number;
}

export const PROBE = `(() => {
  const marks = {};
  const peers = [];
  const bench = {
    marks,
    getUserMediaCalls: 0,
    peersCreated: 0,
    reset() { for (const k of Object.keys(marks)) delete marks[k]; },
    /** Peer connections still reachable and not closed. */
    openPeers() {
      let open = 0;
      for (const ref of peers) { const pc = ref.deref(); if (pc && pc.signalingState !== 'closed') open++; }
      return open;
    },
  };
  window.__bench = bench;
  const startup = {};
  bench.startup = startup;
  // Each start-up step is also a User Timing mark ("startup:<step>"), which a performance trace records.
  const first = (k) => { if (startup[k] === undefined) { startup[k] = performance.now(); performance.mark('startup:' + k); } };
  const mark = (k) => { if (marks[k] === undefined) marks[k] = performance.now(); };
  // When the document started: this script runs as the new document is created, before its own scripts.
  first('documentStart');
  document.addEventListener('DOMContentLoaded', () => {
    first('domContentLoaded');
    const root = document.getElementById('root');
    if (!root) return;
    // The app's own content: not the build's prerendered sign-in markup, which the app replaces.
    const rendered = () => Array.prototype.some.call(root.children, (c) => !c.hasAttribute('data-prerendered'));
    if (rendered()) first('firstRender');
    else new MutationObserver((_, obs) => { if (rendered()) { first('firstRender'); obs.disconnect(); } }).observe(root, { childList: true });
    // The first painted frame whose header says "Registered" (English): what the user sees of it.
    const registeredShown = () => {
      const status = document.querySelector('[data-testid="registration-status"]');
      if (status && status.checkVisibility() && status.textContent === 'Registered') return first('registeredShown');
      if (performance.now() < 10000) requestAnimationFrame(registeredShown);
    };
    requestAnimationFrame(registeredShown);
  });
  const nativeFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const config = /\\/api\\/config(?:$|[?#])/.test(url);
    if (config) first('configStart');
    const p = nativeFetch.call(this, input, init);
    if (config) p.then(() => first('configEnd'), () => undefined);
    return p;
  };
  if (window.indexedDB) {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...args) {
      first('idbOpen');
      const req = open.apply(this, args);
      req.addEventListener('success', () => first('idbOpened'));
      return req;
    };
  }
  const NativeWS = window.WebSocket;
  const WS = function (url, protocols) {
    const ws = protocols === undefined ? new NativeWS(url) : new NativeWS(url, protocols);
    first('wsNew');
    ws.addEventListener('open', () => first('wsOpen'));
    ws.addEventListener('message', (e) => {
      if (typeof e.data !== 'string') return;
      const d = e.data;
      if (/^SIP\\/2\\.0 (401|407)/.test(d) && /CSeq:\\s*\\d+ REGISTER/i.test(d)) first('registerChallenged');
      else if (d.startsWith('SIP/2.0 200') && /CSeq:\\s*\\d+ REGISTER/i.test(d)) first('register200');
      else if (d.startsWith('SIP/2.0 200') && /CSeq:\\s*\\d+ INVITE/i.test(d)) mark('ok200Received');
      else if (d.startsWith('ACK ')) mark('ackReceived');
      else if (d.startsWith('INVITE ')) mark('inviteReceived');
    });
    return ws;
  };
  WS.prototype = NativeWS.prototype;
  for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) WS[k] = NativeWS[k];
  window.WebSocket = WS;
  // An ACK in the INVITE's own transaction (same Via branch) answers a non-2xx such as Kamailio's
  // 407 challenge; only the ACK of the 2xx (a new branch) means the call is established.
  const inviteBranches = new Set();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string') {
      const now = performance.now();
      const branch = (/branch=([\\w.!%*+~-]+)/i.exec(data) || [])[1] || '';
      if (data.startsWith('REGISTER ')) first('registerSent');
      if (data.startsWith('SIP/2.0 200') && /CSeq:\\s*\\d+ INVITE/i.test(data)) mark('ok200Sent');
      if (data.startsWith('INVITE ')) {
        if (marks.invite === undefined) marks.invite = now;
        inviteBranches.add(branch);
      }
      if (data.startsWith('ACK ') && !inviteBranches.has(branch) && marks.ack === undefined && marks.invite !== undefined) marks.ack = now;
      if (data.startsWith('ACK ') && !inviteBranches.has(branch)) mark('ackSent');
    }
    return send.call(this, data);
  };
  if (navigator.mediaDevices) {
    const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints) => {
      bench.getUserMediaCalls++;
      mark('gumStart');
      const p = gum(constraints);
      p.then(() => mark('gumEnd'), () => undefined);
      return p;
    };
  }
  if (window.RTCRtpSender) {
    const replace = RTCRtpSender.prototype.replaceTrack;
    RTCRtpSender.prototype.replaceTrack = function (track) {
      if (track) mark('replaceTrack');
      return replace.call(this, track);
    };
  }
  const srcObject = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
  if (srcObject && srcObject.set) {
    Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
      ...srcObject,
      set(stream) {
        if (this instanceof HTMLAudioElement && stream && stream.getAudioTracks().length > 0) mark('audioAttached');
        srcObject.set.call(this, stream);
      },
    });
  }
  const srd = RTCPeerConnection.prototype.setRemoteDescription;
  RTCPeerConnection.prototype.setRemoteDescription = function (...args) {
    mark('srdStart');
    const p = srd.apply(this, args);
    p.then(() => mark('srdEnd'), () => undefined);
    return p;
  };
  const sld = RTCPeerConnection.prototype.setLocalDescription;
  RTCPeerConnection.prototype.setLocalDescription = function (...args) {
    mark('sldStart');
    const p = sld.apply(this, args);
    p.then(() => mark('sldEnd'), () => undefined);
    return p;
  };
  if (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes.includes('longtask')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) marks.longTaskMs = (marks.longTaskMs || 0) + e.duration;
    }).observe({ type: 'longtask' });
  }
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = function (config) {
    const pc = new Native(config);
    bench.peersCreated++;
    peers.push(new WeakRef(pc));
    if (peers.length > 64) for (let i = peers.length - 1; i >= 0; i--) if (!peers[i].deref()) peers.splice(i, 1);
    const poll = async () => {
      if (pc.signalingState === 'closed' || marks.rtp !== undefined) return;
      const stats = await pc.getStats();
      let got = false;
      let packets = 0;
      let last;
      stats.forEach((s) => {
        if (s.type !== 'inbound-rtp' || !(s.packetsReceived > 0)) return;
        got = true;
        if (s.kind !== 'audio') return;
        packets += s.packetsReceived;
        last = Math.max(last ?? 0, s.lastPacketReceivedTimestamp);
      });
      if (got) {
        marks.rtp = performance.now();
        if (last) {
          marks.rtpPackets = packets;
          marks.rtpLastPacket = last - performance.timeOrigin;
        }
      }
      else setTimeout(poll, 2);
    };
    pc.addEventListener('track', () => void poll());
    pc.addEventListener('icecandidate', (e) => { if (e.candidate) { mark('firstCandidate'); marks.lastCandidate = performance.now(); } });
    pc.addEventListener('iceconnectionstatechange', () => {
      if (pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed') mark('iceConnected');
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected') mark('pcConnected');
    });
    return pc;
  };
  window.RTCPeerConnection.prototype = Native.prototype;
  window.RTCPeerConnection.generateCertificate = Native.generateCertificate.bind(Native);
})();`;

interface BenchWindow {
  __bench: {
    marks: ProbeMarks;
    startup: StartupTrace;
    getUserMediaCalls: number;
    peersCreated: number;
    reset(): void;
    openPeers(): number;
  };
}

export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: PROBE });
}

export const resetMarks = (page: Page): Promise<void> =>
  page.evaluate(() => (window as unknown as BenchWindow).__bench.reset());

export const readMarks = (page: Page): Promise<ProbeMarks> =>
  page.evaluate(() => ({ ...(window as unknown as BenchWindow).__bench.marks }));

/** The document's start-up trace, plus when each script finished loading (resource timing). */
export const readStartup = (
  page: Page,
): Promise<StartupTrace & { scripts: { name: string; end: number }[] }> =>
  page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    // No named helper here: tsx would wrap it in a `__name` call the page does not have.
    return {
      workerStart: nav?.workerStart ? Math.round(nav.workerStart * 10) / 10 : undefined,
      responseStart: nav?.responseStart ? Math.round(nav.responseStart * 10) / 10 : undefined,
      responseEnd: nav?.responseEnd ? Math.round(nav.responseEnd * 10) / 10 : undefined,
      unloadStart: nav?.unloadEventStart ? Math.round(nav.unloadEventStart * 10) / 10 : undefined,
      unloadEnd: nav?.unloadEventEnd ? Math.round(nav.unloadEventEnd * 10) / 10 : undefined,
      firstContentfulPaint: performance
        .getEntriesByType('paint')
        .filter((e) => e.name === 'first-contentful-paint')
        .map((e) => Math.round(e.startTime * 10) / 10)[0],
      ...(window as unknown as BenchWindow).__bench.startup,
      scripts: performance
        .getEntriesByType('resource')
        .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script' || e.name.endsWith('.js'))
        .map((e) => ({
          name: e.name.replace(/^.*\//, ''),
          end: Math.round((e as PerformanceResourceTiming).responseEnd),
        })),
    };
  });

export const getUserMediaCalls = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as BenchWindow).__bench.getUserMediaCalls);

export const openPeers = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as BenchWindow).__bench.openPeers());

/** Resolves once every named mark is set; fails with the marks seen after `timeoutMs`. */
export async function waitForMarks(
  page: Page,
  names: (keyof ProbeMarks)[],
  timeoutMs = 15_000,
): Promise<ProbeMarks> {
  try {
    await page.waitForFunction(
      (wanted) => {
        const m = (window as unknown as BenchWindow).__bench.marks as Record<string, number | undefined>;
        return wanted.every((name) => m[name] !== undefined);
      },
      names,
      { timeout: timeoutMs, polling: 20 },
    );
  } catch (error) {
    throw new Error(
      `marks ${names.join(', ')} not reached (saw ${JSON.stringify(await readMarks(page))}): ${String(error)}`,
    );
  }
  return readMarks(page);
}

/** Records `marks.click` when `selector`'s element is clicked (capture phase, before any app handler). */
export async function markNextClick(page: Page, locator: import('@playwright/test').Locator): Promise<void> {
  await locator.evaluate((el) => {
    el.addEventListener(
      'click',
      () => ((window as unknown as BenchWindow).__bench.marks.click = performance.now()),
      { once: true, capture: true },
    );
  });
}
