import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useMicLevel } from './useMicLevel';

/** A Web Audio stand-in whose analyser reads a constant signal of `amplitude`. */
class FakeAudioContext {
  static made: FakeAudioContext[] = [];
  static amplitude = 0.1;
  closed = false;
  disconnected = false;
  constructor() {
    FakeAudioContext.made.push(this);
  }
  createMediaStreamSource() {
    return { connect: () => undefined, disconnect: () => (this.disconnected = true) };
  }
  createAnalyser() {
    return {
      fftSize: 0,
      getFloatTimeDomainData: (samples: Float32Array) => samples.fill(FakeAudioContext.amplitude),
    };
  }
  resume() {
    return Promise.resolve();
  }
  close() {
    this.closed = true;
    return Promise.resolve();
  }
}

const streamWithAudio = () => ({ getAudioTracks: () => [{ kind: 'audio' }] }) as unknown as MediaStream;

beforeEach(() => {
  vi.useFakeTimers();
  FakeAudioContext.made = [];
  vi.stubGlobal('AudioContext', FakeAudioContext);
  vi.stubGlobal(
    'MediaStream',
    class {
      constructor(readonly tracks: unknown[]) {}
    },
  );
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useMicLevel', () => {
  it('starts its AudioContext in a task after the commit, then reports the level', () => {
    const stream = streamWithAudio();
    const { result } = renderHook(() => useMicLevel(stream));
    expect(FakeAudioContext.made).toHaveLength(0);
    act(() => vi.advanceTimersByTime(0));
    expect(FakeAudioContext.made).toHaveLength(1);
    act(() => vi.advanceTimersByTime(70));
    expect(result.current).toBeCloseTo(0.4, 2);
  });

  it('never opens a context when the stream is gone before its task', () => {
    const stream = streamWithAudio();
    const { unmount } = renderHook(() => useMicLevel(stream));
    unmount();
    act(() => vi.advanceTimersByTime(100));
    expect(FakeAudioContext.made).toHaveLength(0);
  });

  it('closes the context and stops measuring when the stream goes', () => {
    const stream = streamWithAudio();
    const { unmount } = renderHook(() => useMicLevel(stream));
    act(() => vi.advanceTimersByTime(0));
    const [context] = FakeAudioContext.made;
    unmount();
    expect(context!.closed).toBe(true);
    expect(context!.disconnected).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stays at 0 without a microphone track', () => {
    const silent = { getAudioTracks: () => [] } as unknown as MediaStream;
    const { result } = renderHook(() => useMicLevel(silent));
    act(() => vi.advanceTimersByTime(200));
    expect(FakeAudioContext.made).toHaveLength(0);
    expect(result.current).toBe(0);
  });
});
