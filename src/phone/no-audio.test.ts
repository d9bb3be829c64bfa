import { describe, expect, it } from 'vitest';
import { readCounters, type QualityCounters } from './call-quality';
import { START_WATCH, watchAudio, type AudioAlarms, type AudioWatch } from './no-audio';
import { statsReport, type StatsFixture } from './testing/stats-fixtures';

/** Readings one second apart; each step says whether audio arrived and whether the mic gave sound. */
function readings(steps: { heard: boolean; packets?: boolean; spoke: boolean }[]): QualityCounters[] {
  let packets = 100;
  let inEnergy = 1;
  let outEnergy = 1;
  return steps.map((step, i) => {
    if (step.packets ?? true) packets += 50;
    if (step.heard) inEnergy += 0.01;
    if (step.spoke) outEnergy += 0.01;
    const fixture: StatsFixture = {
      at: 10_000 + i * 1000,
      packetsReceived: packets,
      inEnergy,
      inDuration: 10 + i,
      outEnergy,
      outDuration: 10 + i,
    };
    return readCounters(statsReport(fixture))!;
  });
}

function run(all: QualityCounters[], call = { held: false, muted: false }): AudioAlarms[] {
  let watch: AudioWatch = START_WATCH;
  return all.map((reading) => {
    const next = watchAudio(watch, reading, call);
    watch = next.watch;
    return next.alarms;
  });
}

const ok = { heard: true, spoke: true };

describe('watchAudio', () => {
  it('raises no-audio after 3 s of stalled RTP and clears it when packets come back', () => {
    const stalled = { heard: false, packets: false, spoke: true };
    const alarms = run(readings([ok, ok, stalled, stalled, stalled, ok]));
    expect(alarms.map((a) => a.noInbound)).toEqual([false, false, false, false, true, false]);
    expect(alarms.some((a) => a.micSilent)).toBe(false);
  });

  it('counts packets of silence as no audio (the far side disabled its track)', () => {
    const silent = { heard: false, spoke: true };
    const alarms = run(readings([ok, silent, silent, silent]));
    expect(alarms.at(-1)?.noInbound).toBe(true);
  });

  it('stays quiet on hold, and warns of a silent microphone only when not muted', () => {
    const nothing = { heard: false, packets: false, spoke: false };
    const steps = readings([ok, nothing, nothing, nothing, nothing]);
    expect(run(steps, { held: true, muted: false }).some((a) => a.noInbound || a.micSilent)).toBe(false);
    expect(run(steps, { held: false, muted: true }).at(-1)).toEqual({ noInbound: true, micSilent: false });
    expect(run(steps, { held: false, muted: false }).at(-1)).toEqual({ noInbound: true, micSilent: true });
  });

  it('does not alarm on a counter reset or on stats without energy', () => {
    const [a, b] = readings([ok, ok]);
    const reset = { ...b!, packetsReceived: 3, at: b!.at + 3000 };
    expect(
      watchAudio({ last: a!, heardAt: a!.at, spokeAt: a!.at }, reset, { held: false, muted: false }).alarms
        .noInbound,
    ).toBe(false);
    const bare = (at: number, packets: number): QualityCounters => ({ at, packetsReceived: packets });
    expect(
      run([bare(0, 1), bare(1000, 2), bare(2000, 3), bare(3000, 4)]).some((x) => x.noInbound || x.micSilent),
    ).toBe(false);
  });
});
