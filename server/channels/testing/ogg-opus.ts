/**
 * A real Ogg/Opus voice note without ffmpeg (tests, and the fake provider's `voice.ogg`): an OpusHead
 * and an OpusTags page, then 20 ms Opus frames of silence (TOC 0xF8: CELT full band, mono, one frame),
 * with the granule positions and CRCs a demuxer checks (RFC 3533, RFC 7845). Browsers decode and play
 * it; its duration is `seconds`.
 */

const SAMPLES_PER_FRAME = 960; // 20 ms at 48 kHz
const PRE_SKIP = 312;
const SILENT_FRAME = [0xf8, 0xff, 0xfe];
const FRAMES_PER_PAGE = 50;
const SERIAL = 0x4f4c494e; // "OLIN"

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** The Ogg page checksum: CRC-32, polynomial 0x04c11db7, not reflected, initial value 0. */
export function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff]!) >>> 0;
  return crc;
}

function page(packets: Buffer[], o: { flags: number; granule: number; sequence: number }): Buffer {
  const lacing: number[] = [];
  for (const p of packets) {
    let n = p.length;
    while (n >= 255) {
      lacing.push(255);
      n -= 255;
    }
    lacing.push(n);
  }
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'ascii');
  header[4] = 0;
  header[5] = o.flags;
  header.writeBigUInt64LE(BigInt(o.granule), 6);
  header.writeUInt32LE(SERIAL, 14);
  header.writeUInt32LE(o.sequence, 18);
  header.writeUInt32LE(0, 22);
  header[26] = lacing.length;
  const out = Buffer.concat([header, Buffer.from(lacing), ...packets]);
  out.writeUInt32LE(oggCrc(out), 22);
  return out;
}

/** An Ogg/Opus file of `seconds` of silence (rounded up to 20 ms), mono, 48 kHz. */
export function oggOpusSilence(seconds: number): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'ascii');
  head[8] = 1; // version
  head[9] = 1; // channels
  head.writeUInt16LE(PRE_SKIP, 10);
  head.writeUInt32LE(48_000, 12);
  head.writeInt16LE(0, 16); // output gain
  head[18] = 0; // mapping family
  const vendor = Buffer.from('openline-test', 'ascii');
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
  tags.write('OpusTags', 0, 'ascii');
  tags.writeUInt32LE(vendor.length, 8);
  vendor.copy(tags, 12);
  tags.writeUInt32LE(0, 12 + vendor.length);

  const pages = [page([head], { flags: 0x02, granule: 0, sequence: 0 })];
  pages.push(page([tags], { flags: 0, granule: 0, sequence: 1 }));
  const frames = Math.ceil((seconds * 48_000 + PRE_SKIP) / SAMPLES_PER_FRAME);
  let written = 0;
  while (written < frames) {
    const count = Math.min(FRAMES_PER_PAGE, frames - written);
    written += count;
    pages.push(
      page(
        Array.from({ length: count }, () => Buffer.from(SILENT_FRAME)),
        {
          flags: written === frames ? 0x04 : 0,
          // The last page's granule is trimmed to the exact length (end trimming, RFC 7845 §4.4).
          granule: written === frames ? Math.round(seconds * 48_000) + PRE_SKIP : written * SAMPLES_PER_FRAME,
          sequence: pages.length,
        },
      ),
    );
  }
  return Buffer.concat(pages);
}
