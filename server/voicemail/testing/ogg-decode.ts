/** Decodes an Ogg/Opus file (as our writer makes them) to PCM with opusscript, for assertions. */
import OpusScript from 'opusscript';
import { oggPackets } from '../ogg-read';

export interface Decoded {
  durationMs: number;
  /** Root mean square of the samples, 0..1. */
  rms: number;
}

export function decodeOggOpus(file: Buffer): Decoded {
  const [head, tags, ...audio] = oggPackets(file);
  if (
    !head?.toString('latin1', 0, 8).startsWith('OpusHead') ||
    !tags?.toString('latin1', 0, 8).startsWith('OpusTags')
  )
    throw new Error('not an Ogg/Opus file');
  const decoder = new OpusScript(48_000, 1, OpusScript.Application.VOIP, { wasm: true });
  let samples = 0;
  let sumSquares = 0;
  try {
    for (const packet of audio) {
      if (packet.length === 0) continue;
      const pcm = decoder.decode(packet);
      const view = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2);
      for (const v of view) sumSquares += (v / 32768) ** 2;
      samples += view.length;
    }
  } finally {
    decoder.delete();
  }
  return { durationMs: (samples / 48_000) * 1000, rms: samples ? Math.sqrt(sumSquares / samples) : 0 };
}
