/**
 * The main thread of a Chromium performance trace as an indented tree of the events that took at least
 * `--min` ms, timed from its first click (`--at click`, the default) or from the last navigation's start
 * (`--at navigation`, the clock of the page's performance.now()): what a page did between a person's
 * click, or a reload, and what followed. call-setup/app.ts writes such traces: `BENCH_TRACE_ANSWER` of an
 * Answer, `BENCH_TRACE_RELOAD` of a warm reload.
 *   node --import tsx bench/call-setup/trace-tasks.ts <trace.json> [--at click|navigation] [--from -5]
 *     [--to 120] [--min 0.3]
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
  args?: {
    data?: {
      type?: string;
      functionName?: string;
      url?: string;
      lineNumber?: number;
      isLoadingMainFrame?: boolean;
      documentLoaderURL?: string;
    };
  };
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
const at = arg('at', 'click');
const anchor =
  at === 'navigation'
    ? events
        .filter(
          (e) =>
            e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && e.args.data.documentLoaderURL,
        )
        .at(-1)
    : events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
if (!anchor) {
  console.error(`${file}: no ${at === 'navigation' ? 'main-frame navigation' : 'click'} in this trace`);
  process.exit(1);
}
const ms = (us: number) => us / 1000;
const main = events
  // Complete events, and instant ones (User Timing marks such as the probe's "startup:*") as 0 ms.
  .map((e) => (e.ph === 'I' || e.ph === 'R' ? { ...e, dur: 0 } : e))
  .filter(
    (e) =>
      e.pid === anchor.pid && e.tid === anchor.tid && (e.ph === 'X' || e.dur === 0) && e.dur !== undefined,
  )
  .filter(
    (e) =>
      ms(e.ts - anchor.ts) >= from &&
      ms(e.ts - anchor.ts) < to &&
      (ms(e.dur!) >= min || (e.dur === 0 && e.name.startsWith('startup:'))),
  )
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
    e.ph === 'I' || e.ph === 'R' ? ' (mark)' : '',
  ]
    .filter(Boolean)
    .join('');
  const when = ms(e.ts - anchor.ts)
    .toFixed(1)
    .padStart(7);
  console.log(`${when} ${'  '.repeat(open.length)}${what} ${ms(e.dur!).toFixed(1)} ms`);
  open.push(e);
}
