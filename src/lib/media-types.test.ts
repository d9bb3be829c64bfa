import { describe, expect, it } from 'vitest';
import { sniffAttachmentType } from './attachments';
import { isPlayableType, sniffMediaType } from './media-types';

const hex = (h: string) =>
  Uint8Array.from(
    h
      .replace(/\s+/g, '')
      .match(/../g)!
      .map((b) => parseInt(b, 16)),
  );
const text = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const withTail = (head: Uint8Array, n = 64) => {
  const out = new Uint8Array(Math.max(n, head.length));
  out.set(head);
  return out;
};

/** First page of a voice note: OggS, BOS, one 19-byte segment holding OpusHead (RFC 7845). */
const OGG_OPUS = hex(
  '4f676753 0002 0000000000000000 4e494c4f 00000000 6d7302fb 01 13' +
    '4f707573486561640101380180bb0000000000',
);
/** The same page holding a Vorbis identification header. */
const OGG_VORBIS = hex(
  '4f676753 0002 0000000000000000 01000000 00000000 00000000 01 1e' +
    '01766f72626973000000000144ac0000000000000071020000000000b801',
);
/** The same page holding a Theora (video) header: Ogg, but not audio. */
const OGG_THEORA = hex(
  '4f676753 0002 0000000000000000 01000000 00000000 00000000 01 2a' + '807468656f7261030201',
);
/** An ID3v2.3 tag, then an MPEG-1 Layer III frame header (128 kbit/s, 44.1 kHz). */
const MP3_ID3 = hex('494433 03 00 00 00000a00');
const MP3_FRAME = hex('fffb9064 000000000000');
/** ADTS AAC (layer 00): not MP3. */
const AAC_ADTS = hex('fff15080 2bff fc21');
/** ftyp boxes of an iPhone M4A, an MP4 camera clip, a QuickTime .mov and a HEIC photo. */
const M4A = hex('00000020 66747970 4d344120 00000000 4d344120 6d703432 69736f6d 00000000');
const MP4 = hex('00000018 66747970 6d703432 00000000 69736f6d 6d703432');
const MOV = hex('00000014 66747970 71742020 00000000 71742020');
const HEIC = hex('00000018 66747970 68656963 00000000 6d696631 68656963');
/** EBML headers of a WebM recording (Chromium's MediaRecorder) and of a Matroska .mkv. */
const WEBM = hex(
  '1a45dfa3 9f 4286 81 01 42f7 81 01 42f2 81 04 42f3 81 08 4282 84 7765626d 4287 81 04 4285 81 02',
);
const MKV = hex(
  '1a45dfa3 a3 4286 81 01 42f7 81 01 42f2 81 04 42f3 81 08 4282 88 6d6174726f736b61 4287 81 04 4285 81 02',
);
/** A 1×1 lossless WebP (what a WhatsApp sticker is). */
const WEBP = Uint8Array.from(atob('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=='), (c) =>
  c.charCodeAt(0),
);

describe('sniffMediaType', () => {
  it('recognises voice notes, MP3, M4A, MP4 and WebM by their first bytes', () => {
    expect(sniffMediaType(withTail(OGG_OPUS))).toBe('audio/ogg');
    expect(sniffMediaType(withTail(OGG_VORBIS))).toBe('audio/ogg');
    expect(sniffMediaType(withTail(MP3_ID3))).toBe('audio/mpeg');
    expect(sniffMediaType(withTail(MP3_FRAME))).toBe('audio/mpeg');
    expect(sniffMediaType(withTail(M4A))).toBe('audio/mp4');
    expect(sniffMediaType(withTail(MP4))).toBe('video/mp4');
    expect(sniffMediaType(withTail(WEBM))).toBe('video/webm');
  });

  it('still knows the attachment types (a sticker is a WebP image)', () => {
    expect(sniffMediaType(withTail(WEBP))).toBe('image/webp');
    expect(sniffMediaType(withTail(hex('89504e470d0a1a0a')))).toBe('image/png');
    expect(sniffMediaType(withTail(text('%PDF-1.7')))).toBe('application/pdf');
  });

  it('refuses look-alikes: Theora video in Ogg, AAC, QuickTime, HEIC, Matroska', () => {
    for (const bytes of [OGG_THEORA, AAC_ADTS, MOV, HEIC, MKV])
      expect(sniffMediaType(withTail(bytes))).toBeNull();
  });

  it('refuses bad input: empty, truncated headers, a bad MP3 frame, a broken ftyp, text', () => {
    expect(sniffMediaType(new Uint8Array())).toBeNull();
    expect(sniffMediaType(text('OggS'))).toBeNull();
    // The Ogg page says the packet is further than the bytes go.
    expect(sniffMediaType(OGG_OPUS.subarray(0, 30))).toBeNull();
    // Not the first page of a stream (no BOS flag).
    const notFirst = withTail(OGG_OPUS);
    notFirst[5] = 0;
    expect(sniffMediaType(notFirst)).toBeNull();
    // Bitrate index 15 ("bad"), sample rate index 3 (reserved), MPEG version 01 (reserved).
    expect(sniffMediaType(withTail(hex('fffbf064')))).toBeNull();
    expect(sniffMediaType(withTail(hex('fffb9c64')))).toBeNull();
    expect(sniffMediaType(withTail(hex('ffeb9064')))).toBeNull();
    expect(sniffMediaType(withTail(hex('494433 09')))).toBeNull();
    expect(sniffMediaType(withTail(hex('00000008 66747970 69736f6d')))).toBeNull();
    expect(sniffMediaType(hex('00000018 66747970 69736f'))).toBeNull();
    expect(sniffMediaType(withTail(hex('1a45dfa3 9f 4286 81 01')))).toBeNull();
    expect(sniffMediaType(withTail(text('<html><audio src=x></audio></html>')))).toBeNull();
  });

  it('leaves chat uploads to the attachment types', () => {
    expect(sniffAttachmentType(withTail(OGG_OPUS))).toBeNull();
    expect(sniffAttachmentType(withTail(MP4))).toBeNull();
    expect(isPlayableType('audio/ogg')).toBe(true);
    expect(isPlayableType('image/webp')).toBe(false);
  });
});
