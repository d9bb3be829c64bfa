/**
 * A deliberately small SIP user agent for tests, over two transports:
 *  - WebSocket (RFC 7118), the way sip.js in a browser speaks: subprotocol "sip", a made-up "*.invalid"
 *    host in Via and Contact (a browser cannot know its address), digest authentication;
 *  - UDP, the way a desk phone speaks: its real ip:port in Via and Contact.
 * It is not a SIP stack: one message per frame/datagram, no retransmissions (loopback does not lose
 * packets), just enough to REGISTER and to run INVITE/200/ACK/BYE through a proxy.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import WebSocket from 'ws';

import {
  digestAuthorization,
  hdr,
  hdrs,
  parseSip,
  rand as token,
  tagOf,
  uriOf,
  type SipMessage,
} from './wire';

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
   * The challenged start of an authenticated request (CSeq 1, then 2): sends it without credentials,
   * ACKs an INVITE's 407 on the same branch, and builds the retry with Proxy-Authorization for the
   * caller to send once it waits for the answers. `challenge` is the first final response (when it is
   * not a 407 there is no retry: `raw` is empty).
   */
  async challengedRequest(
    spec: Omit<RequestSpec, 'cseq'>,
  ): Promise<{ challenge: SipMessage; raw: string; branch: string }> {
    const first = await this.transaction({ ...spec, cseq: 1 });
    const challenge = first.final;
    if (challenge.status !== 407) return { challenge, raw: '', branch: '' };
    if (spec.method === 'INVITE') this.ackFailure(spec, first.final, first.branch, 1);
    const auth = digestAuthorization(hdr(challenge, 'proxy-authenticate') ?? '', {
      username: this.opts.username,
      password: this.opts.password,
      method: spec.method,
      uri: spec.ruri,
    });
    const retry = this.buildRequest({
      ...spec,
      cseq: 2,
      extra: [...(spec.extra ?? []), `Proxy-Authorization: ${auth}`],
    });
    return { challenge, ...retry };
  }

  /** The ACK for a final non-2xx response to our INVITE: same branch and CSeq, To as answered. */
  ackFailure(invite: Omit<RequestSpec, 'cseq'>, final: SipMessage, branch: string, cseq: number): void {
    this.send(
      this.buildRequest({
        ...invite,
        method: 'ACK',
        to: hdr(final, 'to') ?? invite.to,
        cseq,
        body: '',
        branch,
      }).raw,
    );
  }

  /** The callee hangs up: BYE to the caller's Contact along the Record-Route of the INVITE it answered. */
  calleeBye(inv: SipMessage, toTag: string): Promise<{ final: SipMessage; branch: string }> {
    return this.transaction({
      method: 'BYE',
      ruri: uriOf(hdr(inv, 'contact') ?? ''),
      from: `${hdr(inv, 'to') ?? ''};tag=${toTag}`,
      to: hdr(inv, 'from') ?? '',
      callId: hdr(inv, 'call-id') ?? '',
      cseq: 1,
      route: hdrs(inv, 'record-route'),
    });
  }

  /** The ACK for a 2xx to our INVITE: to the answerer's Contact along the reversed Record-Route. */
  ackAnswer(ok: SipMessage, d: { from: string; callId: string; cseq: number }): void {
    this.send(
      this.buildRequest({
        method: 'ACK',
        ruri: uriOf(hdr(ok, 'contact') ?? ''),
        from: d.from,
        to: hdr(ok, 'to') ?? '',
        callId: d.callId,
        cseq: d.cseq,
        route: hdrs(ok, 'record-route').reverse(),
      }).raw,
    );
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
