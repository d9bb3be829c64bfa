/**
 * Channel inbound benchmark: a reference server on a free loopback port (demo channel on, outbound
 * to its fake provider), N signed WhatsApp messages from M customers posted one after another, then the
 * same with 10 in flight. Prints JSON: latency percentiles of signed inbound → stored → 200, and the
 * rows written. The agent 1002 keeps the Conversations stream open, so messages are routed to him.
 *   node --import tsx bench/channels.ts [messages=500] [customers=50]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CHANNEL } from '../server/channels/options';
import { whatsappInbound } from '../server/channels/testing/sign';
import { startServer } from '../server/app';
import { sessionCookie } from '../server/testing/signed-in-server';

const N = Number(process.argv[2] ?? 500);
const M = Number(process.argv[3] ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'openline-bench-channels-'));
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir: dir,
  demoPassword: 'pw',
  logLevel: 'error',
  channelsDemo: true,
});
const cookie = await sessionCookie(server.url, '1002', 'pw');
const stream = new AbortController();
const sse = await fetch(`${server.url}/api/channels/events`, { headers: { cookie }, signal: stream.signal });
await sse.body!.getReader().read();

let seq = 0;
async function post(): Promise<number> {
  const n = ++seq;
  const req = whatsappInbound(DEMO_CHANNEL.secret, {
    id: `wamid.bench.${n}`,
    from: `4477009${String(n % M).padStart(5, '0')}`,
    text: `message ${n}`,
    timestampMs: Date.now(),
  });
  const t0 = performance.now();
  const res = await fetch(`${server.url}/api/channels/demo-whatsapp/inbound`, {
    method: 'POST',
    headers: req.headers,
    body: req.body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`inbound answered ${res.status}`);
  return performance.now() - t0;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
};
const summary = (xs: number[], wallMs: number) => ({
  messages: xs.length,
  p50Ms: pct(xs, 50),
  p95Ms: pct(xs, 95),
  p99Ms: pct(xs, 99),
  perSecond: Math.round((xs.length / wallMs) * 1000),
});

const seqTimes: number[] = [];
let t = performance.now();
for (let i = 0; i < N; i++) seqTimes.push(await post());
const sequential = summary(seqTimes, performance.now() - t);

const parTimes: number[] = [];
t = performance.now();
await Promise.all(
  Array.from({ length: 10 }, async () => {
    for (let i = 0; i < N / 10; i++) parTimes.push(await post());
  }),
);
const concurrent10 = summary(parTimes, performance.now() - t);

stream.abort();
await server.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ bench: 'channels-inbound', customers: M, sequential, concurrent10 }, null, 2)}\n`,
);
