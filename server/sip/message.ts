/**
 * SIP message model: framing a WebSocket frame into a request or response, header access,
 * serialization, and building responses. Grammar-level parsing lives in grammar.ts.
 */
import {
  fastGrammar,
  parseCSeq,
  splitList,
  type NameAddr,
  type SipGrammar,
  type SipUri,
  type Via,
  isToken,
} from './grammar';

export interface SipHeader {
  /** Name as written on the wire (canonical spelling for known headers). */
  name: string;
  /** Lower-case long-form name, for lookups. */
  key: string;
  value: string;
}

const COMPACT: Record<string, string> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
  o: 'event',
  r: 'refer-to',
  b: 'referred-by',
  u: 'allow-events',
  a: 'accept-contact',
  j: 'reject-contact',
  d: 'request-disposition',
  x: 'session-expires',
  y: 'identity',
  n: 'identity-info',
};

const CANONICAL = new Map(
  [
    'Accept',
    'Accept-Contact',
    'Accept-Encoding',
    'Accept-Language',
    'Alert-Info',
    'Allow',
    'Allow-Events',
    'Authentication-Info',
    'Authorization',
    'Call-ID',
    'Call-Info',
    'Contact',
    'Content-Disposition',
    'Content-Encoding',
    'Content-Language',
    'Content-Length',
    'Content-Type',
    'CSeq',
    'Date',
    'Error-Info',
    'Event',
    'Expires',
    'From',
    'Identity',
    'Identity-Info',
    'In-Reply-To',
    'Max-Forwards',
    'Min-Expires',
    'Min-SE',
    'MIME-Version',
    'Organization',
    'P-Asserted-Identity',
    'Path',
    'Priority',
    'Proxy-Authenticate',
    'Proxy-Authorization',
    'Proxy-Require',
    'RAck',
    'Reason',
    'Record-Route',
    'Refer-To',
    'Referred-By',
    'Reject-Contact',
    'Replaces',
    'Reply-To',
    'Request-Disposition',
    'Require',
    'Retry-After',
    'Route',
    'RSeq',
    'Server',
    'Session-Expires',
    'Subject',
    'Subscription-State',
    'Supported',
    'Timestamp',
    'To',
    'Unsupported',
    'User-Agent',
    'Via',
    'Warning',
    'WWW-Authenticate',
  ].map((name) => [name.toLowerCase(), name]),
);

/** Headers whose comma-separated values we store as one entry per value. */
const LIST_HEADERS = new Set(['via', 'route', 'record-route', 'contact']);

export function header(name: string, value: string): SipHeader {
  const key = name.toLowerCase();
  return { name: CANONICAL.get(key) ?? name, key, value };
}

abstract class SipMessageBase {
  constructor(
    readonly headers: SipHeader[],
    readonly body: string,
    readonly callId: string,
    readonly cseq: { seq: number; method: string },
    readonly topVia: Via,
    protected readonly grammar: SipGrammar,
  ) {}

  get(key: string): string | undefined {
    for (const h of this.headers) if (h.key === key) return h.value;
    return undefined;
  }

  getAll(key: string): string[] {
    const out: string[] = [];
    for (const h of this.headers) if (h.key === key) out.push(h.value);
    return out;
  }

  has(key: string): boolean {
    return this.headers.some((h) => h.key === key);
  }

  /** Parsed To header (lazily for responses). */
  abstract readonly to: NameAddr;
}

export class SipRequest extends SipMessageBase {
  readonly kind = 'request' as const;
  constructor(
    readonly method: string,
    /** Request-URI as written. */
    readonly uri: string,
    readonly ruri: SipUri,
    headers: SipHeader[],
    body: string,
    callId: string,
    cseq: { seq: number; method: string },
    topVia: Via,
    readonly from: NameAddr,
    readonly to: NameAddr,
    grammar: SipGrammar,
  ) {
    super(headers, body, callId, cseq, topVia, grammar);
  }

  /** The grammar this request was parsed with (to parse its edits alike). */
  get grammarUsed(): SipGrammar {
    return this.grammar;
  }

  /** This request with other headers and top Via (the transport's Via stamp, ./via.ts). */
  withHeaders(headers: SipHeader[], topVia: Via): SipRequest {
    const { method, uri, ruri, body, callId, cseq, from, to, grammar } = this;
    return new SipRequest(method, uri, ruri, headers, body, callId, cseq, topVia, from, to, grammar);
  }

  get fromTag(): string | undefined {
    return this.from.params.get('tag') ?? undefined;
  }
  get toTag(): string | undefined {
    return this.to.params.get('tag') ?? undefined;
  }

  /** Max-Forwards value, undefined when absent, NaN when malformed. */
  get maxForwards(): number | undefined {
    const value = this.get('max-forwards');
    if (value === undefined) return undefined;
    return /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  }

  /** Parsed Contact entries; `'*'` for the wildcard; null if one is malformed. */
  contacts(): NameAddr[] | '*' | null {
    const values = this.getAll('contact');
    if (values.length === 1 && values[0] === '*') return '*';
    const out: NameAddr[] = [];
    for (const value of values) {
      const parsed = value === '*' ? null : this.grammar.nameAddr(value);
      if (!parsed) return null;
      out.push(parsed);
    }
    return out;
  }

  /** Parses a header holding a name-addr (e.g. Route entries) with the message's grammar. */
  nameAddr(value: string): NameAddr | null {
    return this.grammar.nameAddr(value);
  }
}

export class SipResponse extends SipMessageBase {
  readonly kind = 'response' as const;
  private parsedTo: NameAddr | null | undefined;
  constructor(
    readonly status: number,
    readonly reason: string,
    headers: SipHeader[],
    body: string,
    callId: string,
    cseq: { seq: number; method: string },
    topVia: Via,
    grammar: SipGrammar,
  ) {
    super(headers, body, callId, cseq, topVia, grammar);
  }

  get to(): NameAddr {
    if (this.parsedTo === undefined) this.parsedTo = this.grammar.nameAddr(this.get('to') ?? '');
    if (!this.parsedTo) throw new Error('malformed To header');
    return this.parsedTo;
  }
}

export type SipMessage = SipRequest | SipResponse;

export type ParseResult =
  | { ok: true; message: SipMessage }
  | {
      ok: false;
      error: string;
      /**
       * Set when the input is a request (not an ACK) with a readable request line: the headers its
       * error response copies (those of Via, From, To, Call-ID and CSeq that it has, as written).
       */
      replyHeaders?: SipHeader[];
      /** Status for that answer: 400, or 505 when the SIP version is not 2.0. */
      replyStatus?: number;
      /** Reason phrase for that answer, naming the problem (`Missing To header`, `Bad CSeq`). */
      replyReason?: string;
    };

/** The headers a request must have (RFC 3261 §8.1.1; Max-Forwards is tolerated missing, as proxies do). */
const MANDATORY: ReadonlyArray<[key: string, name: string]> = [
  ['via', 'Via'],
  ['from', 'From'],
  ['to', 'To'],
  ['call-id', 'Call-ID'],
  ['cseq', 'CSeq'],
];

/** "To", "To and CSeq", "From, To and CSeq". */
function listed(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
const REQUEST_LINE = /^([A-Za-z0-9\-.!%*_+`'~]+) (\S+) (SIP\/\d+\.\d+)$/;
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d)(?: (.*))?$/;

/**
 * Frames and parses one SIP message (one WebSocket message, RFC 7118 §5.3).
 * Never throws; returns `ok:false` with the headers needed to answer 400 when possible.
 */
export function parseMessage(data: Buffer | string, grammar: SipGrammar = fastGrammar): ParseResult {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const headEnd = buf.indexOf(CRLFCRLF);
  const head = buf.toString('utf8', 0, headEnd < 0 ? buf.length : headEnd);
  const lines = head.split('\r\n');
  const startLine = lines[0] ?? '';

  // Header lines, unfolding continuation lines (RFC 3261 §7.3.1).
  const headers: SipHeader[] = [];
  let problem: string | undefined = headEnd < 0 ? 'no empty line after the headers' : undefined;
  let pending: { name: string; value: string } | undefined;
  const flush = () => {
    if (!pending) return;
    const lname = pending.name.toLowerCase();
    const key = COMPACT[lname] ?? lname;
    const name = CANONICAL.get(key) ?? pending.name;
    if (LIST_HEADERS.has(key) && pending.value !== '*') {
      for (const value of splitList(pending.value)) headers.push({ name, key, value });
    } else headers.push({ name, key, value: pending.value });
    pending = undefined;
  };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length === 0) continue;
    if ((line[0] === ' ' || line[0] === '\t') && pending) {
      pending.value += ' ' + line.trim();
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!name || !isToken(name)) {
      problem ??= 'malformed header line';
      continue;
    }
    pending = { name, value: line.slice(colon + 1).trim() };
  }
  flush();

  const req = REQUEST_LINE.exec(startLine);
  const res = req ? null : STATUS_LINE.exec(startLine);
  const get = (key: string) => headers.find((h) => h.key === key)?.value;

  // A request (other than an ACK, which is never answered) is answered with what it has: over a
  // WebSocket the answer goes back on the connection it came in on, even without a Via to route it.
  const fail = (error: string, reason: string, status = 400): ParseResult => {
    if (!req || req[1] === 'ACK') return { ok: false, error };
    const replyHeaders = headers.filter((h) => MANDATORY.some(([key]) => key === h.key));
    return { ok: false, error, replyHeaders, replyStatus: status, replyReason: reason };
  };

  if (!req && !res) return fail('malformed start line', 'Bad Request');
  if (req && req[3] !== 'SIP/2.0') return fail('unsupported SIP version', 'Version Not Supported', 505);
  if (problem) return fail(problem, problem === 'malformed header line' ? 'Bad header line' : 'Bad Request');
  if (req) {
    const missing = MANDATORY.filter(([key]) => get(key) === undefined).map(([, name]) => name);
    if (missing.length > 0) {
      const what = `${listed(missing)} header${missing.length > 1 ? 's' : ''}`;
      return fail(`missing ${what}`, `Missing ${what}`);
    }
  }

  const viaValue = get('via');
  const topVia = viaValue === undefined ? null : grammar.via(viaValue);
  if (!topVia) return fail('missing or malformed Via', 'Bad Via');
  const callId = get('call-id');
  if (!callId || /\s/.test(callId)) return fail('missing or malformed Call-ID', 'Bad Call-ID');
  const cseqValue = get('cseq');
  const cseq = cseqValue === undefined ? null : parseCSeq(cseqValue);
  if (!cseq) return fail('missing or malformed CSeq', 'Bad CSeq');

  // Body: Content-Length counts bytes; WebSocket framing makes it optional (RFC 7118 §5.3).
  const bodyStart = headEnd < 0 ? buf.length : headEnd + 4;
  let bodyEnd = buf.length;
  const lengthValue = get('content-length');
  if (lengthValue !== undefined) {
    if (!/^\d{1,9}$/.test(lengthValue)) return fail('malformed Content-Length', 'Bad Content-Length');
    const length = Number(lengthValue);
    if (bodyStart + length > buf.length)
      return fail('body shorter than Content-Length', 'Bad Content-Length');
    bodyEnd = bodyStart + length;
  }
  const body = bodyEnd > bodyStart ? buf.toString('utf8', bodyStart, bodyEnd) : '';

  if (res) {
    const toValue = get('to');
    if (!get('from') || !toValue) return fail('missing From or To', 'Bad Request');
    return {
      ok: true,
      message: new SipResponse(Number(res[1]), res[2] ?? '', headers, body, callId, cseq, topVia, grammar),
    };
  }

  const [, method, uriText] = req!;
  const ruri = grammar.uri(uriText!);
  if (!ruri) return fail('malformed Request-URI', 'Bad Request-URI');
  const from = grammar.nameAddr(get('from')!);
  if (!from) return fail('malformed From', 'Bad From');
  const to = grammar.nameAddr(get('to')!);
  if (!to) return fail('malformed To', 'Bad To');
  if (cseq.method !== method) {
    return fail('CSeq method does not match the request method', 'CSeq method mismatch');
  }
  return {
    ok: true,
    message: new SipRequest(method!, uriText!, ruri, headers, body, callId, cseq, topVia, from, to, grammar),
  };
}
