/**
 * SIP over WebSocket (RFC 7118): accepts upgrades on one path with subprotocol `sip`,
 * wraps each socket in a `SipConnection`, answers RFC 5626 CRLF keep-alives and pings
 * sockets to detect dead peers. Knows nothing about SIP semantics.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { Logger } from '../log';

/** The route to a client: registrar bindings and proxy branches point at one of these. */
export interface SipConnection {
  /** Random, unguessable id; used in our Record-Route and Via branch values. */
  readonly id: string;
  /** `ip:port` of the peer, for logs. */
  readonly remote: string;
  readonly open: boolean;
  send(text: string): void;
  /** Users that proved their password on this connection (Proxy-Authorization). */
  readonly identities: Set<string>;
}

export interface TransportOptions {
  path: string;
  maxFrameBytes: number;
  pingIntervalMs: number;
  log: Logger;
  onMessage(conn: SipConnection, data: Buffer): void;
  onClose(conn: SipConnection): void;
}

/** A socket whose unsent data exceeds this is too slow to keep: close it. */
const MAX_BUFFERED = 4 * 1024 * 1024;

class WsConnection implements SipConnection {
  readonly identities = new Set<string>();
  alive = true;
  constructor(
    readonly id: string,
    readonly remote: string,
    readonly ws: WebSocket,
  ) {}
  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }
  send(text: string): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED) {
      this.ws.terminate();
      return;
    }
    this.ws.send(text);
  }
}

const KEEPALIVE_PING = '\r\n\r\n';

export class SipTransport {
  private readonly wss: WebSocketServer;
  private readonly connections = new Map<string, WsConnection>();
  private readonly pinger: NodeJS.Timeout;

  constructor(private readonly options: TransportOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: options.maxFrameBytes,
      perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
    });
    this.pinger = setInterval(() => this.pingAll(), options.pingIntervalMs);
    this.pinger.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  get(id: string): SipConnection | undefined {
    return this.connections.get(id);
  }

  /**
   * Handles an HTTP upgrade. Returns false when the path is not ours (caller decides);
   * rejects requests for our path that do not offer the `sip` subprotocol.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = (req.url ?? '').split('?')[0];
    if (path !== this.options.path) return false;
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (!offered.includes('sip')) {
      rejectUpgrade(socket, 400, 'Bad Request', 'WebSocket subprotocol "sip" is required (RFC 7118).');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
    return true;
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const id = randomBytes(9).toString('base64url');
    const remote = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    const conn = new WsConnection(id, remote, ws);
    this.connections.set(id, conn);
    this.options.log.debug(`ws ${id} open from ${remote}`);
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      conn.alive = true;
      const buf = Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.isBuffer(data)
          ? data
          : Buffer.from(data);
      if (buf.length === 0) return;
      // RFC 5626 §3.5.1 keep-alive: answer a double CRLF with a single CRLF.
      if (buf.length <= 4 && !isBinary && /^(?:\r\n)+$/.test(buf.toString('latin1'))) {
        if (buf.toString('latin1') === KEEPALIVE_PING) conn.send('\r\n');
        return;
      }
      try {
        this.options.onMessage(conn, buf);
      } catch (error) {
        this.options.log.error(
          `ws ${id}: message handler failed: ${(error as Error).stack ?? String(error)}`,
        );
      }
    });
    ws.on('error', (error) => this.options.log.debug(`ws ${id} error: ${error.message}`));
    ws.on('close', (code) => {
      this.connections.delete(id);
      this.options.log.debug(`ws ${id} closed (${code})`);
      try {
        this.options.onClose(conn);
      } catch (error) {
        this.options.log.error(`ws ${id}: close handler failed: ${(error as Error).stack ?? String(error)}`);
      }
    });
  }

  private pingAll(): void {
    for (const conn of this.connections.values()) {
      if (!conn.alive) {
        this.options.log.debug(`ws ${conn.id} missed a pong: closing`);
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      try {
        conn.ws.ping();
      } catch {
        conn.ws.terminate();
      }
    }
  }

  /** Closes (WebSocket close `code`) every socket `which` picks; answers how many. */
  closeWhere(which: (conn: SipConnection) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const conn of this.connections.values()) {
      if (!conn.open || !which(conn)) continue;
      conn.ws.close(code, reason);
      closed++;
    }
    return closed;
  }

  /** Drops every socket at once (server shutdown). */
  close(): void {
    clearInterval(this.pinger);
    for (const conn of this.connections.values()) conn.ws.terminate();
    this.wss.close();
  }
}

/** Refuses an HTTP upgrade with a plain-text HTTP response. */
export function rejectUpgrade(socket: Duplex, status: number, reason: string, message: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  );
}
