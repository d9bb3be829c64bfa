import { describe, expect, it } from 'vitest';
import { sniffMediaType } from '../../../src/lib/media-types';
import { oggCrc, oggOpusSilence } from './ogg-opus';

/** Walks the Ogg pages: each one's checksum, flags, granule and packets. */
function pages(file: Buffer) {
  const out: Array<{ flags: number; granule: bigint; crcOk: boolean; first: string }> = [];
  let at = 0;
  while (at < file.length) {
    expect(file.subarray(at, at + 4).toString('ascii')).toBe('OggS');
    const segments = file[at + 26]!;
    const body = [...file.subarray(at + 27, at + 27 + segments)].reduce((a, b) => a + b, 0);
    const length = 27 + segments + body;
    const page = Buffer.from(file.subarray(at, at + length));
    const crc = page.readUInt32LE(22);
    page.writeUInt32LE(0, 22);
    out.push({
      flags: page[5]!,
      granule: page.readBigUInt64LE(6),
      crcOk: oggCrc(page) === crc,
      first: page.subarray(27 + segments, 27 + segments + 8).toString('latin1'),
    });
    at += length;
  }
  return out;
}

describe('oggOpusSilence', () => {
  it('writes OpusHead, OpusTags and audio pages with valid checksums and the length in the last granule', () => {
    const file = oggOpusSilence(2);
    const p = pages(file);
    expect(p.every((x) => x.crcOk)).toBe(true);
    expect(p[0]).toMatchObject({ flags: 0x02, granule: 0n, first: 'OpusHead' });
    expect(p[1]).toMatchObject({ flags: 0, first: 'OpusTags' });
    expect(p.at(-1)!.flags).toBe(0x04);
    // 2 s at 48 kHz after the 312-sample pre-skip.
    expect(p.at(-1)!.granule).toBe(96_000n + 312n);
    expect(sniffMediaType(file)).toBe('audio/ogg');
  });

  it('computes the Ogg CRC of the RFC 3533 polynomial', () => {
    expect(oggCrc(Buffer.from(''))).toBe(0);
    // CRC-32/MPEG-2 without the initial 0xffffffff and final xor ("123456789" → 0x89a1897f).
    expect(oggCrc(Buffer.from('123456789'))).toBe(0x89a1897f);
  });
});
