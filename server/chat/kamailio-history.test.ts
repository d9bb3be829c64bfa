/**
 * Kamailio's history copies (kamailio-history.ts): the time a copy Kamailio sent again is filed at
 * (X-Openline-History-At, ADR 0035), and what is refused.
 */
import { describe, expect, it } from 'vitest';
import { parseMessage, type SipRequest } from '../sip/message';
import type { HistoryEvent, Seen } from './history-tap';
import { historyAt, kamailioHistoryCopies } from './kamailio-history';

const NOW = 1_796_277_349_500;

function copy(extra: string[]): SipRequest {
  const body = 'Hello';
  const raw = [
    'MESSAGE sip:chat-history@127.0.0.1:5090;transport=tcp SIP/2.0',
    'Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKcopy',
    'From: <sip:1001@openline.local>;tag=a',
    'To: <sip:1002@openline.local>',
    'Call-ID: copy-1',
    'CSeq: 10 MESSAGE',
    'Max-Forwards: 70',
    'X-Openline-History: routed',
    'Content-Type: text/plain;charset=utf-8',
    'X-Openline-Call-ID: original-1',
    'Message-ID: m-1',
    ...extra,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
  const parsed = parseMessage(raw);
  if (!parsed.ok || !('method' in parsed.message)) throw new Error('test request did not parse');
  return parsed.message as SipRequest;
}

function recorder() {
  const calls: { event: HistoryEvent; seen: Seen; at: number | undefined }[] = [];
  const tap = {
    copied(event: HistoryEvent, seen: Seen, _sender: string, _recipient: string, at?: number) {
      calls.push({ event, seen, at });
    },
  };
  return { calls, handle: kamailioHistoryCopies(tap, 'openline.local', () => NOW) };
}

describe('historyAt', () => {
  it('reads "<seconds>.<microseconds>" as ms, never later than now', () => {
    expect(historyAt('1796277000.123456', NOW)).toBe(1_796_277_000_123);
    expect(historyAt(' 1796277000.5 ', NOW)).toBe(1_796_277_000_500);
    expect(historyAt('1796277999.000000', NOW)).toBe(NOW);
  });

  it('is now without the header (a config from before the retries)', () => {
    expect(historyAt(undefined, NOW)).toBe(NOW);
  });

  it('is null for anything else', () => {
    for (const bad of ['', 'yesterday', '1796277000', '1796277000.', '-1.5', '1796277000.1234567', '1e9.1']) {
      expect(historyAt(bad, NOW), bad).toBeNull();
    }
  });
});

describe('kamailioHistoryCopies', () => {
  it('files a late copy at the time Kamailio saw the message', () => {
    const { calls, handle } = recorder();
    expect(handle(copy(['X-Openline-History-At: 1796277000.250000']))).toBe(200);
    expect(calls).toEqual([
      {
        event: 'routed',
        seen: {
          contentType: 'text/plain;charset=utf-8',
          body: 'Hello',
          messageId: 'm-1',
          callId: 'original-1',
        },
        at: 1_796_277_000_250,
      },
    ]);
  });

  it('files a copy without the header at its arrival', () => {
    const { calls, handle } = recorder();
    expect(handle(copy([]))).toBe(200);
    expect(calls.map((c) => c.at)).toEqual([NOW]);
  });

  it('answers 400 for a malformed time, recording nothing', () => {
    const { calls, handle } = recorder();
    expect(handle(copy(['X-Openline-History-At: soon']))).toBe(400);
    expect(calls).toEqual([]);
  });
});
