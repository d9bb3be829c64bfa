/**
 * SDP munging for codec priority and removal, applied as a sip.js
 * SessionDescriptionHandler modifier to local and remote descriptions.
 */
import type { CodecPreferences } from './types';

interface MediaSection {
  lines: string[];
}

/**
 * Reorders and removes payload types in every `m=` section.
 * - `prefer`: codec names (case-insensitive, e.g. `opus`, `PCMU`, `VP8`) moved to the front, in that order.
 * - `remove`: codec names dropped with their `rtpmap`/`fmtp`/`rtcp-fb` lines and their RTX companions.
 *   A section whose every codec would be removed is left unchanged (an empty m-line is invalid).
 */
export function applyCodecPreferences(sdp: string, preferences: CodecPreferences): string {
  const prefer = (preferences.prefer ?? []).map((name) => name.toLowerCase());
  const remove = new Set((preferences.remove ?? []).map((name) => name.toLowerCase()));
  if (prefer.length === 0 && remove.size === 0) return sdp;

  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const trailing = sdp.endsWith(eol);
  const lines = sdp.split(eol);
  if (trailing) lines.pop();

  const head: string[] = [];
  const sections: MediaSection[] = [];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push({ lines: [line] });
    else if (sections.length > 0) sections[sections.length - 1]!.lines.push(line);
    else head.push(line);
  }

  const out = [...head];
  for (const section of sections) out.push(...mungeSection(section.lines, prefer, remove));
  return out.join(eol) + (trailing ? eol : '');
}

function mungeSection(lines: string[], prefer: string[], remove: Set<string>): string[] {
  const mLine = lines[0]!;
  const parts = mLine.split(' ');
  if (parts.length < 4) return lines;
  const header = parts.slice(0, 3);
  const payloads = parts.slice(3);

  const names = new Map<string, string>();
  const apt = new Map<string, string>();
  for (const line of lines) {
    const rtpmap = /^a=rtpmap:(\d+) ([^/\s]+)/.exec(line);
    if (rtpmap) names.set(rtpmap[1]!, rtpmap[2]!.toLowerCase());
    const fmtp = /^a=fmtp:(\d+) .*\bapt=(\d+)/.exec(line);
    if (fmtp) apt.set(fmtp[1]!, fmtp[2]!);
  }

  const removed = new Set(payloads.filter((pt) => remove.has(names.get(pt) ?? '')));
  for (const [pt, base] of apt) if (removed.has(base)) removed.add(pt);
  let kept = payloads.filter((pt) => !removed.has(pt));
  if (kept.filter((pt) => !apt.has(pt)).length === 0) {
    kept = payloads;
    removed.clear();
  }

  const rank = (pt: string): number => {
    const base = apt.get(pt) ?? pt;
    const index = prefer.indexOf(names.get(base) ?? '');
    return index === -1 ? prefer.length : index;
  };
  const ordered = kept
    .map((pt, index) => ({ pt, index, rank: rank(pt) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.pt);

  const body = lines.slice(1).filter((line) => {
    const match = /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+)[ \t]/.exec(line);
    return !match || !removed.has(match[1]!);
  });
  return [[...header, ...ordered].join(' '), ...body];
}

/** A sip.js SessionDescriptionHandlerModifier applying `preferences`. */
export function codecModifier(
  preferences: CodecPreferences,
): (description: RTCSessionDescriptionInit) => Promise<RTCSessionDescriptionInit> {
  return (description) =>
    Promise.resolve(
      description.sdp
        ? { ...description, sdp: applyCodecPreferences(description.sdp, preferences) }
        : description,
    );
}
