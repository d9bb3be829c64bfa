/**
 * Plays Kamailio towards the voicemail SIP/TCP listener in tests: one TCP connection from loopback,
 * raw SIP written to it, every message the listener sends back framed (Content-Length) and parsed.
 */
import { connect, type Socket } from 'node:net';
import { parseMessage, type SipMessage, type SipResponse } from '../../sip/message';
import { waitUntil } from '../../sip/testing/wire';
import { nextFrame } from '../sip-tcp-listener';

export class TcpProxyPeer {
  readonly received: SipMessage[] = [];
  closed = false;
  private buf = Buffer.alloc(0);

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      for (;;) {
        const frame = nextFrame(this.buf, 1 << 20);
        if (frame.kind !== 'message') return;
        this.buf = this.buf.subarray(frame.bytes.length);
        const parsed = parseMessage(frame.bytes);
        if (parsed.ok) this.received.push(parsed.message);
      }
    });
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
  }

  static async connect(address: string): Promise<TcpProxyPeer> {
    const m = /^(.*):(\d+)$/.exec(address)!;
    const socket = connect({ host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new TcpProxyPeer(socket);
  }

  /** The local port (what goes in our Via's sent-by). */
  get port(): number {
    return this.socket.localPort ?? 0;
  }

  write(text: string | Buffer): void {
    this.socket.write(text);
  }

  /** The next message not yet returned that matches `match`. */
  async next(match: (m: SipMessage) => boolean, timeoutMs = 10_000): Promise<SipMessage> {
    let found: SipMessage | undefined;
    await waitUntil(() => {
      const i = this.received.findIndex(match);
      if (i < 0) return false;
      found = this.received[i];
      this.received.splice(i, 1);
      return true;
    }, timeoutMs);
    return found!;
  }

  /** The next `status` response to `method`. */
  async response(status: number, method: string, timeoutMs = 10_000): Promise<SipResponse> {
    return (await this.next(isResponse(status, method), timeoutMs)) as SipResponse;
  }

  close(): void {
    this.socket.destroy();
  }
}

export const isResponse = (status: number, method: string) => (m: SipMessage) =>
  m.kind === 'response' && m.status === status && m.cseq.method === method;
export const isRequest = (method: string) => (m: SipMessage) => m.kind === 'request' && m.method === method;
