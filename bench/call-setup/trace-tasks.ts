/**
 * The main thread of a Chromium performance trace around its first click, as an indented tree of the
 * events that took at least `--min` ms, timed from the click: what a page did between a person's click
 * and what followed it (`BENCH_TRACE_ANSWER` in call-setup/app.ts writes such a trace of an Answer).
 *   node --import tsx bench/call-setup/trace-tasks.ts <trace.json> [--from -5] [--to 120] [--min 0.3]
 */
import { readFileSync } from 'node:fs';
import { arg } from './stats';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { data?: { type?: string; functionName?: string; url?: string; lineNumber?: number } };
}

const file = process.argv[2];
if (!file || file.startsWith('--')) {
  console.error('usage: trace-tasks.ts <trace.json> [--from MS] [--to MS] [--min MS]');
  process.exit(2);
}
const from = Number(arg('from', '-5'));
const to = Number(arg('to', '120'));
const min = Number(arg('min', '0.3'));
const parsed = JSON.parse(readFileSync(file, 'utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
const click = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
if (!click) {
  console.error(`${file}: no click in this trace`);
  process.exit(1);
}
const ms = (us: number) => us / 1000;
const main = events
  .filter((e) => e.pid === click.pid && e.tid === click.tid && e.ph === 'X' && e.dur !== undefined)
  .filter((e) => ms(e.ts - click.ts) >= from && ms(e.ts - click.ts) < to && ms(e.dur!) >= min)
  .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
const open: TraceEvent[] = [];
for (const e of main) {
  for (let last = open.at(-1); last && last.ts + last.dur! <= e.ts; last = open.at(-1)) open.pop();
  const d = e.args?.data ?? {};
  const what = [
    e.name,
    d.type && `:${d.type}`,
    d.functionName && `:${d.functionName}`,
    d.url && `@${d.url.replace(/^.*\//, '')}:${d.lineNumber ?? ''}`,
  ]
    .filter(Boolean)
    .join('');
  const at = ms(e.ts - click.ts)
    .toFixed(1)
    .padStart(7);
  console.log(`${at} ${'  '.repeat(open.length)}${what} ${ms(e.dur!).toFixed(1)} ms`);
  open.push(e);
}
