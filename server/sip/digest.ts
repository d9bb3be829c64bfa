/**
 * HTTP Digest authentication for SIP (RFC 3261 §22, RFC 2617 / RFC 8760 with MD5, qop=auth).
 *
 * Nonces are stateless: base64url(6-byte ms timestamp ‖ 4-byte counter ‖ HMAC-SHA256 tag),
 * signed with a per-process secret, so any nonce we issued can be checked without a table.
 * Replay protection keeps the highest `nc` seen per nonce in a fixed ring indexed by the
 * nonce counter (4 bytes × 2^20 slots = 4 MiB, whatever the REGISTER rate); a nonce whose
 * slot has been reused since is answered with `stale=true`, and the client simply retries.
 * A wrong response burns its nonce: the slot is marked, and every later use of that nonce fails,
 * so each guess costs a fresh challenge round trip.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseAuthParams, parseUri } from './grammar';

export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** HA1 = MD5(username:realm:password): what the server stores instead of the password. */
export function computeHa1(username: string, realm: string, password: string): string {
  return md5(`${username}:${realm}:${password}`);
}

export interface DigestInput {
  ha1: string;
  method: string;
  uri: string;
  nonce: string;
  /** With qop=auth: nc (8 hex digits) and cnonce. Without qop: the RFC 2069 form. */
  qop?: 'auth';
  nc?: string;
  cnonce?: string;
}

export function computeDigestResponse(input: DigestInput): string {
  const ha2 = md5(`${input.method}:${input.uri}`);
  if (input.qop === 'auth') {
    return md5(`${input.ha1}:${input.nonce}:${input.nc}:${input.cnonce}:auth:${ha2}`);
  }
  return md5(`${input.ha1}:${input.nonce}:${ha2}`);
}

export interface DigestCredentials {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm?: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
}

/** Parses an `Authorization` / `Proxy-Authorization` value (`Digest k=v, ...`). */
export function parseCredentials(value: string): DigestCredentials | null {
  const m = /^\s*Digest\s+(.*)$/is.exec(value);
  if (!m) return null;
  const params = parseAuthParams(m[1]!);
  if (!params) return null;
  const username = params.get('username');
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  const uri = params.get('uri');
  const response = params.get('response');
  if (username === undefined || realm === undefined || !nonce || !uri || !response) return null;
  const creds: DigestCredentials = { username, realm, nonce, uri, response };
  for (const key of ['algorithm', 'qop', 'nc', 'cnonce'] as const) {
    const v = params.get(key);
    if (v !== undefined) creds[key] = v;
  }
  return creds;
}

export type DigestFailure =
  | 'missing'
  | 'malformed'
  | 'realm'
  | 'algorithm'
  | 'qop'
  | 'uri-mismatch'
  | 'bad-nonce'
  | 'unknown-user'
  | 'bad-response'
  | 'stale'
  | 'replay'
  | 'burned';

export type DigestVerdict =
  { ok: true; username: string } | { ok: false; reason: DigestFailure; username?: string; stale: boolean };

export interface DigestAuthenticatorOptions {
  realm: string;
  nonceTtlMs: number;
  lookupHa1: (username: string) => string | undefined;
  secret?: Buffer;
  now?: () => number;
  /** log2 of the replay window (nonces tracked at once); default 20. */
  replayWindowBits?: number;
}

const NONCE_BODY = 10; // 6 bytes time + 4 bytes counter
const NONCE_TAG = 12;
/** ncSeen value of a nonce that saw a wrong response. */
const BURNED = 0xffffffff;

export class DigestAuthenticator {
  readonly realm: string;
  private readonly secret: Buffer;
  private readonly ttl: number;
  private readonly now: () => number;
  private readonly lookupHa1: (username: string) => string | undefined;
  private counter = 0;
  /** Highest nc accepted per nonce, at index `counter & mask`; 0 = unused. */
  private readonly ncSeen: Uint32Array;
  private readonly mask: number;

  constructor(options: DigestAuthenticatorOptions) {
    this.realm = options.realm;
    this.secret = options.secret ?? randomBytes(32);
    this.ttl = options.nonceTtlMs;
    this.now = options.now ?? Date.now;
    this.lookupHa1 = options.lookupHa1;
    const bits = options.replayWindowBits ?? 20;
    this.ncSeen = new Uint32Array(2 ** bits);
    this.mask = 2 ** bits - 1;
  }

  createNonce(): string {
    const out = Buffer.allocUnsafe(NONCE_BODY + NONCE_TAG);
    out.writeUIntBE(this.now(), 0, 6);
    this.counter = (this.counter + 1) >>> 0;
    this.ncSeen[this.counter & this.mask] = 0;
    out.writeUInt32BE(this.counter, 6);
    createHmac('sha256', this.secret)
      .update(out.subarray(0, NONCE_BODY))
      .digest()
      .copy(out, NONCE_BODY, 0, NONCE_TAG);
    return out.toString('base64url');
  }

  /** Issue time and counter of a nonce we signed, or undefined when it is not one of ours. */
  private readNonce(nonce: string): { issued: number; counter: number } | undefined {
    const raw = Buffer.from(nonce, 'base64url');
    if (raw.length !== NONCE_BODY + NONCE_TAG || raw.toString('base64url') !== nonce) return undefined;
    const tag = createHmac('sha256', this.secret).update(raw.subarray(0, NONCE_BODY)).digest();
    if (!timingSafeEqual(tag.subarray(0, NONCE_TAG), raw.subarray(NONCE_BODY))) return undefined;
    return { issued: raw.readUIntBE(0, 6), counter: raw.readUInt32BE(6) };
  }

  /** Value for a WWW-Authenticate / Proxy-Authenticate header. */
  challenge(stale = false): string {
    return `Digest realm="${this.realm}", nonce="${this.createNonce()}", algorithm=MD5, qop="auth"${
      stale ? ', stale=true' : ''
    }`;
  }

  /**
   * Picks, among several Authorization values, the one for our realm (RFC 3261 §22.3).
   */
  pick(values: readonly string[]): string | undefined {
    return values.find((value) => realmOf(value) === this.realm) ?? values[0];
  }

  verify(method: string, requestUri: string, header: string | undefined): DigestVerdict {
    const fail = (reason: DigestFailure, username?: string, stale = false): DigestVerdict =>
      username === undefined ? { ok: false, reason, stale } : { ok: false, reason, username, stale };
    if (!header) return fail('missing');
    const c = parseCredentials(header);
    if (!c) return fail('malformed');
    if (c.realm !== this.realm) return fail('realm', c.username);
    if (c.algorithm !== undefined && c.algorithm.toUpperCase() !== 'MD5')
      return fail('algorithm', c.username);
    // We always offer qop="auth", so RFC 2617 clients must use it.
    if (c.qop !== 'auth' || !c.nc || !/^[0-9a-fA-F]{8}$/.test(c.nc) || !c.cnonce)
      return fail('qop', c.username);
    if (!sameUri(c.uri, requestUri)) return fail('uri-mismatch', c.username);
    const nonce = this.readNonce(c.nonce);
    if (nonce === undefined) return fail('bad-nonce', c.username);
    const slot = nonce.counter & this.mask;
    const inWindow = (this.counter - nonce.counter) >>> 0 <= this.mask;
    if (inWindow && this.ncSeen[slot] === BURNED) return fail('burned', c.username);
    const ha1 = this.lookupHa1(c.username);
    if (!ha1) {
      if (inWindow) this.ncSeen[slot] = BURNED;
      return fail('unknown-user', c.username);
    }
    const expected = computeDigestResponse({
      ha1,
      method,
      uri: c.uri,
      nonce: c.nonce,
      qop: 'auth',
      nc: c.nc,
      cnonce: c.cnonce,
    });
    const given = c.response.toLowerCase();
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      if (inWindow) this.ncSeen[slot] = BURNED;
      return fail('bad-response', c.username);
    }
    // The password was right: from here on failures ask for a fresh nonce (stale=true).
    const now = this.now();
    if (now - nonce.issued > this.ttl || nonce.issued - now > 60_000) return fail('stale', c.username, true);
    // Issued so long ago (in nonces) that its replay slot now belongs to a newer one.
    if (!inWindow) return fail('stale', c.username, true);
    const nc = parseInt(c.nc, 16);
    if (nc <= this.ncSeen[slot]!) return fail('replay', c.username, true);
    this.ncSeen[slot] = nc;
    return { ok: true, username: c.username };
  }
}

/** The realm of a credentials header value, without a full parse. */
export function realmOf(value: string): string | undefined {
  return /realm\s*=\s*"([^"]*)"/i.exec(value)?.[1];
}

/** The digest-uri must name the Request-URI; compare textually, then by parsed identity. */
function sameUri(digestUri: string, requestUri: string): boolean {
  if (digestUri === requestUri) return true;
  const a = parseUri(digestUri);
  const b = parseUri(requestUri);
  return (
    !!a &&
    !!b &&
    a.scheme === b.scheme &&
    a.user === b.user &&
    a.host === b.host &&
    (a.port ?? 0) === (b.port ?? 0)
  );
}
