/**
 * The voicemail endpoint takes audio only. werift 0.23 fails the whole offer ("negotiate codecs
 * failed") when it has no codec for an m-line, so a video call's offer is cut to its first audio
 * section before werift sees it, and werift's answer gets every other section back as a rejected
 * m-line (port 0, RFC 3264 §6) in the offer's order, so the caller keeps audio and drops video.
 */

export interface AudioOnlyOffer {
  /** The offer with only its first audio section (and a BUNDLE group naming only it). */
  sdp: string;
  /** Rebuilds a full answer from werift's answer to `sdp`. */
  completeAnswer(answer: string): string;
}

interface Section {
  kind: string;
  lines: string[];
}

function split(sdp: string): { session: string[]; sections: Section[] } {
  const lines = sdp.split(/\r?\n/).filter((l) => l !== '');
  const session: string[] = [];
  const sections: Section[] = [];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push({ kind: line.slice(2).split(' ')[0] ?? '', lines: [line] });
    else if (sections.length === 0) session.push(line);
    else sections[sections.length - 1]!.lines.push(line);
  }
  return { session, sections };
}

const join = (lines: readonly string[]) => `${lines.join('\r\n')}\r\n`;
const midOf = (s: Section) => s.lines.find((l) => l.startsWith('a=mid:'))?.slice(6);

/** A rejected copy of an offered section: same media, port 0, no attributes but its mid. */
function rejected(s: Section): string[] {
  const [, proto = 'UDP/TLS/RTP/SAVPF', fmt = '0'] = s.lines[0]!.split(' ').slice(1);
  const mid = midOf(s);
  return [
    `m=${s.kind} 0 ${proto} ${fmt}`,
    'c=IN IP4 0.0.0.0',
    ...(mid !== undefined ? [`a=mid:${mid}`] : []),
    'a=inactive',
  ];
}

/** Whether an offer has an audio section with Opus that is not rejected (port 0). */
export function hasOpusAudio(offer: string): boolean {
  return split(offer).sections.some(isOpusAudio);
}

function isOpusAudio(s: Section): boolean {
  return (
    s.kind === 'audio' &&
    !/^m=audio 0 /.test(s.lines[0]!) &&
    s.lines.some((l) => /^a=rtpmap:\d+ opus\/48000/i.test(l))
  );
}

/** Splits an offer into the audio section werift answers and the sections answered as rejected. */
export function audioOnlyOffer(offer: string): AudioOnlyOffer {
  const { session, sections } = split(offer);
  const audioIndex = sections.findIndex(isOpusAudio);
  if (audioIndex < 0) throw new Error('the offer has no Opus audio section');
  const audio = sections[audioIndex]!;
  const audioMid = midOf(audio);
  const sessionLines = session.map((l) =>
    l.startsWith('a=group:BUNDLE') && audioMid !== undefined ? `a=group:BUNDLE ${audioMid}` : l,
  );
  return {
    sdp: join([...sessionLines, ...audio.lines]),
    completeAnswer(answer: string): string {
      const theirs = split(answer);
      const answered = theirs.sections[0];
      if (!answered) throw new Error('werift answered without a media section');
      const out = [...theirs.session];
      sections.forEach((s, i) => out.push(...(i === audioIndex ? answered.lines : rejected(s))));
      return join(out);
    },
  };
}
