import { describe, expect, it } from 'vitest';
import { createEventParser, readEventStream, type StreamEvent } from './event-stream';

function parse(chunks: string[]): StreamEvent[] {
  const events: StreamEvent[] = [];
  const parser = createEventParser((e) => events.push(e));
  for (const c of chunks) parser.feed(c);
  return events;
}

describe('event stream parser', () => {
  it('reads id, event and multi-line data, skipping comments and retry', () => {
    expect(
      parse(['retry: 3000\n: open\n\nid: 7\nevent: message\ndata: {"a":1}\n\n', 'data: one\ndata: two\n\n']),
    ).toEqual([
      { id: '7', event: 'message', data: '{"a":1}' },
      { id: '7', event: 'message', data: 'one\ntwo' },
    ]);
  });

  it('handles events split anywhere, CRLF and CR line ends, and a CRLF split between chunks', () => {
    const text = 'id: 1\r\ndata: a\r\n\r\nid: 2\rdata: b\r\rid: 3\ndata: c\n\n';
    const whole = parse([text]);
    expect(whole.map((e) => [e.id, e.data])).toEqual([
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'c'],
    ]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
  });

  it('ignores an event without data, an id with NUL, and keeps an unfinished event back', () => {
    expect(parse(['event: message\n\nid: a\0b\ndata: x\n\ndata: unfinished\n'])).toEqual([
      { id: '', event: 'message', data: 'x' },
    ]);
  });

  it('reads a byte stream with multi-byte characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: grüße 👋\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const b of bytes) controller.enqueue(new Uint8Array([b]));
        controller.close();
      },
    });
    const events: StreamEvent[] = [];
    await readEventStream(body, (e) => events.push(e));
    expect(events.map((e) => e.data)).toEqual(['grüße 👋']);
  });
});
