/**
 * Reads a Server-Sent Events body (text/event-stream) from a fetch response. `EventSource` cannot send
 * an `Authorization` header, and the join page's guest token must not sit in a URL (server logs,
 * proxies), so the room conversation streams over fetch and resumes with `Last-Event-ID` itself.
 * Follows the WHATWG parsing rules for the fields it needs: `id`, `event`, `data` (joined by `\n`),
 * comments (`:`), CRLF/CR/LF line ends; `retry` is ignored (the caller has its own back-off).
 */

export interface StreamEvent {
  /** The last `id:` seen so far in the stream (the spec's "last event ID"), or '' when none. */
  id: string;
  event: string;
  data: string;
}

/** Parses text fed in arbitrary chunks; calls `onEvent` for every complete event. */
export function createEventParser(onEvent: (event: StreamEvent) => void): { feed(chunk: string): void } {
  let buffer = '';
  let lastId = '';
  let event = '';
  let data: string[] = [];
  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onEvent({ id: lastId, event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
  };
  return {
    feed(chunk) {
      buffer += chunk;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        // A lone CR at the end may be the first half of CRLF: wait for the next chunk.
        if (!match || (match[0] === '\r' && match.index === buffer.length - 1)) break;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
  };
}

/** Reads `body` to its end, calling `onEvent` per event. Rejects when the stream fails. */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: StreamEvent) => void,
): Promise<void> {
  const parser = createEventParser(onEvent);
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } finally {
    reader.releaseLock();
  }
}
