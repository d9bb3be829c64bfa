/**
 * RFC 3261 §25 grammar for the parts of a SIP message the server reads: URIs, name-addr
 * (From/To/Contact/Route/Record-Route), Via, CSeq and parameter lists.
 *
 * Why our own: sip.js's PEG parser is correct but costs ~120 µs per header (it builds every
 * rule closure on each call), i.e. ~1.2 ms per REGISTER: far below the 2,000 REGISTER/s
 * this server is asked to hold. These hand-written scanners follow the same ABNF, run in a
 * few µs, and `grammar.test.ts` checks them against sip.js's grammar on a shared corpus.
 * `sipjsGrammar` (sipjs-grammar.ts) implements the same interface with sip.js for callers
 * that prefer it (`SIP_PARSER=sipjs`).
 */

export type Params = Map<string, string | null>;

export interface SipUri {
  /** Lower-case scheme: `sip`, `sips`, or anything else (e.g. `tel`) which we do not route. */
  scheme: string;
  /** User part, percent-decoded (RFC 3261 §19.1.4: escapes are equivalent); undefined when absent. */
  user?: string;
  /** Lower-case host; IPv6 references keep their brackets. Empty for non-SIP schemes. */
  host: string;
  port?: number;
  /** URI parameters, names lower-cased, flag parameters map to null. */
  params: Params;
  /** The URI exactly as written. */
  raw: string;
}

export interface NameAddr {
  displayName?: string;
  uri: SipUri;
  /** Header parameters (`tag`, `expires`, `+sip.instance`...), names lower-cased, quotes removed. */
  params: Params;
  raw: string;
}

export interface Via {
  /** Upper-case transport token, e.g. `WS`, `WSS`, `UDP`. */
  transport: string;
  host: string;
  port?: number;
  params: Params;
  branch?: string;
  raw: string;
}

/** The pluggable part of message parsing, so the sip.js grammar can stand in for ours. */
export interface SipGrammar {
  readonly name: string;
  uri(text: string): SipUri | null;
  nameAddr(text: string): NameAddr | null;
  via(text: string): Via | null;
}

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
export const isToken = (s: string): boolean => TOKEN.test(s);

// user = 1*( unreserved / escaped / user-unreserved ); password adds ":"-free set
const USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+$/;
const PASSWORD = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,]|%[0-9A-Fa-f]{2})*$/;
// hostname labels; we also accept "_" seen in the wild. IPv4 falls under this pattern too.
const HOSTNAME =
  /^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
const IPV6REF = /^\[[0-9A-Fa-f:.]+\]$/;
// paramchar = param-unreserved / unreserved / escaped
const PARAMCHARS = /^(?:[A-Za-z0-9\-_.!~*'()[\]/:&+$]|%[0-9A-Fa-f]{2})+$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function validHost(host: string): boolean {
  return host.length > 0 && host.length <= 255 && (HOSTNAME.test(host) || IPV6REF.test(host));
}

function parsePort(text: string): number | undefined | null {
  if (text === '') return null;
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

/** Parses `;a=b;c` URI parameters (text starts after the host). */
function parseUriParams(text: string, into: Params): boolean {
  if (text === '') return true;
  if (text[0] !== ';') return false;
  for (const part of text.slice(1).split(';')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (!PARAMCHARS.test(name)) return false;
    if (eq < 0) into.set(name.toLowerCase(), null);
    else {
      const value = part.slice(eq + 1);
      if (!PARAMCHARS.test(value)) return false;
      into.set(name.toLowerCase(), value);
    }
  }
  return true;
}

export function parseUri(input: string): SipUri | null {
  const raw = input.trim();
  const colon = raw.indexOf(':');
  if (colon <= 0) return null;
  const scheme = raw.slice(0, colon).toLowerCase();
  if (!SCHEME.test(scheme)) return null;
  const params: Params = new Map();
  if (scheme !== 'sip' && scheme !== 'sips') {
    // Only checked for shape; the proxy answers 416 Unsupported URI Scheme.
    return /^\S+$/.test(raw.slice(colon + 1)) ? { scheme, host: '', params, raw } : null;
  }
  let rest = raw.slice(colon + 1);
  let user: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    const pw = userinfo.indexOf(':');
    const written = pw < 0 ? userinfo : userinfo.slice(0, pw);
    if (!USER.test(written)) return null;
    user = written.includes('%') ? percentDecode(written) : written;
    if (pw >= 0 && !PASSWORD.test(userinfo.slice(pw + 1))) return null;
    rest = rest.slice(at + 1);
  }
  const q = rest.indexOf('?');
  if (q >= 0) {
    if (!/^[^\s<>"]*$/.test(rest.slice(q + 1))) return null;
    rest = rest.slice(0, q);
  }
  let host: string;
  let after: string;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return null;
    host = rest.slice(0, close + 1);
    after = rest.slice(close + 1);
  } else {
    const end = rest.search(/[:;]/);
    host = end < 0 ? rest : rest.slice(0, end);
    after = end < 0 ? '' : rest.slice(end);
  }
  if (!validHost(host)) return null;
  let port: number | undefined;
  if (after.startsWith(':')) {
    const semi = after.indexOf(';');
    const p = parsePort(semi < 0 ? after.slice(1) : after.slice(1, semi));
    if (p == null) return null;
    port = p;
    after = semi < 0 ? '' : after.slice(semi);
  }
  if (!parseUriParams(after, params)) return null;
  const uri: SipUri = { scheme, host: host.toLowerCase(), params, raw };
  if (user !== undefined) uri.user = user;
  if (port !== undefined) uri.port = port;
  return uri;
}

/** Reads a quoted-string starting at `text[start] === '"'`; returns [unquoted, indexAfter]. */
function readQuoted(text: string, start: number): [string, number] | null {
  let out = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      if (i + 1 >= text.length) return null;
      out += text[++i];
    } else if (c === '"') return [out, i + 1];
    else out += c;
  }
  return null;
}

/**
 * Parses `;name[=value]` generic parameters (token, host or quoted-string values).
 * Returns false on a syntax error.
 */
export function parseGenericParams(text: string, into: Params): boolean {
  let i = 0;
  const n = text.length;
  const skipWs = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  skipWs();
  while (i < n) {
    if (text[i] !== ';') return false;
    i++;
    skipWs();
    let j = i;
    while (j < n && !'=; \t'.includes(text[j]!)) j++;
    const name = text.slice(i, j);
    if (!isToken(name)) return false;
    i = j;
    skipWs();
    if (text[i] === '=') {
      i++;
      skipWs();
      if (text[i] === '"') {
        const q = readQuoted(text, i);
        if (!q) return false;
        into.set(name.toLowerCase(), q[0]);
        i = q[1];
      } else {
        j = i;
        while (j < n && !'; \t'.includes(text[j]!)) j++;
        const value = text.slice(i, j);
        if (!value || !/^(?:[A-Za-z0-9\-.!%*_+`'~:]+|\[[0-9A-Fa-f:.]+\])$/.test(value)) return false;
        into.set(name.toLowerCase(), value);
        i = j;
      }
    } else into.set(name.toLowerCase(), null);
    skipWs();
  }
  return true;
}

export function parseNameAddr(input: string): NameAddr | null {
  const raw = input.trim();
  let i = 0;
  let displayName: string | undefined;
  let uriText: string;
  let rest: string;
  if (raw.startsWith('"')) {
    const q = readQuoted(raw, 0);
    if (!q) return null;
    displayName = q[0];
    i = q[1];
    while (raw[i] === ' ' || raw[i] === '\t') i++;
    if (raw[i] !== '<') return null;
  }
  const lt = raw.indexOf('<', i);
  if (lt >= 0) {
    if (displayName === undefined) {
      const name = raw.slice(0, lt).trim();
      if (name) {
        if (!name.split(/[ \t]+/).every(isToken)) return null;
        displayName = name;
      }
    }
    const gt = raw.indexOf('>', lt);
    if (gt < 0) return null;
    uriText = raw.slice(lt + 1, gt);
    rest = raw.slice(gt + 1);
  } else {
    // addr-spec: parameters after the URI are header parameters (RFC 3261 §20.10).
    const semi = raw.indexOf(';');
    uriText = semi < 0 ? raw : raw.slice(0, semi);
    rest = semi < 0 ? '' : raw.slice(semi);
    if (/[\s,?]/.test(uriText)) return null;
  }
  const uri = parseUri(uriText);
  if (!uri) return null;
  const params: Params = new Map();
  if (!parseGenericParams(rest, params)) return null;
  const result: NameAddr = { uri, params, raw };
  if (displayName !== undefined) result.displayName = displayName;
  return result;
}

const VIA =
  /^SIP[ \t]*\/[ \t]*2\.0[ \t]*\/[ \t]*([A-Za-z0-9\-.!%*_+`'~]+)[ \t\r\n]+(\[[0-9A-Fa-f:.]+\]|[^\s:;]+)(?:[ \t]*:[ \t]*(\d{1,5}))?(.*)$/i;

export function parseVia(input: string): Via | null {
  const raw = input.trim();
  const m = VIA.exec(raw);
  if (!m) return null;
  const host = m[2]!;
  if (!validHost(host)) return null;
  const params: Params = new Map();
  if (!parseGenericParams(m[4]!, params)) return null;
  const via: Via = { transport: m[1]!.toUpperCase(), host: host.toLowerCase(), params, raw };
  if (m[3] !== undefined) {
    const port = parsePort(m[3]);
    if (port == null) return null;
    via.port = port;
  }
  const branch = params.get('branch');
  if (branch) via.branch = branch;
  return via;
}

const CSEQ = /^(\d{1,10})[ \t]+([A-Za-z0-9\-.!%*_+`'~]+)$/;

export function parseCSeq(text: string): { seq: number; method: string } | null {
  const m = CSEQ.exec(text.trim());
  if (!m) return null;
  const seq = Number(m[1]);
  return seq < 2 ** 31 ? { seq, method: m[2]! } : null;
}

/**
 * Splits on `separator` outside quoted strings (a backslash escapes inside them) and, with `angles`,
 * outside `<…>`. The parts are returned as they are (not trimmed).
 */
export function splitUnquoted(value: string, separator: string, angles = false): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (angles && c === '<') angle = true;
    else if (angles && c === '>') angle = false;
    else if (c === separator && !angle) {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out;
}

/** Splits a header value on commas that are outside quotes and angle brackets. */
export function splitList(value: string): string[] {
  if (!value.includes(',')) return [value.trim()];
  return splitUnquoted(value, ',', true)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** Our hand-written grammar (the default). */
export const fastGrammar: SipGrammar = {
  name: 'fast',
  uri: parseUri,
  nameAddr: parseNameAddr,
  via: parseVia,
};

/** Reads `token` or `"quoted"` parameter lists such as Digest credentials: `a="x", b=y`. */
export function parseAuthParams(text: string): Map<string, string> | null {
  const out = new Map<string, string>();
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === ',')) i++;
    if (i >= n) break;
    let j = i;
    while (j < n && text[j] !== '=' && text[j] !== ' ' && text[j] !== '\t') j++;
    const name = text.slice(i, j).toLowerCase();
    if (!isToken(name)) return null;
    i = j;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] !== '=') return null;
    i++;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    let value: string;
    if (text[i] === '"') {
      const q = readQuoted(text, i);
      if (!q) return null;
      [value, i] = q;
    } else {
      j = i;
      while (j < n && text[j] !== ',' && text[j] !== ' ' && text[j] !== '\t') j++;
      value = text.slice(i, j);
      i = j;
    }
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}
