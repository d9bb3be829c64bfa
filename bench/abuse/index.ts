/**
 * `npm run bench:abuse [-- --tree <checkout>]`: attacks a fresh server process the way issue 15 did
 * and prints JSON: WebSockets one IP can hold before refusal, /api/health latency during a
 * 20,000-socket attempt, server RSS under an INVITE flood, and password attempts the server checks
 * per minute for one account (from many IPs) and from one IP (over many accounts).
 * Every attack gets its own server so one's limits do not skew the next. Loopback only (127.0.0.x).
 */
import WebSocket from 'ws';
import { rand, TestPhone } from '../../server/sip/testing';
import { startServerProcess, type ServerUnderTest } from './server';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const tree = arg('tree', process.cwd());
const SOCKETS = Number(arg('sockets', '20000'));
const PER_IP_PROBE = Number(arg('per-ip-probe', '1000'));
const GUESS_WINDOW_MS = Number(arg('guess-window-ms', '20000'));

const wsUrl = (s: ServerUnderTest) => s.url.replace(/^http/, 'ws') + '/sip';

/** Opens a SIP WebSocket from `localAddress`; resolves the socket or undefined when refused. */
function open(s: ServerUnderTest, localAddress: string): Promise<WebSocket | undefined> {
  return new Promise((done) => {
    const ws = new WebSocket(wsUrl(s), 'sip', { localAddress, handshakeTimeout: 10_000 });
    ws.once('open', () => done(ws));
    ws.once('error', () => done(undefined));
    ws.once('unexpected-response', () => done(undefined));
  });
}

async function connectionsPerIp(): Promise<{ held: number; refusedAfter: boolean }> {
  const s = await startServerProcess(tree);
  const held: WebSocket[] = [];
  let refused = false;
  try {
    while (held.length < PER_IP_PROBE) {
      const ws = await open(s, '127.0.0.2');
      if (!ws) {
        refused = true;
        break;
      }
      held.push(ws);
    }
    return { held: held.length, refusedAfter: refused };
  } finally {
    for (const ws of held) ws.terminate();
    await s.stop();
  }
}

async function healthUnderSocketFlood() {
  const s = await startServerProcess(tree);
  const latencies: number[] = [];
  let healthFailures = 0;
  let stop = false;
  const prober = (async () => {
    while (!stop) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${s.url}/api/health`, { signal: AbortSignal.timeout(5000) });
        await res.text();
        if (res.ok) latencies.push(performance.now() - t0);
        else healthFailures++;
      } catch {
        healthFailures++;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const held: WebSocket[] = [];
  let refused = 0;
  try {
    const batch = 200;
    for (let i = 0; i < SOCKETS; i += batch) {
      const ip = `127.0.${10 + Math.floor(i / 50_000)}.${1 + (Math.floor(i / batch) % 250)}`;
      const results = await Promise.all(
        Array.from({ length: Math.min(batch, SOCKETS - i) }, () => open(s, ip)),
      );
      for (const ws of results) {
        if (ws) held.push(ws);
        else refused++;
      }
    }
    stop = true;
    await prober;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN);
    return {
      attempted: SOCKETS,
      held: held.length,
      refused,
      healthChecks: latencies.length + healthFailures,
      healthFailures,
      healthLatencyMs: { p50: pct(0.5), p95: pct(0.95), max: Math.round(latencies.at(-1) ?? NaN) },
    };
  } finally {
    stop = true;
    for (const ws of held) ws.terminate();
    await s.stop();
  }
}

async function rssUnderInviteFlood() {
  const s = await startServerProcess(tree);
  try {
    const caller = await TestPhone.connect(s.url, '1001');
    const callee = await TestPhone.connect(s.url, '1002');
    await caller.register();
    await callee.register();
    const before = s.rssMiB();
    const body = `v=0\r\n${'a=x:'.padEnd(60 * 1024, 'x')}\r\n`;
    const invites = 3000;
    for (let i = 0; i < invites; i++) {
      caller.send(caller.outOfDialog('INVITE', 'sip:1002@openline.local', { body }).text);
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 2000));
    const after = s.rssMiB();
    const answers = new Map<number, number>();
    for (const m of caller.inbox)
      if ('statusCode' in m) answers.set(m.statusCode ?? 0, (answers.get(m.statusCode ?? 0) ?? 0) + 1);
    const victimOpen = !callee.closed;
    await caller.close();
    await callee.close();
    return {
      invites,
      bodyBytes: body.length,
      rssMiB: { before, after },
      answers: Object.fromEntries(answers),
      victimOpen,
    };
  } finally {
    await s.stop();
  }
}

/** Wrong-password REGISTERs for `GUESS_WINDOW_MS`; counts those the server checked (not refused). */
async function guesses(pick: (i: number) => { user: string; ip: string }) {
  const s = await startServerProcess(tree);
  let checked = 0;
  let refused = 0;
  const phones = new Map<string, TestPhone>();
  try {
    const end = Date.now() + GUESS_WINDOW_MS;
    for (let i = 0; Date.now() < end; i++) {
      const { user, ip } = pick(i);
      let p = phones.get(`${user}@${ip}`);
      if (!p || p.closed) {
        p = await TestPhone.connect(s.url, user, { localAddress: ip });
        phones.set(`${user}@${ip}`, p);
      }
      const res = await p.register({ password: `guess-${rand(3)}` });
      if (res.statusCode === 401) checked++;
      else refused++;
    }
    const perMinute = Math.round((checked * 60_000) / GUESS_WINDOW_MS);
    return { windowMs: GUESS_WINDOW_MS, checked, refused, checkedPerMinute: perMinute };
  } finally {
    await Promise.all([...phones.values()].map((p) => p.close()));
    await s.stop();
  }
}

const report = {
  tree,
  connectionsPerIp: await connectionsPerIp(),
  healthUnderSocketFlood: await healthUnderSocketFlood(),
  rssUnderInviteFlood: await rssUnderInviteFlood(),
  passwordGuessesOneAccount: await guesses((i) => ({ user: '1001', ip: `127.0.1.${1 + (i % 200)}` })),
  passwordGuessesOneIp: await guesses((i) => ({
    user: ['1001', '1002', '1003', `9${i % 900}`][i % 4]!,
    ip: '127.0.2.1',
  })),
};
console.log(JSON.stringify(report, null, 2));
