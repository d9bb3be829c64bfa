import { describe, expect, it } from 'vitest';
import { formatTranscript, transcriptFileName } from './chat-transcript';

describe('chat transcript', () => {
  it('writes one line per message with time and name, indenting continuation lines', () => {
    const text = formatTranscript(
      'Chat with Ada',
      [
        { at: 0, who: 'You', text: 'Hello' },
        { at: 60_000, who: 'Ada', text: 'Hi\nhow can I help?' },
      ],
      (d) => `t${d.getTime() / 60_000}`,
    );
    expect(text).toBe('Chat with Ada\n\n[t0] You: Hello\n[t1] Ada: Hi\n    how can I help?\n');
  });

  it('says when there are no messages, and makes safe file names', () => {
    expect(formatTranscript('T', [], String)).toBe('T\n\n(no messages)\n');
    expect(transcriptFileName('webcall-Chris / Customer', new Date(Date.UTC(2026, 11, 2)))).toBe(
      'webcall-Chris-Customer-2026-12-02.txt',
    );
    expect(transcriptFileName('../', new Date(0))).toBe('conversation-1970-01-01.txt');
  });
});
