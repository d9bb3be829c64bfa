/**
 * Wire helpers shared by the SIP test clients: a lenient message parser (so tests can inspect what a
 * strict parser would reject), message building, RFC 2617 digest answers, SDP bodies, polling.
 */
import { createHash, randomBytes } from 'node:crypto';

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
export function uriOf(nameAddr: string | undefined): string {
  const value = nameAddr ?? '';
  const m = /<([^>]*)>/.exec(value);
  return m?.[1] ?? value.split(';')[0]!.trim();
}

export function tagOf(nameAddr: string): string | undefined {
  const rest = nameAddr.includes('>') ? nameAddr.slice(nameAddr.lastIndexOf('>')) : nameAddr;
  return /;\s*tag=([^;\s]+)/i.exec(rest)?.[1];
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
/** Random hex string of `n` bytes (tags, branches, call ids). */
export const rand = (n = 6) => randomBytes(n).toString('hex');

/** RFC 2617 digest (MD5, qop=auth when offered) for a WWW-/Proxy-Authenticate challenge. */
export function digestAuthorization(
  challenge: string,
  opts: { username: string; password: string; method: string; uri: string; cnonce?: string; nc?: number },
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
    const nc = (opts.nc ?? 1).toString(16).padStart(8, '0');
    const cnonce = opts.cnonce ?? rand(8);
    parts.push(`response="${md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`);
    parts.push('qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
  } else {
    parts.push(`response="${md5(`${ha1}:${nonce}:${ha2}`)}"`);
  }
  if (params.opaque !== undefined) parts.push(`opaque="${params.opaque}"`);
  parts.push('algorithm=MD5');
  return `Digest ${parts.join(', ')}`;
}

/** Builds a SIP message; Content-Length is added. */
export function sipMessage(startLine: string, headers: Array<[string, string]>, body = ''): string {
  return (
    [startLine, ...headers.map(([n, v]) => `${n}: ${v}`), `Content-Length: ${Buffer.byteLength(body)}`].join(
      '\r\n',
    ) +
    '\r\n\r\n' +
    body
  );
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

export async function waitUntil(cond: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
