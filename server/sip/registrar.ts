/**
 * Registrar (RFC 3261 §10.3) with digest authentication. Bindings live in memory, keyed by
 * address-of-record (the username), and each is tied to the WebSocket it arrived on:
 * browsers put `.invalid` hosts in Contact, so that connection is the only route back.
 * A binding ends on expiry, on an unregister, or when its WebSocket closes.
 * A contact URI belongs to one AOR: registering it for another is refused (403), also for a
 * while after its socket closed, so a peer that learned it cannot take over its in-dialog traffic.
 */
import type { Logger } from '../log';
import type { DigestAuthenticator } from './digest';
import type { AuthThrottle } from './throttle';
import type { SipGuestPolicy } from './guests';
import type { NameAddr, Params, SipUri } from './grammar';
import { header, type SipRequest, type SipHeader } from './message';
import { buildResponse } from './serialize';
import type { SipConnection } from './transport';

export interface Binding {
  aor: string;
  contact: NameAddr;
  /** Normalized contact URI used to match refreshes and in-dialog Request-URIs. */
  key: string;
  expiresAt: number;
  callId: string;
  cseq: number;
  conn: SipConnection;
}

export interface RegistrarOptions {
  domain: string;
  isLocalHost(host: string): boolean;
  accountExists(username: string): boolean;
  auth: DigestAuthenticator;
  throttle: AuthThrottle;
  log: Logger;
  minExpires: number;
  maxExpires: number;
  defaultExpires: number;
  /** Most contacts one AOR may hold. */
  maxBindingsPerAor?: number;
  now?: () => number;
  /** Guests (webcall customers) that may register without an account. */
  guests?: SipGuestPolicy;
  /** How long a closed socket's contacts stay reserved for their AOR (so its owner can come back). */
  contactHoldMs?: number;
  /** Why an account may not register now (disabled, company not allowed); undefined: may. */
  refusal?(username: string): string | undefined;
}

export interface RegistrarStats {
  aors: number;
  bindings: number;
  registers: number;
}

/** Identity of a contact URI (RFC 3261 §19.1.4, simplified: scheme, user, host, port). */
export function contactKey(uri: SipUri): string {
  return `${uri.scheme}:${uri.user ?? ''}@${uri.host}:${uri.port ?? ''}`;
}

function formatParams(params: Params, skip: string): string {
  let out = '';
  for (const [name, value] of params) {
    if (name === skip) continue;
    if (value === null) out += `;${name}`;
    else if (/^[A-Za-z0-9\-.!%*_+`'~:[\]]+$/.test(value)) out += `;${name}=${value}`;
    else out += `;${name}="${value.replace(/(["\\])/g, '\\$1')}"`;
  }
  return out;
}

export class Registrar {
  private readonly byAor = new Map<string, Binding[]>();
  private readonly byConn = new Map<string, Set<Binding>>();
  private readonly byKey = new Map<string, Binding>();
  /** Contacts of closed sockets, still reserved for their AOR until `until`. */
  private readonly held = new Map<string, { aor: string; until: number }>();
  private readonly now: () => number;
  private readonly maxPerAor: number;
  private registers = 0;

  constructor(private readonly options: RegistrarOptions) {
    this.now = options.now ?? Date.now;
    this.maxPerAor = options.maxBindingsPerAor ?? 16;
  }

  stats(): RegistrarStats {
    let bindings = 0;
    for (const list of this.byAor.values()) bindings += list.length;
    return { aors: this.byAor.size, bindings, registers: this.registers };
  }

  /** Live bindings of an AOR (username), newest first. */
  lookup(aor: string): Binding[] {
    const list = this.byAor.get(aor);
    if (!list) return [];
    const now = this.now();
    return list.filter((b) => b.expiresAt > now && b.conn.open);
  }

  /** The binding whose contact is this URI (in-dialog requests target contacts). */
  findByContact(uri: SipUri): Binding | undefined {
    const b = this.byKey.get(contactKey(uri));
    return b && b.expiresAt > this.now() && b.conn.open ? b : undefined;
  }

  /** Whether `conn` holds a live registration for `aor`. */
  isRegisteredOn(conn: SipConnection, aor: string): boolean {
    const set = this.byConn.get(conn.id);
    if (!set) return false;
    const now = this.now();
    for (const b of set) if (b.aor === aor && b.expiresAt > now) return true;
    return false;
  }

  /** AORs with a binding that arrived over `conn`. */
  aorsOn(conn: SipConnection): string[] {
    return [...new Set([...(this.byConn.get(conn.id) ?? [])].map((b) => b.aor))];
  }

  /** Users this connection proved: registered over it, or authenticated a request on it. */
  identitiesOf(conn: SipConnection): Set<string> {
    return new Set([...conn.identities, ...this.aorsOn(conn)]);
  }

  /** The AOR that owns a contact URI (bound now or held after its socket closed), if any. */
  private ownerOf(key: string): string | undefined {
    const bound = this.byKey.get(key);
    if (bound && bound.expiresAt > this.now()) return bound.aor;
    const held = this.held.get(key);
    return held && held.until > this.now() ? held.aor : undefined;
  }

  /** Whether any live binding arrived over `conn`. */
  hasBindingsOn(conn: SipConnection): boolean {
    return (this.byConn.get(conn.id)?.size ?? 0) > 0;
  }

  /** Handles a REGISTER addressed to our domain; returns the serialized response. */
  handleRegister(req: SipRequest, conn: SipConnection): string {
    const { auth, log } = this.options;
    this.registers++;
    const toUri = req.to.uri;
    if ((toUri.scheme !== 'sip' && toUri.scheme !== 'sips') || !toUri.user) {
      return buildResponse(req, 404, { reason: 'Not Found (bad address-of-record)' });
    }
    if (!this.options.isLocalHost(toUri.host)) {
      return buildResponse(req, 404, { reason: 'Not Found (domain not served)' });
    }

    const verdict = this.options.throttle.verify(
      auth,
      req.method,
      req.uri,
      auth.pick(req.getAll('authorization')),
      conn.ip,
    );
    if (!verdict.ok && verdict.reason === 'locked') {
      return buildResponse(req, 403, {
        reason: 'Forbidden (too many failed attempts, try again later)',
        headers: [header('Retry-After', String(verdict.retryAfterS))],
      });
    }
    if (!verdict.ok) {
      if (verdict.reason !== 'missing' && verdict.reason !== 'bad-response') {
        log.info(`register ${toUri.user} from ${conn.remote}: auth failed (${verdict.reason})`);
      }
      return buildResponse(req, 401, {
        headers: [header('WWW-Authenticate', auth.challenge(verdict.stale))],
      });
    }
    const aor = toUri.user;
    const identity = this.options.guests?.userOf(verdict.username) ?? verdict.username;
    if (identity !== aor) {
      log.info(`register ${aor}: authenticated as ${verdict.username}, refused`);
      return buildResponse(req, 403, { reason: 'Forbidden (username does not match To)' });
    }
    if (!this.options.accountExists(aor) && this.options.guests?.allowedTarget(aor) === undefined) {
      return buildResponse(req, 404);
    }
    const refused = this.options.refusal?.(aor);
    if (refused) {
      log.info(`register ${aor}: refused (${refused})`);
      return buildResponse(req, 403, { reason: `Forbidden (${refused})` });
    }

    const contacts = req.contacts();
    if (contacts === null) return buildResponse(req, 400, { reason: 'Bad Request (malformed Contact)' });
    const expiresHeader = req.get('expires');
    const headerExpires =
      expiresHeader !== undefined && /^\d{1,10}$/.test(expiresHeader) ? Number(expiresHeader) : undefined;
    const now = this.now();

    if (contacts === '*') {
      if (headerExpires !== 0)
        return buildResponse(req, 400, { reason: 'Bad Request (wildcard needs Expires: 0)' });
      const removed = this.byAor.get(aor)?.length ?? 0;
      for (const b of this.byAor.get(aor) ?? []) this.remove(b);
      if (removed) log.info(`register ${aor}: removed all ${removed} binding(s)`);
      return this.ok(req, aor);
    }

    // Validate every contact before changing anything (the update is all-or-nothing).
    const planned: Array<{ contact: NameAddr; key: string; expires: number; existing?: Binding }> = [];
    for (const contact of contacts) {
      const raw = contact.params.get('expires');
      let expires =
        raw != null && /^\d{1,10}$/.test(raw) ? Number(raw) : (headerExpires ?? this.options.defaultExpires);
      if (expires > 0 && expires < this.options.minExpires) {
        return buildResponse(req, 423, { headers: [header('Min-Expires', String(this.options.minExpires))] });
      }
      expires = Math.min(expires, this.options.maxExpires);
      const key = contactKey(contact.uri);
      const owner = this.ownerOf(key);
      if (owner !== undefined && owner !== aor) {
        log.info(`register ${aor} from ${conn.remote}: contact owned by another user, refused`);
        return buildResponse(req, 403, { reason: 'Forbidden (contact is bound to another user)' });
      }
      const existing = this.byAor.get(aor)?.find((b) => b.key === key);
      if (existing && existing.callId === req.callId && req.cseq.seq <= existing.cseq) {
        return buildResponse(req, 500, {
          reason: 'Server Internal Error (out-of-order CSeq)',
          headers: [header('Retry-After', '1')],
        });
      }
      planned.push(existing ? { contact, key, expires, existing } : { contact, key, expires });
    }
    const current = this.byAor.get(aor)?.length ?? 0;
    const added = planned.filter((p) => !p.existing && p.expires > 0).length;
    if (current + added > this.maxPerAor) {
      return buildResponse(req, 403, { reason: `Forbidden (at most ${this.maxPerAor} registrations)` });
    }

    for (const p of planned) {
      if (p.expires === 0) {
        if (p.existing) {
          this.remove(p.existing);
          log.info(`register ${aor}: -binding ${conn.id} (${this.byAor.get(aor)?.length ?? 0} left)`);
        }
        continue;
      }
      const expiresAt = now + p.expires * 1000;
      if (p.existing) {
        const b = p.existing;
        if (b.conn !== conn) {
          this.byConn.get(b.conn.id)?.delete(b);
          b.conn = conn;
          this.connSet(conn).add(b);
        }
        b.contact = p.contact;
        b.expiresAt = expiresAt;
        b.callId = req.callId;
        b.cseq = req.cseq.seq;
        log.debug(`register ${aor}: refreshed ${conn.id} for ${p.expires}s`);
      } else {
        const b: Binding = {
          aor,
          contact: p.contact,
          key: p.key,
          expiresAt,
          callId: req.callId,
          cseq: req.cseq.seq,
          conn,
        };
        const list = this.byAor.get(aor) ?? [];
        list.unshift(b);
        this.byAor.set(aor, list);
        this.connSet(conn).add(b);
        this.byKey.set(p.key, b);
        this.held.delete(p.key);
        log.info(
          `register ${aor}: +binding ${conn.id} ${conn.remote} for ${p.expires}s (${list.length} total)`,
        );
      }
    }
    return this.ok(req, aor);
  }

  /** 200 OK listing every current binding with its remaining lifetime (§10.3 step 8). */
  private ok(req: SipRequest, aor: string): string {
    const now = this.now();
    const headers: SipHeader[] = this.lookup(aor).map((b) =>
      header(
        'Contact',
        `<${b.contact.uri.raw}>${formatParams(b.contact.params, 'expires')};expires=${Math.max(
          0,
          Math.round((b.expiresAt - now) / 1000),
        )}`,
      ),
    );
    headers.push(header('Date', new Date(now).toUTCString()));
    return buildResponse(req, 200, { headers });
  }

  private connSet(conn: SipConnection): Set<Binding> {
    let set = this.byConn.get(conn.id);
    if (!set) {
      set = new Set();
      this.byConn.set(conn.id, set);
    }
    return set;
  }

  private remove(b: Binding): void {
    const list = this.byAor.get(b.aor);
    if (list) {
      const i = list.indexOf(b);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.byAor.delete(b.aor);
    }
    const set = this.byConn.get(b.conn.id);
    if (set) {
      set.delete(b);
      if (set.size === 0) this.byConn.delete(b.conn.id);
    }
    if (this.byKey.get(b.key) === b) this.byKey.delete(b.key);
  }

  /** Drops every binding that arrived over `conn` (its WebSocket closed). */
  dropConnection(conn: SipConnection): void {
    const set = this.byConn.get(conn.id);
    if (!set) return;
    const until = this.now() + (this.options.contactHoldMs ?? 0);
    for (const b of [...set]) {
      this.remove(b);
      if (until > this.now()) this.held.set(b.key, { aor: b.aor, until });
      this.options.log.info(`register ${b.aor}: -binding ${conn.id} (socket closed)`);
    }
    this.byConn.delete(conn.id);
  }

  /** Removes expired bindings (called periodically). */
  sweep(now = this.now()): void {
    for (const [key, held] of this.held) if (held.until <= now) this.held.delete(key);
    for (const list of [...this.byAor.values()]) {
      for (const b of [...list]) {
        if (b.expiresAt <= now) {
          this.remove(b);
          this.options.log.info(`register ${b.aor}: -binding ${b.conn.id} (expired)`);
        }
      }
    }
  }
}
