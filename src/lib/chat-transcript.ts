/**
 * A room conversation as plain text, for the transcript download on both sides: one line per message,
 * `[time] name: text` (continuation lines indented), with a header naming the conversation.
 */
export interface TranscriptLine {
  at: number;
  who: string;
  text: string;
}

export function formatTranscript(
  title: string,
  lines: readonly TranscriptLine[],
  formatTime: (date: Date) => string,
): string {
  const body = lines.map(
    (l) => `[${formatTime(new Date(l.at))}] ${l.who}: ${l.text.replace(/\r\n|\r|\n/g, '\n    ')}`,
  );
  return [title, '', ...(body.length > 0 ? body : ['(no messages)']), ''].join('\n');
}

/** A safe file name: `<prefix>-<yyyy-mm-dd>.txt`. */
export function transcriptFileName(prefix: string, at: Date): string {
  const day = at.toISOString().slice(0, 10);
  return `${prefix.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'conversation'}-${day}.txt`;
}
