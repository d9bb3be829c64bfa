import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { levelOf, meterLevel, rmsOf, sampleStream } from './level-meter';

describe('rmsOf and levelOf', () => {
  it('measure a constant signal, on a square-root scale for the level', () => {
    const samples = new Float32Array(64).fill(0.25);
    expect(rmsOf(samples)).toBeCloseTo(0.25);
    expect(levelOf(samples)).toBe(50);
    expect(levelOf(new Float32Array(8).fill(-1))).toBe(100);
  });

  it('read no samples and silence as 0', () => {
    expect(rmsOf(new Float32Array(0))).toBe(0);
    expect(levelOf(new Float32Array(0))).toBe(0);
    expect(levelOf(new Float32Array(16))).toBe(0);
  });
});

describe('sampleStream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function fakeContext(amplitude: number) {
    const analyser = {
      fftSize: 0,
      getFloatTimeDomainData: (samples: Float32Array) => samples.fill(amplitude),
    };
    const source = {
      connected: false,
      connect: () => (source.connected = true),
      disconnect: () => (source.connected = false),
    };
    const ctx = {
      createMediaStreamSource: () => source,
      createAnalyser: () => analyser,
    } as unknown as AudioContext;
    return { ctx, analyser, source };
  }

  it('hands the analyser its FFT size and the samples every interval, until stopped', () => {
    const { ctx, analyser, source } = fakeContext(0.5);
    const sizes: number[] = [];
    const stop = sampleStream(ctx, {} as MediaStream, (samples) => sizes.push(samples.length), {
      everyMs: 50,
      fftSize: 256,
    });
    expect(analyser.fftSize).toBe(256);
    expect(source.connected).toBe(true);
    vi.advanceTimersByTime(160);
    expect(sizes).toEqual([256, 256, 256]);
    stop();
    vi.advanceTimersByTime(500);
    expect(sizes).toHaveLength(3);
    expect(source.connected).toBe(false);
  });

  it('meterLevel reports the level every 100 ms by default', () => {
    const { ctx } = fakeContext(0.25);
    const levels: number[] = [];
    const stop = meterLevel(ctx, {} as MediaStream, (level) => levels.push(level));
    vi.advanceTimersByTime(250);
    stop();
    expect(levels).toEqual([50, 50]);
  });
});
