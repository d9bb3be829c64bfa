import { describe, expect, it, vi } from 'vitest';
import type { Availability } from '../api/webcall-availability';
import { createJoinAvailability } from './join-availability';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('join page availability', () => {
  it('asks at once and again after each interval, keeps the last answer on a failure, stops when unwatched', async () => {
    const answers: Array<Availability | Error> = [
      { state: 'busy' },
      new Error('offline'),
      { state: 'closed', opensAt: 1_800_000_000_000 },
    ];
    const fetchAvailability = vi.fn(() => {
      const next = answers.shift() ?? { state: 'free' };
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    });
    const timers: Array<() => void> = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const watch = createJoinAvailability({
      fetchAvailability,
      after: (_ms, run) => {
        timers.push(run);
        return () => timers.splice(timers.indexOf(run), 1);
      },
    });
    const stop = watch.watch('room1', 'k'.repeat(43));
    await settle();
    expect(fetchAvailability).toHaveBeenCalledWith('room1', 'k'.repeat(43));
    expect(watch.useStore.getState().availability).toEqual({ state: 'busy' });
    timers.shift()!();
    await settle();
    expect(watch.useStore.getState().availability).toEqual({ state: 'busy' });
    timers.shift()!();
    await settle();
    expect(watch.useStore.getState().availability).toEqual({ state: 'closed', opensAt: 1_800_000_000_000 });
    stop();
    expect(timers).toHaveLength(0);
    expect(fetchAvailability).toHaveBeenCalledTimes(3);
    warn.mockRestore();
  });

  it('ignores an answer that arrives after the watch stopped', async () => {
    let resolve!: (a: Availability) => void;
    const watch = createJoinAvailability({
      fetchAvailability: () => new Promise((r) => (resolve = r)),
      after: () => () => undefined,
    });
    const stop = watch.watch('room1', 'k'.repeat(43));
    stop();
    resolve({ state: 'busy' });
    await settle();
    expect(watch.useStore.getState().availability).toBeNull();
  });
});
