/**
 * SIP over WebSocket (RFC 7118): accepts upgrades on one path with subprotocol `sip`,
 * wraps each socket in a `SipConnection`, answers RFC 5626 CRLF keep-alives and pings
 * sockets to detect dead peers. Guards the door: browser Origin, connection caps (total and per IP),
 * a deadline to authenticate, an idle timeout, and a graceful close (1001) on shutdown.
 * Knows nothing about SIP semantics beyond asking whether a connection has authenticated.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { Logger } from '../log';
import type { SipLimits } from './limits';

/** The route to a client: registrar bindings and proxy branches point at one of these. */
export interface SipConnection {
  /** Random, unguessable id; used in our Record-Route and Via branch values. */
  readonly id: string;
  /** `ip:port` of the peer, for logs. */
  readonly remote: string;
  /** The peer's IP address (per-IP caps and password backoff). */
  readonly ip: string;
  /**
   * The peer's source port. Set only by connections that carry packets from a network peer: the SIP
   * service then records `ip` and `port` in each request's top Via (`received`/`rport`, ./via.ts).
   */
  readonly port?: number;
  readonly open: boolean;
  /**
   * Queues `text`; returns false (and drops it) when the socket is closed or its reader is so slow
   * that its unsent data is over the cap: the sender's flood is dropped, not the slow reader.
   */
  send(text: string): boolean;
  /** Users that proved their password on this connection (Proxy-Authorization). */
  readonly identities: Set<string>;
}

export interface TransportOptions {
  path: string;
  maxFrameBytes: number;
  pingIntervalMs: number;
  log: Logger;
  limits: Pick<
    SipLimits,
    'maxConnections' | 'maxConnectionsPerIp' | 'authTimeoutMs' | 'idleTimeoutMs' | 'allowedOrigins'
  >;
  /** Whether the connection has registered or proved a password (checked at the auth deadline). */
  isAuthenticated(conn: SipConnection): boolean;
  onMessage(conn: SipConnection, data: Buffer): void;
  onClose(conn: SipConnection): void;
}

/** A socket whose unsent data exceeds this is too slow to keep: close it. */
const MAX_BUFFERED = 4 * 1024 * 1024;

class WsConnection implements SipConnection {
  readonly identities = new Set<string>();
  alive = true;
  lastActivity = Date.now();
  timers: NodeJS.Timeout[] = [];
  constructor(
    readonly id: string,
    readonly ip: string,
    readonly remote: string,
    readonly ws: WebSocket,
    readonly port: number | undefined,
  ) {}
  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }
  send(text: string): boolean {
    if (this.ws.readyState !== WebSocket.OPEN || this.ws.bufferedAmount > MAX_BUFFERED) return false;
    this.ws.send(text);
    return true;
  }
}

const KEEPALIVE_PING = '\r\n\r\n';

export class SipTransport {
  private readonly wss: WebSocketServer;
  private readonly connections = new Map<string, WsConnection>();
  /** Open sockets per client IP, counted from the upgrade (before the handshake completes). */
  private readonly perIp = new Map<string, number>();
  private pending = 0;
  private readonly pinger: NodeJS.Timeout;
  private closing = false;
  /** Upgrades refused by the caps or the Origin check, for stats and the abuse bench. */
  refused = 0;

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
    const refusal = this.refusal(req);
    if (refusal) {
      this.refused++;
      rejectUpgrade(socket, refusal.status, refusal.reason, refusal.message);
      return true;
    }
    const ip = req.socket.remoteAddress ?? '?';
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1);
    this.pending++;
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      const left = (this.perIp.get(ip) ?? 1) - 1;
      if (left > 0) this.perIp.set(ip, left);
      else this.perIp.delete(ip);
    };
    let upgraded = false;
    // A handshake that fails still gives its slot back.
    socket.once('close', () => {
      if (upgraded) return;
      this.pending--;
      release();
    });
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      upgraded = true;
      this.pending--;
      this.accept(ws, req, ip, release);
    });
    return true;
  }

  /** Why an upgrade is refused (Origin, shutdown, caps), or undefined to accept it. */
  private refusal(req: IncomingMessage): { status: number; reason: string; message: string } | undefined {
    if (this.closing) return { status: 503, reason: 'Service Unavailable', message: 'Server shutting down.' };
    const origin = req.headers.origin;
    if (origin !== undefined && !this.originAllowed(origin, req.headers.host)) {
      this.options.log.info(`ws upgrade from ${req.socket.remoteAddress}: origin ${origin} refused`);
      return { status: 403, reason: 'Forbidden', message: `Origin ${origin} may not open /sip.` };
    }
    const { maxConnections, maxConnectionsPerIp } = this.options.limits;
    if (this.connections.size + this.pending >= maxConnections) {
      return { status: 503, reason: 'Service Unavailable', message: 'Too many SIP connections.' };
    }
    const ip = req.socket.remoteAddress ?? '?';
    if ((this.perIp.get(ip) ?? 0) >= maxConnectionsPerIp) {
      return {
        status: 503,
        reason: 'Service Unavailable',
        message: 'Too many SIP connections from this address.',
      };
    }
    return undefined;
  }

  /**
   * Browsers always send Origin; native SIP clients send none (allowed). A browser origin is allowed
   * when it is the origin the request was sent to (same host), or listed in `allowedOrigins`.
   */
  private originAllowed(origin: string, host: string | undefined): boolean {
    const normalized = origin.trim().replace(/\/+$/, '').toLowerCase();
    if (this.options.limits.allowedOrigins.includes(normalized)) return true;
    try {
      return host !== undefined && new URL(normalized).host === host.toLowerCase();
    } catch {
      return false;
    }
  }

  private accept(ws: WebSocket, req: IncomingMessage, ip: string, release: () => void): void {
    const id = randomBytes(9).toString('base64url');
    const remote = `${ip}:${req.socket.remotePort ?? '?'}`;
    const conn = new WsConnection(id, ip, remote, ws, req.socket.remotePort);
    this.connections.set(id, conn);
    this.options.log.debug(`ws ${id} open from ${remote}`);
    const { authTimeoutMs, idleTimeoutMs } = this.options.limits;
    const authTimer = setTimeout(() => {
      if (this.options.isAuthenticated(conn)) return;
      this.options.log.debug(`ws ${id}: not authenticated within ${authTimeoutMs} ms: closing`);
      ws.close(4401, 'authentication timeout');
    }, authTimeoutMs);
    const idleTimer = setInterval(
      () => {
        if (Date.now() - conn.lastActivity < idleTimeoutMs) return;
        this.options.log.debug(`ws ${id}: idle for ${idleTimeoutMs} ms: closing`);
        ws.close(4408, 'idle timeout');
      },
      Math.min(idleTimeoutMs, 60_000),
    );
    conn.timers.push(authTimer, idleTimer);
    for (const t of conn.timers) t.unref();
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      conn.alive = true;
      conn.lastActivity = Date.now();
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
      release();
      for (const t of conn.timers) clearTimeout(t);
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

  /**
   * Shutdown: refuses new upgrades, closes every socket with 1001 (Going Away) and terminates those
   * that have not finished the closing handshake after `graceMs`.
   */
  close(graceMs = 1000): void {
    this.closing = true;
    clearInterval(this.pinger);
    for (const conn of this.connections.values()) {
      conn.ws.close(1001, 'server shutting down');
      setTimeout(() => conn.ws.terminate(), graceMs).unref();
    }
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
