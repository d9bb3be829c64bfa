/**
 * A deliberately small SIP user agent for tests, over two transports:
 *  - WebSocket (RFC 7118), the way sip.js in a browser speaks: subprotocol "sip", a made-up "*.invalid"
 *    host in Via and Contact (a browser cannot know its address), digest authentication;
 *  - UDP, the way a desk phone speaks: its real ip:port in Via and Contact.
 * It is not a SIP stack: one message per frame/datagram, no retransmissions (loopback does not lose
 * packets), just enough to REGISTER and to run INVITE/200/ACK/BYE through a proxy.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import WebSocket from 'ws';

export interface SipMessage {
  raw: string;
  isResponse: boolean;
  status: number;
  reason: string;
  method: string;
  ruri: string;
  headers: Array<[name: string, value: string]>;
  body: string;
}

const COMPACT: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
};

export function parseSip(raw: string): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split + 4) : '';
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length) {
      headers[headers.length - 1]![1] += ` ${line.trim()}`; // folded line
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.push([COMPACT[name] ?? name, line.slice(colon + 1).trim()]);
  }
  const status = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(startLine);
  if (status) {
    return {
      raw,
      isResponse: true,
      status: Number(status[1]),
      reason: status[2] ?? '',
      method: cseqMethod(headers),
      ruri: '',
      headers,
      body,
    };
  }
  const [method = '', ruri = ''] = startLine.split(' ');
  return { raw, isResponse: false, status: 0, reason: '', method, ruri, headers, body };
}

function cseqMethod(headers: Array<[string, string]>): string {
  return headers.find(([n]) => n === 'cseq')?.[1].split(/\s+/)[1] ?? '';
}

/** First value of a header (case-insensitive name). */
export function hdr(msg: SipMessage, name: string): string | undefined {
  const n = name.toLowerCase();
  return msg.headers.find(([k]) => k === n)?.[1];
}

/** All values of a header, comma-separated lists split (outside <...> and quotes). */
export function hdrs(msg: SipMessage, name: string): string[] {
  const n = name.toLowerCase();
  return msg.headers.filter(([k]) => k === n).flatMap(([, v]) => splitList(v));
}

function splitList(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') depth++;
    else if (!quoted && ch === '>') depth--;
    if (ch === ',' && depth === 0 && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** The URI inside a name-addr ("<sip:...>;tag=x" → "sip:..."), or the addr-spec up to ';'. */
export function uriOf(nameAddr: string): string {
  const m = /<([^>]*)>/.exec(nameAddr);
  return m?.[1] ?? nameAddr.split(';')[0]!.trim();
}

export function tagOf(nameAddr: string): string | undefined {
  const rest = nameAddr.includes('>') ? nameAddr.slice(nameAddr.lastIndexOf('>')) : nameAddr;
  return /;\s*tag=([^;\s]+)/i.exec(rest)?.[1];
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const token = (n = 8) => randomBytes(n).toString('hex');

/** RFC 2617 digest (MD5, qop=auth when offered) for a WWW-/Proxy-Authenticate challenge. */
export function digestAuthorization(
  challenge: string,
  opts: { username: string; password: string; method: string; uri: string; cnonce?: string },
): string {
  const params: Record<string, string> = {};
  for (const m of challenge.replace(/^Digest\s+/i, '').matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g)) {
    params[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? '';
  }
  const realm = params.realm ?? '';
  const nonce = params.nonce ?? '';
  const ha1 = md5(`${opts.username}:${realm}:${opts.password}`);
  const ha2 = md5(`${opts.method}:${opts.uri}`);
  const qopAuth = (params.qop ?? '').split(',').some((q) => q.trim() === 'auth');
  const parts = [`username="${opts.username}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${opts.uri}"`];
  if (qopAuth) {
    const nc = '00000001';
    const cnonce = opts.cnonce ?? token();
    parts.push(`response="${md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`);
    parts.push('qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
  } else {
    parts.push(`response="${md5(`${ha1}:${nonce}:${ha2}`)}"`);
  }
  if (params.opaque !== undefined) parts.push(`opaque="${params.opaque}"`);
  parts.push('algorithm=MD5');
  return `Digest ${parts.join(', ')}`;
}

export interface SipClientOptions {
  /** SIP user part (From/To/Contact). */
  user: string;
  domain: string;
  /** Digest username (ephemeral: "<expiry>:<user>") and password. */
  username: string;
  password: string;
}

interface RequestSpec {
  method: string;
  ruri: string;
  from: string;
  to: string;
  callId: string;
  cseq: number;
  route?: string[];
  extra?: string[];
  body?: string;
  contentType?: string;
  branch?: string;
}

interface Transport {
  /** "WS" or "UDP", for Via. */
  via: 'WS' | 'UDP';
  /** Host (and port) for Via and Contact. */
  host: string;
  /** Contact URI parameters, e.g. ";transport=ws". */
  contactParams: string;
  send(raw: string): void;
  close(): Promise<void>;
}

/** One SIP UA on one WebSocket (browser-like) or one UDP socket (desk-phone-like). */
export class SipClient {
  /** Every message received, in order. */
  readonly received: SipMessage[] = [];
  readonly contact: string;
  private waiters: Array<{ pred: (m: SipMessage) => boolean; resolve: (m: SipMessage) => void }> = [];

  private constructor(
    private readonly transport: Transport,
    readonly opts: SipClientOptions,
  ) {
    this.contact = `<sip:${opts.user}@${transport.host}${transport.contactParams}>`;
  }

  /** Host[:port] this UA puts in Via and Contact ("xyz.invalid" over WebSocket, "127.0.0.1:port" over UDP). */
  get host(): string {
    return this.transport.host;
  }

  private deliver(text: string): void {
    if (text.trim() === '') return; // CRLF keep-alive
    const msg = parseSip(text);
    this.received.push(msg);
    const i = this.waiters.findIndex((w) => w.pred(msg));
    if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(msg);
  }

  /**
   * Opens a WebSocket (subprotocol "sip") to `url`. `wsOptions` go to the `ws` client, e.g. `{ origin }`
   * as a browser sends it, `{ rejectUnauthorized: false }` for a self-signed WSS certificate, `{ headers }`.
   */
  static ws(
    url: string,
    opts: SipClientOptions,
    wsOptions: WebSocket.ClientOptions = {},
    timeoutMs = 3000,
  ): Promise<SipClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, 'sip', wsOptions);
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`WebSocket ${url} did not open in ${timeoutMs} ms`));
      }, timeoutMs);
      ws.once('open', () => {
        clearTimeout(timer);
        if (ws.protocol !== 'sip')
          return reject(new Error(`server chose subprotocol '${ws.protocol}', not 'sip'`));
        const client = new SipClient(
          {
            via: 'WS',
            host: `${token(5)}.invalid`,
            contactParams: ';transport=ws',
            send: (raw) => ws.send(raw),
            close: () =>
              new Promise((done) => {
                if (ws.readyState === WebSocket.CLOSED) return done();
                ws.once('close', () => done());
                ws.close();
              }),
          },
          opts,
        );
        ws.on('message', (data) => client.deliver(data.toString()));
        resolve(client);
      });
      ws.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  /** Binds a UDP socket on `localIp` (random port) and sends everything to `server` ("ip:port"). */
  static udp(server: string, opts: SipClientOptions, localIp = '127.0.0.1'): Promise<SipClient> {
    const [serverIp = '', serverPort = ''] = server.split(':');
    return new Promise((resolve, reject) => {
      const sock: UdpSocket = createSocket('udp4');
      sock.once('error', reject);
      sock.bind(0, localIp, () => {
        const client = new SipClient(
          {
            via: 'UDP',
            host: `${localIp}:${sock.address().port}`,
            contactParams: '',
            send: (raw) => sock.send(raw, Number(serverPort), serverIp),
            close: () => new Promise((done) => sock.close(() => done())),
          },
          opts,
        );
        sock.on('message', (data) => client.deliver(data.toString()));
        resolve(client);
      });
    });
  }

  get aor(): string {
    return `sip:${this.opts.user}@${this.opts.domain}`;
  }

  send(raw: string): void {
    this.transport.send(raw);
  }

  /**
   * The next message received that matches `pred`. Only future messages count, unless `fromIndex` is
   * given: then an already received message at or after that index is returned at once.
   */
  waitFor(pred: (m: SipMessage) => boolean, timeoutMs = 3000, fromIndex?: number): Promise<SipMessage> {
    if (fromIndex !== undefined) {
      const found = this.received.slice(fromIndex).find(pred);
      if (found) return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const waiter = { pred, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          reject(new Error(`${this.opts.user}: no matching SIP message within ${timeoutMs} ms`));
        }
      }, timeoutMs);
    });
  }

  buildRequest(r: RequestSpec): { raw: string; branch: string } {
    const branch = r.branch ?? `z9hG4bK${token()}`;
    const body = r.body ?? '';
    const lines = [
      `${r.method} ${r.ruri} SIP/2.0`,
      `Via: SIP/2.0/${this.transport.via} ${this.transport.host};branch=${branch};rport`,
      'Max-Forwards: 70',
      ...(r.route ?? []).map((x) => `Route: ${x}`),
      `From: ${r.from}`,
      `To: ${r.to}`,
      `Call-ID: ${r.callId}`,
      `CSeq: ${r.cseq} ${r.method}`,
      ...(r.method === 'BYE' || r.method === 'ACK' || r.method === 'REGISTER'
        ? []
        : [`Contact: ${this.contact}`]),
      ...(r.extra ?? []),
      'User-Agent: openline-test-ws',
      ...(body ? [`Content-Type: ${r.contentType ?? 'application/sdp'}`] : []),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ];
    return { raw: lines.join('\r\n'), branch };
  }

  /** Sends a request and resolves with its final response (>= 200) for that branch. */
  async transaction(r: RequestSpec, timeoutMs = 3000): Promise<{ final: SipMessage; branch: string }> {
    const { raw, branch } = this.buildRequest(r);
    const final = this.waitFor(
      (m) => m.isResponse && m.status >= 200 && (hdr(m, 'via') ?? '').includes(`branch=${branch}`),
      timeoutMs,
    );
    this.send(raw);
    return { final: await final, branch };
  }

  /**
   * REGISTER with digest authentication (answers one 401/407 challenge). Returns the final response.
   * `to` overrides the To user (to test "credentials must match To").
   */
  async register(opts: { expires?: number; toUser?: string } = {}): Promise<SipMessage> {
    const callId = `${token()}@${this.host}`;
    const ruri = `sip:${this.opts.domain}`;
    const from = `<${this.aor}>;tag=${token(4)}`;
    const to = `<sip:${opts.toUser ?? this.opts.user}@${this.opts.domain}>`;
    // as sip.js 0.21 does it: lifetime as a Contact parameter, "Supported: outbound" always
    const extra = [`Contact: ${this.contact};expires=${opts.expires ?? 60}`, 'Supported: outbound'];
    let { final } = await this.transaction({ method: 'REGISTER', ruri, from, to, callId, cseq: 1, extra });
    if (final.status === 401 || final.status === 407) {
      const header = final.status === 401 ? 'www-authenticate' : 'proxy-authenticate';
      const auth = digestAuthorization(hdr(final, header) ?? '', {
        username: this.opts.username,
        password: this.opts.password,
        method: 'REGISTER',
        uri: ruri,
      });
      const authHeader = final.status === 401 ? 'Authorization' : 'Proxy-Authorization';
      ({ final } = await this.transaction({
        method: 'REGISTER',
        ruri,
        from,
        to,
        callId,
        cseq: 2,
        extra: [...extra, `${authHeader}: ${auth}`],
      }));
    }
    return final;
  }

  /** A response to a received request: copies Via, Record-Route, From, To (+tag), Call-ID, CSeq. */
  reply(
    req: SipMessage,
    status: number,
    reason: string,
    opts: { toTag?: string; body?: string; contact?: boolean } = {},
  ): string {
    const body = opts.body ?? '';
    const to = hdr(req, 'to') ?? '';
    const lines = [
      `SIP/2.0 ${status} ${reason}`,
      ...hdrs(req, 'via').map((v) => `Via: ${v}`),
      ...(status > 100 && status < 300 ? hdrs(req, 'record-route').map((r) => `Record-Route: ${r}`) : []),
      `From: ${hdr(req, 'from') ?? ''}`,
      `To: ${opts.toTag && !tagOf(to) ? `${to};tag=${opts.toTag}` : to}`,
      `Call-ID: ${hdr(req, 'call-id') ?? ''}`,
      `CSeq: ${hdr(req, 'cseq') ?? ''}`,
      ...(opts.contact ? [`Contact: ${this.contact}`] : []),
      ...(body ? ['Content-Type: application/sdp'] : []),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ];
    const raw = lines.join('\r\n');
    this.send(raw);
    return raw;
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

/**
 * An SDP body (no media flows in these tests; the proxy only relays it). `candidates` adds ICE candidate
 * lines to make it as large as a real WebRTC offer (Chromium's audio+video offers are 5-8 KB).
 */
export function fakeSdp(sessionId = Date.now(), candidates = 0): string {
  const cands = Array.from(
    { length: candidates },
    (_, i) =>
      `a=candidate:${1000 + i} 1 udp 2122260223 192.0.2.${i % 250} ${50000 + i} typ host generation 0 network-id 1`,
  );
  return [
    'v=0',
    `o=- ${sessionId} 1 IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'a=rtpmap:111 opus/48000/2',
    'a=sendrecv',
    ...cands,
    '',
  ].join('\r\n');
}

export const newToken = token;
