/**
 * Test-only SIP-over-WebSocket client: builds messages by hand and parses what it receives
 * with sip.js's own parser, so tests also prove that sip.js can read our output.
 */
import { Parser } from 'sip.js/lib/core/messages/parser.js';
import { IncomingRequestMessage } from 'sip.js/lib/core/messages/incoming-request-message.js';
import { IncomingResponseMessage } from 'sip.js/lib/core/messages/incoming-response-message.js';
import type { Logger as SipjsLogger } from 'sip.js/lib/core/log/logger.js';
import WebSocket from 'ws';
import { digestAuthorization, rand, sipMessage } from './wire';

export type Incoming = IncomingRequestMessage | IncomingResponseMessage;
export { IncomingRequestMessage, IncomingResponseMessage };

const quiet = { error() {}, warn() {}, log() {}, debug() {} } as unknown as SipjsLogger;

export function isResponse(m: Incoming, status?: number, method?: string): m is IncomingResponseMessage {
  return (
    m instanceof IncomingResponseMessage &&
    (status === undefined || m.statusCode === status) &&
    (method === undefined || m.method === method)
  );
}
export function isRequest(m: Incoming, method?: string): m is IncomingRequestMessage {
  return m instanceof IncomingRequestMessage && (method === undefined || m.method === method);
}

/** One side's view of a dialog, for in-dialog requests. */
export interface DialogSide {
  target: string;
  routes: string[];
  callId: string;
  localTag: string;
  remoteTag: string;
  remoteUri: string;
}

export class TestPhone {
  readonly inbox: Incoming[] = [];
  readonly raw: string[] = [];
  /** Frames sip.js could not parse (a test failure: the server must send valid SIP). */
  readonly unparseable: string[] = [];
  private waiters: Array<() => void> = [];
  private cursor = 0;
  contactUser = rand(4);
  contactHost = `${rand(4)}.invalid`;
  /** WebSocket close code once closed (1001 on server shutdown, 4401/4408 on auth/idle timeouts). */
  closeCode: number | undefined;
  private cseq = 1;
  closed = false;

  private constructor(
    readonly ws: WebSocket,
    readonly user: string,
    readonly password: string,
    readonly domain: string,
  ) {
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      this.raw.push(text);
      if (text === '\r\n') return;
      let parsed: Incoming | undefined;
      try {
        parsed = Parser.parseMessage(text, quiet);
      } catch {
        parsed = undefined; // sip.js throws on some inputs instead of returning undefined
      }
      if (parsed) this.inbox.push(parsed);
      else this.unparseable.push(text);
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', (code: number) => {
      this.closed = true;
      this.closeCode = code;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async connect(
    url: string,
    user = '1001',
    o: {
      password?: string;
      domain?: string;
      protocol?: string;
      origin?: string;
      /** Source address (127.0.0.x) to appear as another client IP. */
      localAddress?: string;
    } = {},
  ): Promise<TestPhone> {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + '/sip', o.protocol ?? 'sip', {
      ...(o.origin ? { origin: o.origin } : {}),
      ...(o.localAddress ? { localAddress: o.localAddress } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new TestPhone(ws, user, o.password ?? 'openline', o.domain ?? 'openline.local');
  }

  get aor(): string {
    return `sip:${this.user}@${this.domain}`;
  }
  get contact(): string {
    return `sip:${this.contactUser}@${this.contactHost};transport=ws`;
  }
  via(branch = `z9hG4bK${rand()}`): string {
    return `SIP/2.0/WSS ${this.contactHost};branch=${branch}`;
  }
  nextCSeq(): number {
    return this.cseq++;
  }

  send(text: string | Buffer): void {
    this.ws.send(text);
  }

  /** Waits for the next unconsumed message matching `pred` (consumes it). */
  async next<T extends Incoming = Incoming>(
    pred: (m: Incoming) => boolean = () => true,
    timeoutMs = 2000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.unparseable.length) throw new Error(`sip.js could not parse:\n${this.unparseable[0]}`);
      for (let i = this.cursor; i < this.inbox.length; i++) {
        const m = this.inbox[i]!;
        if (pred(m)) {
          this.inbox.splice(i, 1);
          return m as T;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) {
        const summary = this.inbox.map((m) =>
          isResponse(m) ? `${m.statusCode} ${m.method}` : `${m.method}`,
        );
        throw new Error(`${this.user}: timed out waiting for a message; inbox: [${summary.join(', ')}]`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async response(status?: number, method?: string, timeoutMs?: number): Promise<IncomingResponseMessage> {
    return this.next<IncomingResponseMessage>((m) => isResponse(m, status, method), timeoutMs);
  }
  /** Next final (≥200) response to `method`, skipping provisional ones. */
  async final(method: string, timeoutMs?: number): Promise<IncomingResponseMessage> {
    return this.next<IncomingResponseMessage>(
      (m) => isResponse(m) && m.method === method && (m.statusCode ?? 0) >= 200,
      timeoutMs,
    );
  }
  async request(method: string, timeoutMs?: number): Promise<IncomingRequestMessage> {
    return this.next<IncomingRequestMessage>((m) => isRequest(m, method), timeoutMs);
  }

  /** Asserts nothing matching `pred` arrives within `ms`. */
  async nothing(pred: (m: Incoming) => boolean = () => true, ms = 150): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
    const hit = this.inbox.find(pred);
    if (hit)
      throw new Error(`${this.user}: unexpected message ${isResponse(hit) ? hit.statusCode : hit.method}`);
  }

  registerText(
    o: { expires?: number; authorization?: string; callId?: string; contact?: string; to?: string } = {},
  ) {
    const headers: Array<[string, string]> = [
      ['Via', this.via()],
      ['Max-Forwards', '70'],
      ['To', `<${o.to ?? this.aor}>`],
      ['From', `<${this.aor}>;tag=${rand()}`],
      ['Call-ID', o.callId ?? `reg-${this.contactUser}`],
      ['CSeq', `${this.nextCSeq()} REGISTER`],
      ['Contact', o.contact ?? `<${this.contact}>;expires=${o.expires ?? 600}`],
    ];
    if (o.authorization) headers.push(['Authorization', o.authorization]);
    return sipMessage(`REGISTER sip:${this.domain} SIP/2.0`, headers);
  }

  /** REGISTER, answering a 401 challenge; `username` is the digest username when it is not the user (ephemeral). */
  async register(
    o: { expires?: number; username?: string; password?: string; contact?: string; to?: string } = {},
  ): Promise<IncomingResponseMessage> {
    this.send(this.registerText(o));
    const challenge = await this.final('REGISTER');
    if (challenge.statusCode !== 401) return challenge;
    const authorization = digestAuthorization(challenge.getHeader('www-authenticate') ?? '', {
      username: o.username ?? this.user,
      password: o.password ?? this.password,
      method: 'REGISTER',
      uri: `sip:${this.domain}`,
    });
    this.send(this.registerText({ ...o, authorization }));
    return this.final('REGISTER');
  }

  /** An out-of-dialog request from this phone. */
  outOfDialog(
    method: string,
    target: string,
    o: {
      callId?: string;
      fromTag?: string;
      extra?: Array<[string, string]>;
      body?: string;
      branch?: string;
    } = {},
  ): { text: string; callId: string; fromTag: string; branch: string; cseq: number } {
    const callId = o.callId ?? `${method.toLowerCase()}-${rand()}`;
    const fromTag = o.fromTag ?? rand();
    const branch = o.branch ?? `z9hG4bK${rand()}`;
    const cseq = this.nextCSeq();
    const headers: Array<[string, string]> = [
      ['Via', this.via(branch)],
      ['Max-Forwards', '70'],
      ['To', `<${target}>`],
      ['From', `"${this.user}" <${this.aor}>;tag=${fromTag}`],
      ['Call-ID', callId],
      ['CSeq', `${cseq} ${method}`],
      ['Contact', `<${this.contact}>`],
      ...(o.extra ?? []),
    ];
    if (o.body) headers.push(['Content-Type', method === 'INVITE' ? 'application/sdp' : 'text/plain']);
    return {
      text: sipMessage(`${method} ${target} SIP/2.0`, headers, o.body),
      callId,
      fromTag,
      branch,
      cseq,
    };
  }

  /** Answers a received request (UAS side): copies Via/From/To/Call-ID/CSeq and Record-Route. */
  reply(
    req: IncomingRequestMessage,
    status: number,
    o: { toTag?: string; reason?: string; extra?: Array<[string, string]>; body?: string } = {},
  ): string {
    const headers: Array<[string, string]> = [];
    for (const v of req.getHeaders('via')) headers.push(['Via', v]);
    if (status > 100 && status < 300)
      for (const rr of req.getHeaders('record-route')) headers.push(['Record-Route', rr]);
    headers.push(['From', req.getHeader('from')!]);
    const to = req.getHeader('to')!;
    headers.push(['To', req.toTag || status === 100 ? to : `${to};tag=${o.toTag ?? rand()}`]);
    headers.push(['Call-ID', req.callId], ['CSeq', req.getHeader('cseq')!]);
    if (status > 100 && status < 300 && req.method !== 'CANCEL')
      headers.push(['Contact', `<${this.contact}>`]);
    headers.push(...(o.extra ?? []));
    const text = sipMessage(`SIP/2.0 ${status} ${o.reason ?? 'Reason'}`, headers, o.body);
    this.send(text);
    return text;
  }

  /** Sends a request inside a dialog (route set from Record-Route, target = remote Contact). */
  inDialog(
    method: string,
    d: DialogSide,
    o: { cseq?: number; branch?: string; extra?: Array<[string, string]>; body?: string } = {},
  ): string {
    const headers: Array<[string, string]> = [
      ['Via', this.via(o.branch)],
      ['Max-Forwards', '70'],
      ...d.routes.map((r): [string, string] => ['Route', r]),
      ['From', `<${this.aor}>;tag=${d.localTag}`],
      ['To', `<${d.remoteUri}>;tag=${d.remoteTag}`],
      ['Call-ID', d.callId],
      ['CSeq', `${o.cseq ?? this.nextCSeq()} ${method}`],
      ['Contact', `<${this.contact}>`],
      ...(o.extra ?? []),
    ];
    if (o.body) headers.push(['Content-Type', 'text/plain']);
    const text = sipMessage(`${method} ${d.target} SIP/2.0`, headers, o.body);
    this.send(text);
    return text;
  }

  async close(): Promise<void> {
    if (this.closed || this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
