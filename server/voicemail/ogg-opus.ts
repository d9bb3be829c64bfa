/**
 * Writes Opus packets into an Ogg stream (RFC 3533 pages, RFC 7845 Opus mapping): the two header
 * pages (OpusHead, OpusTags), then one page per audio packet with the granule position counted in
 * 48 kHz samples, and an end-of-stream flag on the last page. werift 0.23 ships an Ogg parser but no
 * writer, and recordings are plain enough for a page writer of our own.
 */
import { randomBytes } from 'node:crypto';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** The Ogg CRC-32 (polynomial 0x04c11db7, no reflection, initial 0). */
function oggCrc(buf: Buffer): number {
  let crc = 0;
  for (const byte of buf) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) & 0xff) ^ byte]!) >>> 0;
  return crc;
}

const FLAG_BOS = 0x02;
const FLAG_EOS = 0x04;

/** Pre-skip we declare: libopus's usual encoder look-ahead at 48 kHz. */
export const OPUS_PRE_SKIP = 312;

export class OggOpusWriter {
  private readonly serial = randomBytes(4).readUInt32LE(0);
  private sequence = 0;
  private granule = 0n;
  private readonly pages: Buffer[] = [];

  constructor(channels = 1, inputRate = 48_000) {
    const head = Buffer.alloc(19);
    head.write('OpusHead', 0, 'latin1');
    head.writeUInt8(1, 8); // version
    head.writeUInt8(channels, 9);
    head.writeUInt16LE(OPUS_PRE_SKIP, 10);
    head.writeUInt32LE(inputRate, 12);
    head.writeInt16LE(0, 16); // output gain
    head.writeUInt8(0, 18); // channel mapping family 0
    this.page(head, FLAG_BOS, 0n);
    const vendor = Buffer.from('openline', 'latin1');
    const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
    tags.write('OpusTags', 0, 'latin1');
    tags.writeUInt32LE(vendor.length, 8);
    vendor.copy(tags, 12);
    tags.writeUInt32LE(0, 12 + vendor.length);
    this.page(tags, 0, 0n);
  }

  /** Appends one Opus packet that decodes to `samples` samples at 48 kHz (960 for 20 ms). */
  write(packet: Buffer, samples: number): void {
    this.granule += BigInt(samples);
    this.page(packet, 0, this.granule);
  }

  /** The whole file, with the end-of-stream flag set on an empty last page. */
  finish(): Buffer {
    this.page(Buffer.alloc(0), FLAG_EOS, this.granule);
    return Buffer.concat(this.pages);
  }

  /** Milliseconds of audio written so far. */
  get durationMs(): number {
    return Number((this.granule * 1000n) / 48_000n);
  }

  private page(packet: Buffer, flags: number, granule: bigint): void {
    // Lacing: 255-byte segments, then the remainder (0 when the packet is a multiple of 255).
    const lacing: number[] = [];
    for (let left = packet.length; ; left -= 255) {
      lacing.push(Math.min(left, 255));
      if (left < 255) break;
    }
    if (lacing.length > 255)
      throw new Error(`Opus packet of ${packet.length} bytes is too large for one page`);
    const header = Buffer.alloc(27 + lacing.length);
    header.write('OggS', 0, 'latin1');
    header.writeUInt8(0, 4);
    header.writeUInt8(flags, 5);
    header.writeBigUInt64LE(granule, 6);
    header.writeUInt32LE(this.serial, 14);
    header.writeUInt32LE(this.sequence++, 18);
    header.writeUInt32LE(0, 22);
    header.writeUInt8(lacing.length, 26);
    Buffer.from(lacing).copy(header, 27);
    const page = Buffer.concat([header, packet]);
    page.writeUInt32LE(oggCrc(page), 22);
    this.pages.push(page);
  }
}
