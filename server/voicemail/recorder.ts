/**
 * Turns the caller's inbound Opus RTP into an Ogg/Opus recording. Packets are written in arrival
 * order; duplicates and late packets (sequence number not after the last written one, RFC 3550
 * modular comparison) are dropped, and each packet's length in samples is taken from the RTP
 * timestamp step (48 kHz clock), clamped to one Opus packet's range, so a gap (DTX, loss) keeps the
 * timeline instead of compressing it.
 */
import { OggOpusWriter } from './ogg-opus';

/** 20 ms at 48 kHz: what a packet counts for when its timestamp step is unusable. */
const DEFAULT_SAMPLES = 960;
/** Opus packets hold 2.5..120 ms. */
const MIN_SAMPLES = 120;
const MAX_SAMPLES = 5760;

export interface OpusRtp {
  sequenceNumber: number;
  timestamp: number;
  payload: Buffer;
}

export class OpusRecorder {
  private readonly writer = new OggOpusWriter(1, 48_000);
  private lastSeq?: number;
  private lastTimestamp?: number;
  /** Packets written. */
  packets = 0;
  /** Bytes written (Opus payload), for the size cap. */
  bytes = 0;

  constructor(private readonly maxBytes = 8 * 1024 * 1024) {}

  /** Adds one packet; false when it was dropped (duplicate, late, empty or over the size cap). */
  push(rtp: OpusRtp): boolean {
    if (rtp.payload.length === 0 || this.bytes + rtp.payload.length > this.maxBytes) return false;
    if (this.lastSeq !== undefined) {
      const ahead = (rtp.sequenceNumber - this.lastSeq) & 0xffff;
      if (ahead === 0 || ahead >= 0x8000) return false;
    }
    let samples = DEFAULT_SAMPLES;
    if (this.lastTimestamp !== undefined) {
      const step = (rtp.timestamp - this.lastTimestamp) >>> 0;
      samples = step >= MIN_SAMPLES && step <= MAX_SAMPLES ? step : DEFAULT_SAMPLES;
    }
    this.lastSeq = rtp.sequenceNumber;
    this.lastTimestamp = rtp.timestamp;
    this.writer.write(rtp.payload, samples);
    this.packets++;
    this.bytes += rtp.payload.length;
    return true;
  }

  get durationMs(): number {
    return this.writer.durationMs;
  }

  finish(): Buffer {
    return this.writer.finish();
  }
}
