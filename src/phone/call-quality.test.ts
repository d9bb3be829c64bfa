import { describe, expect, it } from 'vitest';
import { estimateMos, markFor, readCounters, sampleBetween } from './call-quality';
import { statsReport } from './testing/stats-fixtures';

const base = {
  packetsReceived: 1000,
  packetsLost: 0,
  bytesReceived: 100_000,
  bytesSent: 90_000,
  jitter: 0.004,
  rtt: 0.04,
};

describe('readCounters', () => {
  it('reads RTT from remote-inbound-rtp, jitter in ms and the codec name from the inbound codec', () => {
    const counters = readCounters(statsReport({ at: 5000, ...base }));
    expect(counters).toMatchObject({
      at: 5000,
      rttMs: 40,
      jitterMs: 4,
      codec: 'opus',
      packetsReceived: 1000,
    });
  });

  it('falls back to the selected candidate pair RTT when there is no remote-inbound-rtp yet', () => {
    const counters = readCounters(statsReport({ at: 5000, ...base, rtt: undefined, pairRtt: 0.012 }));
    expect(counters?.rttMs).toBe(12);
  });

  it('leaves missing fields undefined and answers null without audio RTP', () => {
    const counters = readCounters(statsReport({ at: 1, mimeType: 'audio/PCMU' }));
    expect(counters).toMatchObject({ codec: 'pcmu', rttMs: undefined, packetsReceived: undefined });
    expect(readCounters(new Map([['T01', { id: 'T01', type: 'transport' }]]))).toBeNull();
  });
});

describe('sampleBetween', () => {
  it('gives loss over the interval (not since the call began) and bitrates in kbit/s', () => {
    const before = readCounters(statsReport({ at: 0, ...base, packetsLost: 50 }))!;
    const after = readCounters(
      statsReport({
        at: 2000,
        ...base,
        packetsReceived: 1090,
        packetsLost: 60,
        bytesReceived: 108_000,
        bytesSent: 98_000,
      }),
    )!;
    const sample = sampleBetween(before, after);
    expect(sample.lossFraction).toBeCloseTo(10 / 100);
    expect(sample.inKbps).toBe(32);
    expect(sample.outKbps).toBe(32);
    expect(sample.codec).toBe('opus');
    expect(sample.mark).toBe('fair');
  });

  it('treats a counter that went down (a reset) as unknown rather than a huge negative rate', () => {
    const before = readCounters(statsReport({ at: 0, ...base }))!;
    const after = readCounters(
      statsReport({ at: 2000, ...base, packetsReceived: 20, bytesReceived: 2_000 }),
    )!;
    const sample = sampleBetween(before, after);
    expect(sample.lossFraction).toBeNull();
    expect(sample.inKbps).toBeNull();
    expect(sample.rttMs).toBe(40);
    expect(sample.mark).toBe('good');
  });

  it('never reports negative loss when packetsLost goes down (late duplicates)', () => {
    const before = readCounters(statsReport({ at: 0, ...base, packetsLost: 5 }))!;
    const after = readCounters(statsReport({ at: 2000, ...base, packetsReceived: 1100, packetsLost: 3 }))!;
    expect(sampleBetween(before, after).lossFraction).toBe(0);
  });

  it('has no MOS on the first reading without RTT', () => {
    const first = readCounters(statsReport({ at: 0, ...base, rtt: undefined }))!;
    expect(sampleBetween(null, first)).toMatchObject({ mos: null, mark: null, lossFraction: null });
  });
});

describe('estimateMos (simplified G.107)', () => {
  const clean = { rttMs: 40, jitterMs: 2, lossFraction: 0, codec: 'opus' };

  it('rates a clean LAN call good and degrades with loss and delay', () => {
    expect(estimateMos(clean)).toBeGreaterThanOrEqual(4.3);
    expect(markFor(estimateMos({ ...clean, lossFraction: 0.05 }))).toBe('fair');
    expect(markFor(estimateMos({ ...clean, lossFraction: 0.15 }))).toBe('poor');
    expect(markFor(estimateMos({ ...clean, rttMs: 800 }))).toBe('poor');
  });

  it('follows the formula: R = 93.2 − Id − Ie,eff', () => {
    // d = 100/2 + 0 + 20 = 70 ms → Id = 1.68; Ppl 2 % with G.711 (Bpl 25.1) → Ie,eff = 95·2/27.1 = 7.011
    const r = 93.2 - 1.68 - (95 * 2) / 27.1;
    const mos = 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    expect(estimateMos({ rttMs: 100, jitterMs: 0, lossFraction: 0.02, codec: 'pcmu' })).toBeCloseTo(mos, 2);
  });

  it('uses the thresholds good ≥ 4.0, fair ≥ 3.1', () => {
    expect([markFor(4.0), markFor(3.99), markFor(3.1), markFor(3.09)]).toEqual([
      'good',
      'fair',
      'fair',
      'poor',
    ]);
  });
});
