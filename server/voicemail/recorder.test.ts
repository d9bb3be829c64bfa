import { describe, expect, it } from 'vitest';
import { OpusRecorder } from './recorder';
import { decodeOggOpus } from './testing/ogg-decode';
import { encodeOpusPackets, synthesize } from './tone';

const packets = encodeOpusPackets(synthesize([{ freq: 440, ms: 1000, gain: 0.5 }]));

describe('OpusRecorder', () => {
  it('writes RTP Opus packets into an Ogg file that decodes to the same length of sound', () => {
    const rec = new OpusRecorder();
    packets.forEach((payload, i) =>
      rec.push({ sequenceNumber: 65500 + i, timestamp: 4294967000 + i * 960, payload }),
    );
    expect(rec.durationMs).toBe(1000);
    const decoded = decodeOggOpus(rec.finish());
    expect(decoded.durationMs).toBe(1000);
    expect(decoded.rms).toBeGreaterThan(0.2);
  });

  it('drops duplicates and late packets, keeps gaps on the timeline, and caps its size', () => {
    const rec = new OpusRecorder(packets[0]!.length * 3);
    const p = packets[0]!;
    expect(rec.push({ sequenceNumber: 10, timestamp: 0, payload: p })).toBe(true);
    expect(rec.push({ sequenceNumber: 10, timestamp: 0, payload: p })).toBe(false);
    expect(rec.push({ sequenceNumber: 9, timestamp: 0, payload: p })).toBe(false);
    expect(rec.push({ sequenceNumber: 12, timestamp: 1920, payload: p })).toBe(true); // one lost
    expect(rec.durationMs).toBe(60);
    expect(rec.push({ sequenceNumber: 13, timestamp: 2880, payload: p })).toBe(true);
    expect(rec.push({ sequenceNumber: 14, timestamp: 3840, payload: p })).toBe(false); // over the cap
  });
});
