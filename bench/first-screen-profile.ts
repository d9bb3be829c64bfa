/**
 * What a first visit's long main-thread tasks are made of: a V8 CPU profile of one load, cut into tasks
 * (runs of samples not idle, with gaps under 4 ms joined), and for each task of 50 ms or more the
 * functions that spent most time in it (self time, with the script and line). Times are in page ms from
 * the profile's start (just before navigation), on the throttled clock.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from '@playwright/test';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfiledTask {
  startMs: number;
  durationMs: number;
  top: { fn: string; selfMs: number }[];
}

export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

const IDLE = new Set(['(idle)', '(program)']);

/** Names a sampled function by its source (through the build's source maps in `distDir`), else by its chunk. */
function sourceNamer(distDir: string) {
  const maps = new Map<string, SourceMapConsumer | null>();
  const consumer = (url: string) => {
    const path = url.replace(/^https?:\/\/[^/]+\//, '');
    if (!maps.has(path)) {
      const file = join(distDir, `${path}.map`);
      maps.set(
        path,
        existsSync(file)
          ? new SourceMapConsumer(JSON.parse(readFileSync(file, 'utf8')) as RawSourceMap)
          : null,
      );
    }
    return maps.get(path) ?? null;
  };
  return (n: ProfileNode) => {
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const name = functionName || '(anonymous)';
    // Frames without a position (V8 reports line -1) are named by their chunk.
    const map = url && lineNumber >= 0 ? consumer(url) : null;
    const at = map?.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
    if (at?.source) {
      const source = at.source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, '');
      return `${at.name ?? name} ${source}:${at.line}`;
    }
    return `${name} ${url.replace(/^.*\//, '')}:${lineNumber + 1}`;
  };
}

export async function stopProfile(cdp: CDPSession, distDir: string, minTaskMs = 50): Promise<ProfiledTask[]> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const label = sourceNamer(distDir);
  const tasks: ProfiledTask[] = [];
  let t = 0;
  let current: { start: number; end: number; self: Map<string, number> } | null = null;
  const close = () => {
    if (current && current.end - current.start >= minTaskMs) {
      tasks.push({
        startMs: Math.round(current.start),
        durationMs: Math.round(current.end - current.start),
        top: [...current.self.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([fn, self]) => ({ fn, selfMs: Math.round(self * 10) / 10 })),
      });
    }
    current = null;
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    t += delta;
    const node = byId.get(profile.samples[i]!)!;
    if (IDLE.has(node.callFrame.functionName)) {
      if (current && t - current.end > 4) close();
      continue;
    }
    current ??= { start: t - delta, end: t, self: new Map() };
    current.end = t;
    const key = label(node);
    current.self.set(key, (current.self.get(key) ?? 0) + delta);
  }
  close();
  return tasks;
}
