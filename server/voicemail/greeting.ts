/**
 * A user's own greeting: an Ogg/Opus file whose packets the deposit agent sends as RTP exactly as
 * they are (no transcoding), so it must be mono-or-stereo Opus in 20 ms frames, as WebRTC sends, and
 * short (GREETING_LIMITS). Checked once on upload; read again (cheaply) on every deposit.
 */
import { GREETING_LIMITS } from '../../src/api/voicemail-schemas';
import { audioDurationMs, sniffAudio } from './audio';
import { oggPackets, opusPacketSamples } from './ogg-read';

/** What users are told when a file is not usable. */
export const GREETING_FORMAT_HINT = `Use an Ogg Opus file (.ogg/.opus), up to ${GREETING_LIMITS.maxMs / 1000} s`;

const FRAME_SAMPLES = 960;

/** The greeting's audio packets (headers dropped), or a sentence saying why the file cannot be one. */
export function greetingPackets(file: Buffer): { packets: Buffer[] } | { problem: string } {
  const sniffed = sniffAudio(file);
  if ('problem' in sniffed || sniffed.type !== 'audio/ogg') {
    return { problem: `${GREETING_FORMAT_HINT}: this file is not Ogg Opus.` };
  }
  let all: Buffer[];
  try {
    all = oggPackets(file);
  } catch (error) {
    return { problem: `${GREETING_FORMAT_HINT}: ${(error as Error).message}.` };
  }
  const [head, tags, ...audio] = all;
  if (
    !head?.toString('latin1', 0, 8).startsWith('OpusHead') ||
    !tags?.toString('latin1', 0, 8).startsWith('OpusTags')
  ) {
    return { problem: `${GREETING_FORMAT_HINT}: the Opus headers are missing.` };
  }
  const packets = audio.filter((p) => p.length > 0);
  if (packets.length === 0) return { problem: `${GREETING_FORMAT_HINT}: the file has no audio.` };
  if (packets.some((p) => opusPacketSamples(p) !== FRAME_SAMPLES)) {
    return { problem: `${GREETING_FORMAT_HINT}, in 20 ms frames (opusenc's default).` };
  }
  const durationMs = Math.max(packets.length * 20, audioDurationMs(file, 'audio/ogg') ?? 0);
  if (durationMs > GREETING_LIMITS.maxMs) {
    return { problem: `${GREETING_FORMAT_HINT}: this one is ${Math.round(durationMs / 1000)} s long.` };
  }
  return { packets };
}
