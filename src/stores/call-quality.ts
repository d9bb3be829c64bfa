/**
 * Call quality and "no audio" per call, from the engine's `getStats()`: read every second (the
 * no-audio detector's resolution), a quality sample every other reading (2 s). The arithmetic is
 * phone/call-quality.ts and phone/no-audio.ts; this file only polls and stores.
 */
import { create } from 'zustand';
import { readCounters, sampleBetween, type QualityCounters, type QualitySample } from '../phone/call-quality';
import { NO_ALARMS, START_WATCH, watchAudio, type AudioAlarms, type AudioWatch } from '../phone/no-audio';
import type { StatsReportLike } from '../phone/call-quality';

export type { QualitySample, QualityMark } from '../phone/call-quality';
export type { AudioAlarms } from '../phone/no-audio';

export interface CallQuality {
  sample: QualitySample | null;
  alarms: AudioAlarms;
}

export interface CallQualityState {
  byCall: Record<string, CallQuality>;
}

export const useCallQuality = create<CallQualityState>()(() => ({ byCall: {} }));

export const READ_EVERY_MS = 1000;
const SAMPLE_EVERY_READS = 2;

export interface QualityWatchDeps {
  getStats: (callId: string) => Promise<StatsReportLike | null>;
  /** The call's state when a reading arrives; null when it has ended. */
  callState: (callId: string) => { held: boolean; muted: boolean } | null;
  every?: (run: () => void, ms: number) => () => void;
}

const interval = (run: () => void, ms: number) => {
  const timer = setInterval(run, ms);
  return () => clearInterval(timer);
};

/** Folds one `getStats()` report into the watch of a call (exported for tests). */
export function createQualityReader(callId: string, deps: Pick<QualityWatchDeps, 'callState'>) {
  let watch: AudioWatch = START_WATCH;
  let sampledFrom: QualityCounters | null = null;
  let reads = 0;
  return (report: StatsReportLike | null): void => {
    const call = deps.callState(callId);
    const counters = report && call ? readCounters(report) : null;
    if (!counters || !call) return;
    const next = watchAudio(watch, counters, call);
    watch = next.watch;
    const current = useCallQuality.getState().byCall[callId];
    let sample = current?.sample ?? null;
    if (reads++ % SAMPLE_EVERY_READS === 0) {
      sample = sampleBetween(sampledFrom, counters);
      sampledFrom = counters;
    }
    useCallQuality.setState((s) => ({ byCall: { ...s.byCall, [callId]: { sample, alarms: next.alarms } } }));
  };
}

/** Watches one call until the returned function is called (then forgets it). */
export function watchCallQuality(callId: string, deps: QualityWatchDeps): () => void {
  const read = createQualityReader(callId, deps);
  let busy = false;
  const stop = (deps.every ?? interval)(() => {
    if (busy) return; // a slow getStats() must not pile up
    busy = true;
    deps
      .getStats(callId)
      .then(read, () => undefined)
      .finally(() => (busy = false));
  }, READ_EVERY_MS);
  return () => {
    stop();
    useCallQuality.setState((s) => {
      const byCall = { ...s.byCall };
      delete byCall[callId];
      return { byCall };
    });
  };
}

const NO_QUALITY: CallQuality = { sample: null, alarms: NO_ALARMS };

export function selectCallQuality(state: CallQualityState, callId: string | null): CallQuality {
  return (callId ? state.byCall[callId] : undefined) ?? NO_QUALITY;
}
