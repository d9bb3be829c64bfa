/**
 * Reads the packets of a single-stream Ogg file (RFC 3533): page headers, lacing values, packets that
 * continue across pages. Used for uploaded greetings (the deposit agent sends their Opus packets as
 * RTP without transcoding) and by the tests' decoder. Throws on anything that is not a whole page.
 */

/** The packets in order, the Opus headers (OpusHead, OpusTags) included. */
export function oggPackets(file: Buffer): Buffer[] {
  const packets: Buffer[] = [];
  let partial: Buffer[] = [];
  let at = 0;
  while (at < file.length) {
    if (at + 27 > file.length || file.toString('latin1', at, at + 4) !== 'OggS') {
      throw new Error(`no Ogg page at byte ${at}`);
    }
    const count = file[at + 26]!;
    if (at + 27 + count > file.length) throw new Error(`the Ogg page at byte ${at} is cut short`);
    const lacing = file.subarray(at + 27, at + 27 + count);
    let body = at + 27 + count;
    for (const len of lacing) {
      if (body + len > file.length) throw new Error(`the Ogg page at byte ${at} is cut short`);
      partial.push(file.subarray(body, body + len));
      body += len;
      if (len < 255) {
        packets.push(Buffer.concat(partial));
        partial = [];
      }
    }
    at = body;
  }
  return packets;
}

const FRAME_MS_SILK = [10, 20, 40, 60];
const FRAME_MS_HYBRID = [10, 20];
const FRAME_MS_CELT = [2.5, 5, 10, 20];

/** Samples at 48 kHz one Opus packet decodes to, from its TOC byte (RFC 6716 §3.1); 0 when unreadable. */
export function opusPacketSamples(packet: Buffer): number {
  if (packet.length === 0) return 0;
  const config = packet[0]! >> 3;
  const frameMs =
    config < 12
      ? FRAME_MS_SILK[config % 4]!
      : config < 16
        ? FRAME_MS_HYBRID[config % 2]!
        : FRAME_MS_CELT[config % 4]!;
  const code = packet[0]! & 3;
  const frames = code === 0 ? 1 : code < 3 ? 2 : packet.length > 1 ? packet[1]! & 0x3f : 0;
  return frames * frameMs * 48;
}
