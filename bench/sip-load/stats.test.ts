import { describe, expect, it } from 'vitest';
import { parseProcStat, parseProcStatus } from './procfs';
import { parseRtt } from '../../e2e/support/sipp';
import {
  achievedRate,
  countBy,
  cpuPercent,
  held,
  highestHeld,
  highestWithoutFailures,
  parseRates,
  percentile,
  summarize,
} from './stats';

describe('percentile', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('interpolates linearly between ranks', () => {
    expect(percentile(oneToHundred, 50)).toBeCloseTo(50.5);
    expect(percentile(oneToHundred, 95)).toBeCloseTo(95.05);
    expect(percentile([10, 20], 50)).toBe(15);
  });

  it('clamps to the ends and handles one value and none', () => {
    expect(percentile(oneToHundred, 0)).toBe(1);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarize', () => {
  it('sorts numerically (not as strings) and rounds to 0.1 ms', () => {
    expect(summarize([10, 9, 100, 2.04, 3])).toEqual({
      n: 5,
      p50: 9,
      p95: 82,
      p99: 96.4,
      max: 100,
      mean: 24.8,
    });
  });

  it('is null without values', () => {
    expect(summarize([])).toBeNull();
  });
});

describe('step verdicts', () => {
  it('counts reasons', () => {
    expect(countBy(['timeout', 'INVITE 480', 'timeout'])).toEqual({ timeout: 2, 'INVITE 480': 1 });
  });

  it('counts the operations completed inside the window', () => {
    const onTime = Array.from({ length: 5000 }, (_, i) => 1000 + i + 3); // 1000/s from t=1000 ms, 3 ms each
    expect(achievedRate(onTime, 1000, 5)).toBe(999.6); // the last two finish just after the window
    const behind = Array.from({ length: 5000 }, (_, i) => 1000 + i * 1.25); // served at 800/s
    expect(achievedRate(behind, 1000, 5)).toBe(800.2);
    expect(achievedRate([...onTime.slice(0, 100).map(() => 60_000), ...onTime.slice(100)], 1000, 5)).toBe(
      979.6,
    );
    expect(achievedRate([], 0, 0)).toBe(0);
  });

  it('holds only with 0 failures, ≥ 95 % of the offered rate and p95 under 500 ms', () => {
    expect(held({ offeredPerSec: 1000, achievedPerSec: 960, failures: 0, latencyMs: { p95: 30 } })).toBe(
      true,
    );
    expect(held({ offeredPerSec: 1000, achievedPerSec: 960, failures: 0 })).toBe(true);
    expect(held({ offeredPerSec: 1000, achievedPerSec: 940, failures: 0 })).toBe(false);
    expect(held({ offeredPerSec: 1000, achievedPerSec: 1000, failures: 1 })).toBe(false);
    expect(held({ offeredPerSec: 1000, achievedPerSec: 990, failures: 0, latencyMs: { p95: 540 } })).toBe(
      false,
    );
  });

  it('reports the highest step that held, and the highest without failures', () => {
    const steps = [
      { offeredPerSec: 500, achievedPerSec: 500, failures: 0 },
      { offeredPerSec: 1000, achievedPerSec: 999, failures: 0 },
      { offeredPerSec: 2000, achievedPerSec: 1980, failures: 0, latencyMs: { p95: 540 } },
      { offeredPerSec: 3000, achievedPerSec: 1500, failures: 3 },
    ];
    expect(highestHeld(steps)).toEqual({ offeredPerSec: 1000, achievedPerSec: 999 });
    expect(highestWithoutFailures(steps)).toEqual({ offeredPerSec: 2000, achievedPerSec: 1980 });
    expect(highestHeld(steps.slice(2))).toBeNull();
    expect(highestWithoutFailures(steps.slice(3))).toBeNull();
  });

  it('expresses CPU in % of one core', () => {
    expect(cpuPercent(7.5, 5)).toBe(150);
    expect(cpuPercent(1, 0)).toBe(0);
  });

  it('parses rate lists and refuses nonsense', () => {
    expect(parseRates('500, 1000,2000')).toEqual([500, 1000, 2000]);
    expect(() => parseRates('500,fast')).toThrow();
    expect(() => parseRates('0')).toThrow();
  });
});

describe('/proc and sipp parsers', () => {
  it('reads CPU ticks after a comm that contains spaces and parentheses', () => {
    const line =
      '4242 (node (sip) x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 321 45 6 7 20 0 11 0 99 1000 200 18446744073709551615';
    expect(parseProcStat(line)).toMatchObject({
      pid: 4242,
      comm: 'node (sip) x',
      state: 'S',
      ppid: 1,
      pgrp: 4242,
      utime: 321,
      stime: 45,
      cutime: 6,
      cstime: 7,
    });
    expect(parseProcStat('garbage')).toBeUndefined();
  });

  it('reads VmRSS and VmHWM', () => {
    const status = 'Name:\tnode\nVmHWM:\t  120400 kB\nVmRSS:\t  118000 kB\nThreads:\t11\n';
    expect(parseProcStatus(status)).toEqual({ rssKb: 118000, hwmKb: 120400 });
    expect(parseProcStatus('Name:\tkthreadd\n')).toBeUndefined();
  });

  it('reads sipp -trace_rtt rows and skips the header', () => {
    expect(parseRtt('Date_ms;response_time_ms;rtd_no\n24.001;16;1\n2000;0;1\n')).toEqual([
      { atMs: 24.001, ms: 16 },
      { atMs: 2000, ms: 0 },
    ]);
  });
});
