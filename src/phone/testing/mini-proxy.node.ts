/**
 * A tiny in-process SIP registrar/proxy over WebSocket and a media-less SessionDescriptionHandler,
 * for running the engine on the real sip.js in Node (../sipjs.node.test.ts).
 */
import { createHash } from 'node:crypto';
import type { SessionDescriptionHandlerFactory } from 'sip.js';
import { WebSocket as NodeWebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';

export const DOMAIN = 'openline.local';
const REALM = DOMAIN;
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

export interface Parsed {
  raw: string;
  firstLine: string;
  isResponse: boolean;
  method: string;
  ruri: string;
  headers: Map<string, string[]>;
}

function parse(raw: string): Parsed {
  const [head = ''] = raw.split('\r\n\r\n');
  const lines = head.split('\r\n');
  const firstLine = lines[0] ?? '';
  const headers = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const at = line.indexOf(':');
    if (at < 0) continue;
    const name = line.slice(0, at).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(at + 1).trim()]);
  }
  const isResponse = firstLine.startsWith('SIP/2.0');
  const [method = '', ruri = ''] = isResponse ? [] : firstLine.split(' ');
  return { raw, firstLine, isResponse, method, ruri, headers };
}

const header = (m: Parsed, name: string) => m.headers.get(name)?.[0] ?? '';
const branchOf = (m: Parsed) => /branch=([^;,\s]+)/.exec(header(m, 'via'))?.[1] ?? '';
const userOf = (uri: string) => /sips?:([^@;>]+)@/.exec(uri)?.[1] ?? '';

/** A minimal registrar + proxy: digest auth on REGISTER, routes by AOR or contact user. */
export class MiniProxy {
  private server!: WebSocketServer;
  readonly aors = new Map<string, ServerSocket>();
  private readonly contacts = new Map<string, ServerSocket>();
  private readonly transactions = new Map<string, ServerSocket>();
  readonly received: Parsed[] = [];
  port = 0;
  /** Answer credentials it does not know with a fresh 401 challenge (as Kamailio does for expired ones). */
  challengeUnknownUsers = false;
  /** Digest usernames of REGISTERs that passed authentication, in order. */
  readonly authenticated: string[] = [];
  /** WebSocket connections accepted so far. */
  connections = 0;

  constructor(readonly passwords: Record<string, string>) {}

  async start(port = 0): Promise<void> {
    this.server = new WebSocketServer({ port, handleProtocols: () => 'sip' });
    await new Promise<void>((resolve) => this.server.once('listening', () => resolve()));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server.on('connection', (ws) => {
      this.connections++;
      ws.on('message', (data) => this.onMessage(ws, data.toString()));
    });
  }

  /** Closes every client connection (server "crash") and stops listening. */
  async stop(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.aors.clear();
    this.contacts.clear();
  }

  count(method: string): number {
    return this.received.filter((m) => !m.isResponse && m.method === method).length;
  }

  private onMessage(ws: ServerSocket, raw: string): void {
    if (raw.trim() === '') {
      ws.send('\r\n');
      return;
    }
    const msg = parse(raw);
    this.received.push(msg);
    if (msg.isResponse) {
      this.transactions.get(branchOf(msg))?.send(raw);
      return;
    }
    if (msg.method === 'REGISTER') {
      this.register(ws, msg);
      return;
    }
    if (msg.method !== 'ACK') this.transactions.set(branchOf(msg), ws);
    const user = userOf(msg.ruri);
    const target = this.aors.get(user) ?? this.contacts.get(user);
    if (!target || target.readyState !== NodeWebSocket.OPEN) {
      if (msg.method !== 'ACK') this.reply(ws, msg, 404, 'Not Found');
      return;
    }
    target.send(raw);
  }

  private register(ws: ServerSocket, msg: Parsed): void {
    const authorization = header(msg, 'authorization');
    const claimed = /username="([^"]*)"/.exec(authorization)?.[1];
    const unknown = claimed !== undefined && !(claimed in this.passwords) && this.challengeUnknownUsers;
    if (!authorization || unknown) {
      this.reply(ws, msg, 401, 'Unauthorized', [
        `WWW-Authenticate: Digest realm="${REALM}", nonce="${Math.random().toString(36).slice(2)}", algorithm=MD5, qop="auth"`,
      ]);
      return;
    }
    const param = (name: string) => new RegExp(`${name}="?([^",]+)"?`).exec(authorization)?.[1] ?? '';
    const username = param('username');
    const ha1 = md5(`${username}:${REALM}:${this.passwords[username] ?? '\u0000'}`);
    const ha2 = md5(`REGISTER:${param('uri')}`);
    const expected = md5(`${ha1}:${param('nonce')}:${param('nc')}:${param('cnonce')}:${param('qop')}:${ha2}`);
    if (param('response') !== expected) {
      this.reply(ws, msg, 403, 'Forbidden');
      return;
    }
    this.authenticated.push(username);
    const contact = header(msg, 'contact');
    const contactUri = /<([^>]+)>/.exec(contact)?.[1] ?? '';
    const expires = Number(/;expires=(\d+)/.exec(contact)?.[1] ?? header(msg, 'expires') ?? '300');
    if (expires === 0) {
      this.aors.delete(username);
      this.contacts.delete(userOf(contactUri));
      this.reply(ws, msg, 200, 'OK');
      return;
    }
    this.aors.set(username, ws);
    this.contacts.set(userOf(contactUri), ws);
    this.reply(ws, msg, 200, 'OK', [`Contact: <${contactUri}>;expires=${expires}`]);
  }

  private reply(ws: ServerSocket, msg: Parsed, status: number, reason: string, extra: string[] = []): void {
    const to = header(msg, 'to');
    const lines = [
      `SIP/2.0 ${status} ${reason}`,
      ...(msg.headers.get('via') ?? []).map((v) => `Via: ${v}`),
      `From: ${header(msg, 'from')}`,
      `To: ${/;tag=/.test(to) ? to : `${to};tag=proxy${Math.random().toString(36).slice(2, 8)}`}`,
      `Call-ID: ${header(msg, 'call-id')}`,
      `CSeq: ${header(msg, 'cseq')}`,
      ...extra,
      'Content-Length: 0',
      '',
      '',
    ];
    ws.send(lines.join('\r\n'));
  }
}

const SDP = (hold: boolean) =>
  [
    'v=0',
    `o=- ${Date.now()} 1 IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 40000 RTP/AVP 0 101',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    hold ? 'a=sendonly' : 'a=sendrecv',
    '',
  ].join('\r\n');

/** Stands in for the Web SDH: no media, fixed SDP, remembers the hold option. */
export const stubSdhFactory: SessionDescriptionHandlerFactory = () => ({
  getDescription: (options?: object) =>
    Promise.resolve({
      body: SDP(options !== undefined && 'hold' in options && options.hold === true),
      contentType: 'application/sdp',
    }),
  setDescription: () => Promise.resolve(),
  hasDescription: (contentType: string) => contentType === 'application/sdp',
  close: () => {},
  sendDtmf: () => false,
});
