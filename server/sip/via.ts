/**
 * The server transport's one edit of a received request (RFC 3261 §18.2.1, RFC 3581 §4): the top Via
 * records where the request really came from, so every response to it, ours or one relayed back down
 * the Via stack, says so too.
 *  - `received=<source IP>` when the sent-by host is not that address (always for a browser, whose
 *    sent-by is a made-up `*.invalid` name), or when `rport` is filled;
 *  - `rport=<source port>` in place of an `rport` without a value (the client asked for it).
 * A `received` the client wrote itself is replaced. The IP is written bare (`received` takes an
 * IPv4address or IPv6address, no brackets), an IPv4-mapped IPv6 source as plain IPv4.
 */
import { isIP } from 'node:net';
import { splitUnquoted, type SipGrammar, type Via } from './grammar';
import type { SipHeader, SipRequest } from './message';

/** Where a request came from: the peer of the socket it arrived on. */
export interface PacketSource {
  ip: string;
  /** Undefined when unknown (then an `rport` is left unfilled). */
  port?: number;
}

/** The address as `received` writes it (`::ffff:10.0.0.1` → `10.0.0.1`), or undefined when not an IP. */
export function receivedAddress(ip: string): string | undefined {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  const address = mapped ? mapped[1]! : ip;
  return isIP(address) === 0 ? undefined : address.toLowerCase();
}

/**
 * The Via header value `value` (parsed as `via`) with `received`/`rport` set for a request from
 * `source`; the same string when nothing needs adding.
 */
export function stampVia(value: string, via: Via, source: PacketSource): string {
  const ip = receivedAddress(source.ip);
  if (ip === undefined) return value;
  const fillRport = via.params.has('rport') && via.params.get('rport') === null && source.port !== undefined;
  const sentBy = via.host.replace(/^\[(.*)\]$/, '$1');
  const differs = sentBy !== ip;
  if (!differs && !fillRport && via.params.get('received') === undefined) return value;
  const [sent, ...params] = splitUnquoted(value, ';');
  const kept: string[] = [];
  for (const param of params) {
    const name = param.split('=')[0]!.trim().toLowerCase();
    if (name === 'received') continue;
    kept.push(name === 'rport' && fillRport ? `rport=${source.port}` : param.trim());
  }
  // `received` goes right after the sent-by, like RFC 3581's examples and Kamailio.
  if (differs || fillRport) kept.unshift(`received=${ip}`);
  return [sent!.trimEnd(), ...kept].join(';');
}

/**
 * `headers` with the first Via stamped for `source` (see stampVia), and that Via parsed again; the
 * same array when the top Via is missing or unreadable, or needs nothing.
 */
export function stampTopVia(
  headers: SipHeader[],
  grammar: SipGrammar,
  source: PacketSource,
): { headers: SipHeader[]; via?: Via } {
  const index = headers.findIndex((h) => h.key === 'via');
  if (index < 0) return { headers };
  const top = headers[index]!;
  const via = grammar.via(top.value);
  if (!via) return { headers };
  const value = stampVia(top.value, via, source);
  if (value === top.value) return { headers, via };
  const stamped = grammar.via(value);
  if (!stamped) return { headers, via };
  const out = headers.slice();
  out[index] = { ...top, value };
  return { headers: out, via: stamped };
}

/** `req` as the server sees it from `source`: its top Via stamped (see stampVia). */
export function stampRequest(req: SipRequest, source: PacketSource): SipRequest {
  const { headers, via } = stampTopVia(req.headers, req.grammarUsed, source);
  return headers === req.headers || !via ? req : req.withHeaders(headers, via);
}
