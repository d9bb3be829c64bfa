/**
 * What an uploaded voicemail file really is, judged by its bytes (never by the declared type or the
 * file name), and how long it plays where the container says so without decoding.
 *
 * Accepted: Ogg/Opus (`OggS` + `OpusHead`), WebM/Opus (EBML with DocType `webm` and codec `A_OPUS`)
 * and WAV (`RIFF....WAVE`, PCM `fmt `).
 */

export type VoicemailMediaType = 'audio/ogg' | 'audio/webm' | 'audio/wav';

export const MEDIA_TYPES: readonly VoicemailMediaType[] = ['audio/ogg', 'audio/webm', 'audio/wav'];

/** File extension for downloads. */
export const EXTENSION: Record<VoicemailMediaType, string> = {
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
  'audio/wav': 'wav',
};

/** Declared Content-Types accepted for each sniffed type (browsers and PBXs vary in spelling). */
const DECLARED: Record<VoicemailMediaType, readonly string[]> = {
  'audio/ogg': ['audio/ogg', 'audio/opus', 'application/ogg'],
  'audio/webm': ['audio/webm', 'video/webm'],
  'audio/wav': ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
};

const ascii = (buf: Buffer, at: number, text: string) =>
  buf.length >= at + text.length && buf.toString('latin1', at, at + text.length) === text;

function includesAscii(buf: Buffer, text: string, within: number): boolean {
  return buf.subarray(0, within).includes(Buffer.from(text, 'latin1'));
}

/** The sniffed type, or a sentence saying why the bytes are not an accepted audio file. */
export function sniffAudio(buf: Buffer): { type: VoicemailMediaType } | { problem: string } {
  if (ascii(buf, 0, 'OggS')) {
    // The first page carries exactly one packet: the identification header.
    return includesAscii(buf, 'OpusHead', 128)
      ? { type: 'audio/ogg' }
      : { problem: 'The Ogg file does not contain Opus audio.' };
  }
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0x1a45dfa3) {
    if (!includesAscii(buf, 'webm', 64)) return { problem: 'The EBML file is not WebM.' };
    return includesAscii(buf, 'A_OPUS', 4096)
      ? { type: 'audio/webm' }
      : { problem: 'The WebM file does not contain Opus audio.' };
  }
  if (ascii(buf, 0, 'RIFF') && ascii(buf, 8, 'WAVE')) {
    return wavFormat(buf) ? { type: 'audio/wav' } : { problem: 'The WAV file has no readable format.' };
  }
  return { problem: 'The file is not Ogg/Opus, WebM/Opus or WAV audio.' };
}

/** Whether a declared Content-Type is a spelling of the sniffed type (parameters ignored). */
export function declaredMatches(declared: string | undefined, sniffed: VoicemailMediaType): boolean {
  const base = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  return base === 'application/octet-stream' || DECLARED[sniffed].includes(base);
}

interface WavFormat {
  byteRate: number;
  dataBytes: number;
}

/** Walks the RIFF chunks for `fmt ` and `data`. */
function wavFormat(buf: Buffer): WavFormat | undefined {
  let at = 12;
  let byteRate = 0;
  while (at + 8 <= buf.length) {
    const id = buf.toString('latin1', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 16 <= buf.length) byteRate = buf.readUInt32LE(at + 16);
    if (id === 'data') {
      return byteRate > 0 ? { byteRate, dataBytes: Math.min(size, buf.length - at - 8) } : undefined;
    }
    at += 8 + size + (size % 2);
  }
  return undefined;
}

/** Opus in Ogg always counts granules at 48 kHz (RFC 7845 §4). */
const OPUS_RATE = 48_000;

/** Duration from the last Ogg page's granule position, less the pre-skip of the Opus header. */
function oggDurationMs(buf: Buffer): number | undefined {
  const last = buf.lastIndexOf(Buffer.from('OggS', 'latin1'));
  const head = buf.indexOf(Buffer.from('OpusHead', 'latin1'));
  if (last < 0 || head < 0 || last + 14 > buf.length || head + 12 > buf.length) return undefined;
  const granule = Number(buf.readBigUInt64LE(last + 6));
  const preSkip = buf.readUInt16LE(head + 10);
  if (!Number.isFinite(granule) || granule < preSkip) return undefined;
  return Math.round(((granule - preSkip) / OPUS_RATE) * 1000);
}

/** Playing time when the container states it (Ogg, WAV); undefined for WebM (the caller must say). */
export function audioDurationMs(buf: Buffer, type: VoicemailMediaType): number | undefined {
  if (type === 'audio/ogg') return oggDurationMs(buf);
  if (type === 'audio/wav') {
    const fmt = wavFormat(buf);
    return fmt ? Math.round((fmt.dataBytes / fmt.byteRate) * 1000) : undefined;
  }
  return undefined;
}
