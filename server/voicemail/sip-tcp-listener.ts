/**
 * Kamailio mode's door to the voicemail endpoint: SIP over TCP on loopback (VOICEMAIL_SIP_LISTEN),
 * in front of the same DepositAgent the embedded proxy uses. Kamailio's failure_route relays
 * unanswered, busy and unregistered calls here (deploy/kamailio/kamailio.cfg, route[VOICEMAIL]).
 *
 * Kamailio is the proxy, so this is a plain UAS transport: messages are framed by Content-Length
 * (RFC 3261 §18.3), handed to the agent, and everything the agent sends for a call goes back on the
 * connection that call's latest request came in on (Kamailio reuses or opens connections freely).
 * Bounded: loopback peers only, a few connections, a largest message, a largest number of calls.
 * The same door serves MWI subscriptions Kamailio relays (mwi-kamailio.ts) and takes its copies of chat
 * messages for the history (server/chat/kamailio-history.ts).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../config';
import type { Logger } from '../log';
import { header, parseMessage, type SipRequest } from '../sip/message';
import { buildResponse } from '../sip/serialize';
import { isLoopback, parseListenAddress } from './loopback';
import type { DepositAgent } from './deposit-agent';
import type { HistoryCopyHandler } from '../chat/kamailio-history';
import { kamailioMwi, type KamailioMwi, type KamailioMwiOptions } from './mwi-kamailio';

export { isLoopback, parseListenAddress } from './loopback';

export interface SipTcpListenerOptions {
  agent: DepositAgent;
  /** "127.0.0.1:5090" or "[::1]:5090" (port 0: any free port). */
  listen: string;
  /** Whether a mailbox owner (the Request-URI user) is a local account; others get 404. */
  accountExists(user: string): boolean;
  log: Logger;
  /** MWI through Kamailio: SUBSCRIBEs relayed here are served by this notifier (mwi-kamailio.ts). */
  mwi?: KamailioMwiOptions;
  /** Chat history: Kamailio's copies of the text MESSAGEs it routes (server/chat/kamailio-history.ts). */
  history?: HistoryCopyHandler;
  /** Largest SIP message (headers + body); bigger ones get 413 and the connection is closed. */
  maxMessageBytes?: number;
  maxConnections?: number;
  /** Calls this listener tracks at once (each is one deposit or one refused INVITE in flight). */
  maxCalls?: number;
}

export interface SipTcpListener {
  /** host:port actually bound, as it appears in Contact and Via. */
  readonly address: string;
  close(): Promise<void>;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(\d{1,9})[ \t]*$/im;

type Frame = { kind: 'message'; bytes: Buffer } | { kind: 'incomplete' } | { kind: 'error'; why: string };

/** The next whole message in `buf` (keep-alive CRLFs skipped by the caller), per Content-Length. */
export function nextFrame(buf: Buffer, maxBytes: number): Frame {
  const headEnd = buf.indexOf(CRLFCRLF);
  if (headEnd < 0) {
    return buf.length > maxBytes ? { kind: 'error', why: 'headers too large' } : { kind: 'incomplete' };
  }
  const length = CONTENT_LENGTH.exec(buf.toString('latin1', 0, headEnd));
  if (!length) return { kind: 'error', why: 'no Content-Length (required over TCP)' };
  const total = headEnd + 4 + Number(length[1]);
  if (total > maxBytes) return { kind: 'error', why: 'message too large' };
  if (buf.length < total) return { kind: 'incomplete' };
  return { kind: 'message', bytes: buf.subarray(0, total) };
}

/** Answers a broken request with `status` when enough of it parses to address an answer. */
function replyError(socket: Socket, bytes: Buffer, status: number, why: string): void {
  const parsed = parseMessage(bytes);
  const reason = `Bad Request (${why.replace(/[\r\n"]/g, '').slice(0, 80)})`;
  const phrase = status === 413 ? 'Request Entity Too Large' : reason;
  if (parsed.ok && parsed.message.kind === 'request') {
    socket.write(buildResponse(parsed.message, status, { reason: phrase }));
  } else if (!parsed.ok && parsed.replyHeaders) {
    socket.write(buildResponse(parsed.replyHeaders, status, { reason: phrase }));
  }
}

export async function startSipTcpListener(o: SipTcpListenerOptions): Promise<SipTcpListener> {
  const { host, port } = parseListenAddress(o.listen);
  const maxBytes = o.maxMessageBytes ?? 65_536;
  const maxCalls = o.maxCalls ?? 64;
  const calls = new Map<string, Socket>();
  const sockets = new Set<Socket>();

  o.agent.attach((text) => {
    const parsed = parseMessage(text);
    if (!parsed.ok) return;
    const msg = parsed.message;
    const socket = calls.get(msg.callId);
    if (socket && !socket.destroyed) socket.write(text);
    // The call is over for the agent once it refused the INVITE or answered a BYE.
    const done =
      msg.kind === 'response' &&
      ((msg.cseq.method === 'INVITE' && msg.status >= 300) || msg.cseq.method === 'BYE');
    if (done) calls.delete(msg.callId);
  });

  const reject = (socket: Socket, req: SipRequest, status: number, reason?: string) =>
    socket.write(buildResponse(req, status, { reason }));

  let mwi: KamailioMwi | undefined; // set once the bound address (our Contact) is known

  const onRequest = (socket: Socket, req: SipRequest, text: string) => {
    if (mwi?.request(req, socket)) return;
    const copy = o.history?.(req);
    if (copy !== undefined) return reject(socket, req, copy);
    const initial = req.method === 'INVITE' && req.toTag === undefined;
    if (initial && !calls.has(req.callId)) {
      const owner = req.ruri.user ?? '';
      if (!o.accountExists(owner)) return reject(socket, req, 404, 'Not Found (no such mailbox)');
      // An offer werift cannot answer (not WebRTC/Opus): the call ends as it would without voicemail.
      if (!o.agent.accepts(req)) return reject(socket, req, 480);
      if (calls.size >= maxCalls) {
        return socket.write(buildResponse(req, 503, { headers: [header('Retry-After', '30')] }));
      }
    }
    if (!initial && !calls.has(req.callId)) {
      if (req.method === 'ACK') return; // for a final response we sent ourselves
      return reject(socket, req, 481);
    }
    calls.set(req.callId, socket);
    o.agent.conn.send(text);
  };

  const onConnection = (socket: Socket) => {
    if (!isLoopback(socket.remoteAddress)) {
      o.log.warn(`voicemail SIP: connection from ${String(socket.remoteAddress)} refused (loopback only)`);
      return socket.destroy();
    }
    sockets.add(socket);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        let start = 0;
        while (buf[start] === 0x0d || buf[start] === 0x0a) start++; // keep-alive CRLFs
        buf = buf.subarray(start);
        if (buf.length === 0) return;
        const frame = nextFrame(buf, maxBytes);
        if (frame.kind === 'incomplete') return;
        if (frame.kind === 'error') {
          o.log.warn(`voicemail SIP: ${frame.why} from ${String(socket.remoteAddress)}; closing`);
          replyError(socket, buf.subarray(0, maxBytes), frame.why.includes('large') ? 413 : 400, frame.why);
          return void socket.end();
        }
        buf = buf.subarray(frame.bytes.length);
        const text = frame.bytes.toString('utf8');
        const parsed = parseMessage(text);
        if (!parsed.ok) {
          o.log.warn(`voicemail SIP: unparsable message (${parsed.error}); closing`);
          replyError(socket, frame.bytes, parsed.replyStatus ?? 400, parsed.error);
          return void socket.end();
        }
        if (parsed.message.kind === 'request') onRequest(socket, parsed.message, text);
        else if (!mwi?.response(parsed.message, socket)) o.agent.conn.send(text); // the agent's BYE's
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      mwi?.socketClosed(socket);
      for (const [callId, s] of calls) if (s === socket) calls.delete(callId);
    });
  };

  const server: Server = createServer(onConnection);
  server.maxConnections = o.maxConnections ?? 16;
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      // Named here: main.ts would otherwise blame PORT for an EADDRINUSE.
      const why =
        error.code === 'EADDRINUSE' ? 'is in use' : `cannot be bound (${error.code ?? error.message})`;
      rejectListen(
        new ConfigError([
          `VOICEMAIL_SIP_LISTEN: ${o.listen} ${why}; choose another loopback port, or "off" for no voicemail in Kamailio mode`,
        ]),
      );
    });
    server.listen(port, host, () => resolveListen());
  });
  const bound = (server.address() as AddressInfo).port;
  const address = `${host.includes(':') ? `[${host}]` : host}:${bound}`;
  o.agent.useSipEndpoint(address);
  if (o.mwi) mwi = kamailioMwi(o.mwi, address);
  o.log.info(`voicemail SIP over TCP on ${address}`);
  return {
    address,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}
