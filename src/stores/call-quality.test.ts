import { beforeEach, describe, expect, it } from 'vitest';
import { createQualityReader, selectCallQuality, useCallQuality, watchCallQuality } from './call-quality';
import { statsReport } from '../phone/testing/stats-fixtures';

beforeEach(() => useCallQuality.setState({ byCall: {} }));

const report = (at: number, packetsReceived: number) =>
  statsReport({ at, packetsReceived, packetsLost: 0, bytesReceived: packetsReceived * 100, rtt: 0.05 });

describe('call quality store', () => {
  it('stores a sample every other reading and the no-audio alarm after 3 s of stalled RTP', () => {
    const state = { held: false, muted: true };
    const read = createQualityReader('c1', { callState: () => state });
    read(report(0, 100));
    expect(selectCallQuality(useCallQuality.getState(), 'c1').sample?.rttMs).toBe(50);
    read(report(1000, 150));
    read(report(2000, 200));
    expect(selectCallQuality(useCallQuality.getState(), 'c1').sample?.inKbps).toBe(40);
    read(report(3000, 200));
    read(report(4000, 200));
    expect(selectCallQuality(useCallQuality.getState(), 'c1').alarms.noInbound).toBe(false);
    read(report(5000, 200));
    expect(selectCallQuality(useCallQuality.getState(), 'c1').alarms.noInbound).toBe(true);
    read(report(6000, 250));
    expect(selectCallQuality(useCallQuality.getState(), 'c1').alarms.noInbound).toBe(false);
  });

  it('forgets the call when the watch stops', async () => {
    let tick: () => void = () => undefined;
    const stop = watchCallQuality('c2', {
      getStats: () => Promise.resolve(report(0, 1)),
      callState: () => ({ held: false, muted: false }),
      every: (run) => {
        tick = run;
        return () => (tick = () => undefined);
      },
    });
    tick();
    await Promise.resolve();
    await Promise.resolve();
    expect(useCallQuality.getState().byCall.c2).toBeDefined();
    stop();
    expect(useCallQuality.getState().byCall.c2).toBeUndefined();
  });
});
