/**
 * Synthesized audio encoded to Ogg/Opus with opusscript (pure JS/WASM, no ffmpeg): the default
 * greeting (a short rising three-tone chime, then the record beep) and test fixtures.
 */
import OpusScript from 'opusscript';
import { OggOpusWriter } from './ogg-opus';

const RATE = 48_000;
/** 20 ms frames, what WebRTC sends too. */
const FRAME = 960;

export interface ToneSegment {
  /** Hz; 0 is silence. */
  freq: number;
  ms: number;
  /** 0..1 */
  gain?: number;
}

/** 16-bit mono PCM at 48 kHz for a sequence of tones (with 5 ms ramps so they do not click). */
export function synthesize(segments: readonly ToneSegment[]): Int16Array {
  const total = segments.reduce((n, s) => n + Math.round((s.ms * RATE) / 1000), 0);
  const pcm = new Int16Array(total);
  let at = 0;
  for (const s of segments) {
    const n = Math.round((s.ms * RATE) / 1000);
    const ramp = Math.min(240, n / 2);
    const amp = (s.gain ?? 0.4) * 32767;
    for (let i = 0; i < n && s.freq > 0; i++) {
      const env = Math.min(1, i / ramp, (n - i) / ramp);
      pcm[at + i] = Math.round(Math.sin((2 * Math.PI * s.freq * i) / RATE) * amp * env);
    }
    at += n;
  }
  return pcm;
}

/** Encodes 48 kHz mono PCM to 20 ms Opus packets (the last frame padded with silence). */
export function encodeOpusPackets(pcm: Int16Array): Buffer[] {
  const encoder = new OpusScript(RATE, 1, OpusScript.Application.VOIP, { wasm: true });
  try {
    const packets: Buffer[] = [];
    for (let at = 0; at < pcm.length; at += FRAME) {
      const frame = new Int16Array(FRAME);
      frame.set(pcm.subarray(at, Math.min(at + FRAME, pcm.length)));
      packets.push(Buffer.from(encoder.encode(Buffer.from(frame.buffer), FRAME)));
    }
    return packets;
  } finally {
    encoder.delete();
  }
}

/** Encodes 48 kHz mono PCM to an Ogg/Opus file. */
export function encodeOggOpus(pcm: Int16Array): Buffer {
  const writer = new OggOpusWriter(1, RATE);
  for (const packet of encodeOpusPackets(pcm)) writer.write(packet, FRAME);
  return writer.finish();
}

/** The default greeting: C5-E5-G5 chime, a pause, then a 1 kHz beep (about 1.6 s). */
export const DEFAULT_GREETING: readonly ToneSegment[] = [
  { freq: 523.25, ms: 220 },
  { freq: 659.25, ms: 220 },
  { freq: 783.99, ms: 320 },
  { freq: 0, ms: 450 },
  { freq: 1000, ms: 350, gain: 0.3 },
];
