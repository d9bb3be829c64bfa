import { describe, expect, it } from 'vitest';
import { audioDurationMs, declaredMatches, sniffAudio } from './audio';
import { oggTone, wavFile, webmHeader } from './testing/fixtures';

describe('voicemail audio files are judged by their bytes', () => {
  it('recognizes Ogg/Opus and reads its duration from the last granule position', () => {
    const ogg = oggTone(1000);
    expect(sniffAudio(ogg)).toEqual({ type: 'audio/ogg' });
    const ms = audioDurationMs(ogg, 'audio/ogg')!;
    expect(ms).toBeGreaterThan(980);
    expect(ms).toBeLessThan(1020);
  });

  it('recognizes WAV and WebM/Opus', () => {
    const wav = wavFile(2500);
    expect(sniffAudio(wav)).toEqual({ type: 'audio/wav' });
    expect(audioDurationMs(wav, 'audio/wav')).toBe(2500);
    expect(sniffAudio(webmHeader())).toEqual({ type: 'audio/webm' });
    expect(audioDurationMs(webmHeader(), 'audio/webm')).toBeUndefined();
  });

  it('refuses other bytes with a specific reason', () => {
    const problem = (b: Buffer) =>
      'problem' in sniffAudio(b) ? (sniffAudio(b) as { problem: string }).problem : '';
    expect(problem(Buffer.from('<html><script>alert(1)</script>'))).toMatch(
      /not Ogg\/Opus, WebM\/Opus or WAV/,
    );
    expect(problem(Buffer.from('OggS\0\x02' + 'x'.repeat(100) + 'vorbis'))).toMatch(/does not contain Opus/);
    expect(problem(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0, ...Buffer.from('matroska')]))).toMatch(
      /not WebM/,
    );
    expect(problem(Buffer.concat([webmHeader().subarray(0, 40), Buffer.from('V_VP8')]))).toMatch(
      /does not contain Opus/,
    );
    expect(problem(Buffer.from('RIFF\0\0\0\0WAVEjunk'))).toMatch(/no readable format/);
    expect(problem(Buffer.alloc(0))).toMatch(/not Ogg/);
  });

  it('accepts a declared type only when it spells the sniffed one', () => {
    expect(declaredMatches('audio/ogg; codecs=opus', 'audio/ogg')).toBe(true);
    expect(declaredMatches('audio/x-wav', 'audio/wav')).toBe(true);
    expect(declaredMatches('application/octet-stream', 'audio/webm')).toBe(true);
    expect(declaredMatches('audio/wav', 'audio/ogg')).toBe(false);
    expect(declaredMatches('text/html', 'audio/ogg')).toBe(false);
    expect(declaredMatches(undefined, 'audio/ogg')).toBe(false);
  });
});
