/**
 * SDP munging for codec priority and removal, applied as a sip.js
 * SessionDescriptionHandler modifier to local and remote descriptions.
 */
import type { CodecPreferences } from './types';

interface MediaSection {
  lines: string[];
}

/** Codecs that only accompany another one: kept or dropped with what they belong to, never ranked alone. */
const COMPANIONS = new Set(['rtx', 'red', 'telephone-event', 'ulpfec', 'flexfec-03', 'cn']);
const PATTERN_MAX = 40;

/**
 * `remove` entries as anchored, case-insensitive patterns (`PCMU`, `PC.*`). A pattern that does not
 * compile, is too long, or would match Opus is ignored: the configuration schema refuses those, and
 * Opus (the codec every WebRTC peer has) is never removed.
 */
export function removalMatchers(patterns: readonly string[]): RegExp[] {
  const out: RegExp[] = [];
  for (const pattern of patterns) {
    if (pattern.length === 0 || pattern.length > PATTERN_MAX) continue;
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${pattern})$`, 'i');
    } catch {
      continue;
    }
    if (!re.test('opus')) out.push(re);
  }
  return out;
}

/**
 * Reorders and removes payload types in every `m=` section.
 * - `prefer`: codec names (case-insensitive, e.g. `opus`, `PCMU`, `VP8`) moved to the front, in that order.
 * - `remove`: names or regular expressions (see {@link removalMatchers}) dropped with their
 *   `rtpmap`/`fmtp`/`rtcp-fb` lines and their companions: RTX and RED of a removed codec, and
 *   telephone-event at a clock rate no remaining codec uses (e.g. telephone-event/8000 once PCMU, PCMA
 *   and G722 are gone). A section whose every codec would be removed is left unchanged (an empty
 *   m-line is invalid).
 */
export function applyCodecPreferences(sdp: string, preferences: CodecPreferences): string {
  const prefer = (preferences.prefer ?? []).map((name) => name.toLowerCase());
  const remove = removalMatchers(preferences.remove ?? []);
  if (prefer.length === 0 && remove.length === 0) return sdp;

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

function mungeSection(lines: string[], prefer: string[], remove: RegExp[]): string[] {
  const mLine = lines[0]!;
  const parts = mLine.split(' ');
  if (parts.length < 4) return lines;
  const header = parts.slice(0, 3);
  const payloads = parts.slice(3);

  const names = new Map<string, string>();
  const clock = new Map<string, string>();
  /** Companion payload → the payload it belongs to (RTX `apt=`, RED `a/b`). */
  const base = new Map<string, string>();
  for (const line of lines) {
    const rtpmap = /^a=rtpmap:(\d+) ([^/\s]+)\/(\d+)/.exec(line);
    if (rtpmap) {
      names.set(rtpmap[1]!, rtpmap[2]!.toLowerCase());
      clock.set(rtpmap[1]!, rtpmap[3]!);
    }
    const rtx = /^a=fmtp:(\d+) .*\bapt=(\d+)/.exec(line);
    if (rtx) base.set(rtx[1]!, rtx[2]!);
    const red = /^a=fmtp:(\d+) (\d+)(?:\/\d+)+\s*$/.exec(line);
    if (red && names.get(red[1]!) === 'red') base.set(red[1]!, red[2]!);
  }
  const isCompanion = (pt: string) => COMPANIONS.has(names.get(pt) ?? '') || base.has(pt);
  const primary = (pt: string) => !isCompanion(pt);

  const removed = new Set(
    payloads.filter((pt) => primary(pt) && remove.some((re) => re.test(names.get(pt) ?? ''))),
  );
  if (payloads.filter(primary).every((pt) => removed.has(pt))) return lines;
  for (const [pt, of] of base) if (removed.has(of)) removed.add(pt);
  const rates = new Set(payloads.filter((pt) => primary(pt) && !removed.has(pt)).map((pt) => clock.get(pt)));
  for (const pt of payloads) {
    if (names.get(pt) === 'telephone-event' && !rates.has(clock.get(pt))) removed.add(pt);
  }
  const kept = payloads.filter((pt) => !removed.has(pt));

  const rank = (pt: string): number => {
    const index = prefer.indexOf(names.get(base.get(pt) ?? pt) ?? '');
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
