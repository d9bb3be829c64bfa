import OpusScript from 'opusscript';
import { describe, expect, it } from 'vitest';
import { greetingPackets } from './greeting';
import { OggOpusWriter } from './ogg-opus';
import { oggPackets, opusPacketSamples } from './ogg-read';
import { encodeOggOpus, synthesize } from './tone';

/** An Ogg/Opus file in 60 ms frames: valid Opus, but not what the deposit agent can pace as it is. */
function sixtyMsOgg(ms: number): Buffer {
  const pcm = synthesize([{ freq: 440, ms }]);
  const encoder = new OpusScript(48_000, 1, OpusScript.Application.VOIP, { wasm: true });
  const writer = new OggOpusWriter();
  try {
    for (let at = 0; at + 2880 <= pcm.length; at += 2880) {
      const frame = pcm.slice(at, at + 2880);
      writer.write(Buffer.from(encoder.encode(Buffer.from(frame.buffer), 2880)), 2880);
    }
  } finally {
    encoder.delete();
  }
  return writer.finish();
}

describe('greeting files', () => {
  it('reads the 20 ms Opus packets of our own Ogg writer', () => {
    const file = encodeOggOpus(synthesize([{ freq: 440, ms: 1000 }]));
    const checked = greetingPackets(file);
    expect('packets' in checked && checked.packets).toHaveLength(50);
    expect(
      oggPackets(file)
        .slice(2)
        .filter((p) => p.length > 0)
        .map(opusPacketSamples),
    ).toEqual(Array(50).fill(960));
  });

  it('refuses other frame sizes with the reason', () => {
    const checked = greetingPackets(sixtyMsOgg(600));
    expect(checked).toEqual({
      problem: "Use an Ogg Opus file (.ogg/.opus), up to 30 s, in 20 ms frames (opusenc's default).",
    });
  });

  it('counts frames from the TOC byte (RFC 6716 §3.1)', () => {
    expect(opusPacketSamples(Buffer.from([(31 << 3) | 0]))).toBe(960); // CELT 20 ms, one frame
    expect(opusPacketSamples(Buffer.from([(3 << 3) | 1]))).toBe(5760); // SILK 60 ms, two frames
    expect(opusPacketSamples(Buffer.from([(16 << 3) | 3, 4]))).toBe(480); // CELT 2.5 ms × 4
    expect(opusPacketSamples(Buffer.alloc(0))).toBe(0);
  });
});
