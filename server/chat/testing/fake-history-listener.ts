/**
 * A stand-in for the reference server's loopback SIP/TCP listener (kamailio-history.integration.test.ts):
 * records every request Kamailio sends it and answers each with the status `answer` picks, so a test
 * can count how often Kamailio sent a history copy (ADR 0035).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { hdr, parseSip, type SipMessage } from '../../sip/testing';

export interface FakeHistoryListener {
  /** host:port, for CHAT_HISTORY_SIP. */
  address: string;
  /** Every request received, in order. */
  received: SipMessage[];
  close(): Promise<void>;
}

const REASONS: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 503: 'Service Unavailable' };

function reply(req: SipMessage, status: number): string {
  const copied = req.headers
    .filter(([name]) => ['via', 'from', 'call-id', 'cseq'].includes(name))
    .map(([name, value]) => `${name}: ${value}`);
  return [
    `SIP/2.0 ${status} ${REASONS[status] ?? 'Answer'}`,
    ...copied,
    `to: ${hdr(req, 'to') ?? ''};tag=fake`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** Splits a TCP byte stream into SIP messages (Content-Length framing). */
function framer(onMessage: (raw: string) => void): (chunk: Buffer) => void {
  let buffer = Buffer.alloc(0);
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.toString('utf8', 0, end);
      const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? '0');
      const total = end + 4 + length;
      if (buffer.length < total) return;
      onMessage(buffer.toString('utf8', 0, total));
      buffer = buffer.subarray(total);
    }
  };
}

export async function startFakeHistoryListener(
  answer: (req: SipMessage, received: SipMessage[]) => number,
): Promise<FakeHistoryListener> {
  const received: SipMessage[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on(
      'data',
      framer((raw) => {
        const msg = parseSip(raw);
        if (msg.isResponse) return;
        received.push(msg);
        socket.write(reply(msg, answer(msg, received)));
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
