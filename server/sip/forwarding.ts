/**
 * Stateless pieces of proxying (RFC 3261 §16): the request as forwarded to one target, response
 * selection among branches, transaction keys and small map helpers.
 */
import { randomBytes } from 'node:crypto';
import { realmOf } from './digest';
import { header, type SipHeader, type SipRequest } from './message';
import { reasonPhrase, serialize, SERVER_HEADER } from './serialize';
import type { SipConnection } from './transport';

export const MAGIC = 'z9hG4bK';
export const BRANCH_PREFIX = `${MAGIC}.ol.`;

/** A fresh, opaque Via branch of ours (no connection id or counter a peer could learn from). */
export function newBranch(): string {
  return BRANCH_PREFIX + randomBytes(12).toString('base64url');
}

export interface FinalResponse {
  status: number;
  reason: string;
  /** Headers with our Via removed; absent for responses we synthesized. */
  headers?: SipHeader[];
  body?: string;
}

export interface Forwarded {
  text: string;
  via: SipHeader;
  routes: SipHeader[];
  to: SipHeader;
}

/** The request as sent to one target (RFC 3261 §16.6). */
export function buildForward(
  req: SipRequest,
  o: {
    domain: string;
    realm: string;
    branch: string;
    uri: string;
    popRoutes: number;
    recordRoute?: SipHeader;
  },
): Forwarded {
  const via = header('Via', `SIP/2.0/WS ${o.domain};branch=${o.branch}`);
  const out: SipHeader[] = [via];
  const routes: SipHeader[] = [];
  let to = header('To', '');
  let skip = o.popRoutes;
  let sawMaxForwards = false;
  let rrPending = o.recordRoute;
  let afterVia = 1;
  for (const h of req.headers) {
    switch (h.key) {
      case 'via':
        out.push(h);
        afterVia = out.length;
        continue;
      case 'route':
        if (skip > 0) {
          skip--;
          continue;
        }
        routes.push(h);
        break;
      case 'record-route':
        if (rrPending) {
          out.push(rrPending);
          rrPending = undefined;
        }
        break;
      case 'max-forwards':
        if (sawMaxForwards) continue;
        sawMaxForwards = true;
        out.push(header('Max-Forwards', String(Math.max(0, Number(h.value) - 1))));
        continue;
      case 'proxy-authorization':
        // Credentials for our realm were consumed here (RFC 3261 §22.3).
        if (realmOf(h.value) === o.realm) continue;
        break;
      case 'to':
        to = h;
        break;
      case 'content-length':
        continue;
    }
    out.push(h);
  }
  if (rrPending) out.splice(afterVia, 0, rrPending);
  if (!sawMaxForwards) out.push(header('Max-Forwards', '70'));
  return { text: serialize(`${req.method} ${o.uri} SIP/2.0`, out, req.body), via, routes, to };
}

/** RFC 3261 §17.2.3 matching; RFC 2543 clients without a magic-cookie branch fall back to dialog ids. */
export function txnKey(req: SipRequest, conn: SipConnection, method: string): string {
  const branch = req.topVia.branch;
  const m = method === 'ACK' || method === 'CANCEL' ? 'INVITE' : method;
  if (branch?.startsWith(MAGIC)) return `${conn.id}|${branch}|${m}`;
  return `${conn.id}|${req.callId}|${req.cseq.seq}|${req.fromTag ?? ''}|${m}`;
}

/**
 * RFC 3261 §16.7 step 6: 6xx first, else the lowest class, preferring informative 4xx. A 482 Loop
 * Detected comes last: it says the request reached a phone twice (e.g. the one that placed the call),
 * nothing about whether the callee can be reached, so any other branch's answer is the better one.
 */
export function chooseBest(finals: readonly FinalResponse[]): FinalResponse {
  if (finals.length === 0) return { status: 408, reason: reasonPhrase(408) };
  const rank = (s: number): number => {
    if (s >= 600) return 0;
    if (s === 482) return 10_000;
    const cls = Math.floor(s / 100) * 100;
    let within = 2;
    if ([401, 407, 415, 420, 484].includes(s)) within = 0;
    else if (s === 480 || s === 408) within = 3;
    else if (s === 487) within = 4;
    else within = 1;
    return cls * 10 + within;
  };
  return finals.reduce((best, f) => (rank(f.status) < rank(best.status) ? f : best));
}

/** A forwarded 401/407 carries the challenges of every branch (RFC 3261 §16.7 step 7). */
export function withAggregatedChallenges(best: FinalResponse, finals: readonly FinalResponse[]): SipHeader[] {
  const headers = best.headers!;
  if (best.status !== 401 && best.status !== 407) return headers;
  const extra: SipHeader[] = [];
  for (const f of finals) {
    if (f === best || (f.status !== 401 && f.status !== 407) || !f.headers) continue;
    for (const h of f.headers)
      if (h.key === 'www-authenticate' || h.key === 'proxy-authenticate') extra.push(h);
  }
  return extra.length ? [...headers, ...extra] : headers;
}

export function setOf<T>(map: Map<string, Set<T>>, key: string): Set<T> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}

export function deleteFrom<T>(map: Map<string, Set<T>>, key: string, value: T): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

export const shortId = (callId: string) => callId.slice(0, 10);
export const fromUser = (req: SipRequest) => req.from.uri.user ?? req.from.uri.host;

/** A CANCEL or ACK the proxy itself sends down a branch: same Via and Route set as the request. */
export function hopByHop(
  method: 'CANCEL' | 'ACK',
  req: SipRequest,
  branch: { via: SipHeader; routes: SipHeader[]; target: { uri: string } },
  to: string,
  reason?: string,
): string {
  const headers: SipHeader[] = [
    branch.via,
    ...branch.routes,
    header('Max-Forwards', '70'),
    header('From', req.get('from')!),
    header('To', to),
    header('Call-ID', req.callId),
    header('CSeq', `${req.cseq.seq} ${method}`),
  ];
  if (reason) headers.push(header('Reason', reason));
  headers.push(SERVER_HEADER);
  return serialize(`${method} ${branch.target.uri} SIP/2.0`, headers);
}
