/**
 * Files customers send on a channel (issue 14, ADR 0036): the chat attachment types (ADR 0024) plus the
 * audio and video a browser plays inline: voice notes (OGG with Opus or Vorbis), MP3, M4A, MP4 and WebM.
 * Recognised by their first bytes, never by the declared type or the name. Chat uploads keep the narrower
 * {@link sniffAttachmentType}: only channel media from providers widen to this list. Free of DOM and
 * Node imports: the app and the server both compile it.
 */
import { ATTACHMENT_TYPES, sniffAttachmentType, type AttachmentType } from './attachments';

export const PLAYABLE_TYPES = ['audio/ogg', 'audio/mpeg', 'audio/mp4', 'video/mp4', 'video/webm'] as const;
export type PlayableType = (typeof PLAYABLE_TYPES)[number];

/** Every type the attachment store keeps. */
export const MEDIA_TYPES = [...ATTACHMENT_TYPES, ...PLAYABLE_TYPES] as const;
export type MediaType = AttachmentType | PlayableType;

/** Bytes {@link sniffMediaType} needs to see (the first Ogg page's header, a WebM DocType). */
export const MEDIA_SNIFF_BYTES = 64;

export const isPlayableType = (type: string): type is PlayableType =>
  (PLAYABLE_TYPES as readonly string[]).includes(type);

const ascii = (bytes: Uint8Array, at: number, length: number) =>
  bytes.length < at + length ? '' : String.fromCharCode(...bytes.subarray(at, at + length));

/** An Ogg stream whose first packet is an Opus or Vorbis identification header (not Theora video…). */
function isOggAudio(bytes: Uint8Array): boolean {
  if (ascii(bytes, 0, 4) !== 'OggS' || bytes[4] !== 0 || bytes.length < 27) return false;
  // The first page opens the stream (BOS flag); its packet starts after the segment table.
  if ((bytes[5]! & 0x02) === 0) return false;
  const payload = 27 + bytes[26]!;
  return ascii(bytes, payload, 8) === 'OpusHead' || ascii(bytes, payload, 7) === '\x01vorbis';
}

/** An ID3v2 tag, or an MPEG-1/2 Layer III frame header with a valid bitrate and sample rate. */
function isMp3(bytes: Uint8Array): boolean {
  if (ascii(bytes, 0, 3) === 'ID3' && bytes.length >= 10) return bytes[3]! >= 2 && bytes[3]! <= 4;
  if (bytes.length < 4 || bytes[0] !== 0xff || (bytes[1]! & 0xe0) !== 0xe0) return false;
  const version = (bytes[1]! >> 3) & 0x03;
  const layer = (bytes[1]! >> 1) & 0x03;
  const bitrate = bytes[2]! >> 4;
  const rate = (bytes[2]! >> 2) & 0x03;
  return version !== 1 && layer === 1 && bitrate !== 0 && bitrate !== 0x0f && rate !== 3;
}

/** ISO media brands a browser plays: M4A/M4B audio, MP4 video (not QuickTime, 3GP/AMR or HEIC). */
const MP4_AUDIO_BRANDS = new Set(['M4A ', 'M4B ']);
const MP4_VIDEO_BRANDS = new Set([
  'isom',
  'iso2',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'dash',
  'M4V ',
]);

function mp4Type(bytes: Uint8Array): PlayableType | null {
  if (ascii(bytes, 4, 4) !== 'ftyp' || bytes.length < 16) return null;
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (boxSize < 16) return null;
  const brand = ascii(bytes, 8, 4);
  if (MP4_AUDIO_BRANDS.has(brand)) return 'audio/mp4';
  if (MP4_VIDEO_BRANDS.has(brand)) return 'video/mp4';
  return null;
}

/** An EBML document whose DocType (element 0x4282) is `webm` (plain Matroska is refused). */
function isWebm(bytes: Uint8Array): boolean {
  if (!(bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)) return false;
  const end = Math.min(bytes.length, MEDIA_SNIFF_BYTES);
  for (let i = 4; i + 3 < end; i++) {
    if (bytes[i] !== 0x42 || bytes[i + 1] !== 0x82) continue;
    const size = bytes[i + 2]!;
    // A one-byte size (VINT marker bit set) of 4: the DocType string follows.
    return size === 0x84 && ascii(bytes, i + 3, 4) === 'webm';
  }
  return false;
}

/** The type the bytes are, by their magic numbers; null for anything else. */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  const attachment = sniffAttachmentType(bytes);
  if (attachment) return attachment;
  if (isOggAudio(bytes)) return 'audio/ogg';
  const mp4 = mp4Type(bytes);
  if (mp4) return mp4;
  if (isWebm(bytes)) return 'video/webm';
  if (isMp3(bytes)) return 'audio/mpeg';
  return null;
}
