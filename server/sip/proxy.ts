/**
 * Transaction-stateful, dialog-stateless proxy (RFC 3261 §16) between WebSocket clients.
 *
 * Routing in two sentences: dialog-creating requests get a Record-Route
 * `<sip:ol.<A>.<B>@<domain>;transport=ws;lr>` naming the caller's connection A and the
 * branch's connection B, so an in-dialog request that comes back with that Route from A goes
 * to B and vice versa (falling back to the registered Contact in the Request-URI if a socket
 * was replaced). Every forwarded request gets our Via whose branch also embeds the upstream
 * connection, so responses are matched to their branch (or, after the transaction is gone,
 * a late 2xx is still relayed statelessly to the right socket).
 *
 * Transports are reliable, so there are no retransmission timers; only Timer C (INVITE) and
 * Timer F (non-INVITE) guard against peers that never answer.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log';
import { realmOf, type DigestAuthenticator } from './digest';
import type { NameAddr } from './grammar';
import type { SipGuestPolicy } from './guests';
import {
  buildResponse,
  header,
  reasonPhrase,
  serialize,
  SERVER_HEADER,
  type SipHeader,
  type SipRequest,
  type SipResponse,
} from './message';
import type { Registrar } from './registrar';
import type { SipConnection } from './transport';

export interface ProxyOptions {
  domain: string;
  isLocalHost(host: string): boolean;
  accountExists(username: string): boolean;
  registrar: Registrar;
  auth: DigestAuthenticator;
  connection(id: string): SipConnection | undefined;
  log: Logger;
  inviteTimeoutMs: number;
  nonInviteTimeoutMs: number;
  /** Guests (webcall customers): authenticated by the policy, confined to one target user. */
  guests?: SipGuestPolicy;
}

export interface ProxyStats {
  transactions: number;
  branches: number;
  calls: number;
}

/** Methods whose out-of-dialog requests create a dialog, and so are record-routed. */
const DIALOG_CREATING = new Set(['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY']);
const ALLOW =
  'INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, INFO, UPDATE, REFER, NOTIFY, SUBSCRIBE, PRACK, REGISTER';
const MAGIC = 'z9hG4bK';
const BRANCH_PREFIX = `${MAGIC}.ol.`;
const FLOW_USER = /^ol\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

interface FinalResponse {
  status: number;
  reason: string;
  /** Headers with our Via removed; absent for responses we synthesized. */
  headers?: SipHeader[];
  body?: string;
}

interface ServerTxn {
  key: string;
  req: SipRequest;
  source: SipConnection;
  isInvite: boolean;
  branches: Branch[];
  /** Status of the final response sent upstream; 0 while none. */
  finalStatus: number;
  lastResponse?: string;
  finals: FinalResponse[];
  cancelled: boolean;
  timer?: NodeJS.Timeout;
  done: boolean;
}

interface Branch {
  id: string;
  txn: ServerTxn;
  conn: SipConnection;
  uri: string;
  via: SipHeader;
  routes: SipHeader[];
  /** To as sent on this branch (no tag): CANCEL repeats it. */
  to: SipHeader;
  state: 'trying' | 'proceeding' | 'done';
  /** Set when a CANCEL must go out as soon as a provisional response arrives. */
  cancelPending?: { reason: string | undefined };
  cancelSent: boolean;
}

export class SipProxy {
  private readonly txns = new Map<string, ServerTxn>();
  private readonly branches = new Map<string, Branch>();
  private readonly txnsBySource = new Map<string, Set<ServerTxn>>();
  private readonly branchesByConn = new Map<string, Set<Branch>>();
  private readonly boot = randomBytes(3).toString('base64url');
  private counter = 0;
  private closed = false;
  private calls = 0;

  constructor(private readonly o: ProxyOptions) {}

  stats(): ProxyStats {
    return { transactions: this.txns.size, branches: this.branches.size, calls: this.calls };
  }

  close(): void {
    this.closed = true;
    for (const txn of this.txns.values()) clearTimeout(txn.timer);
    this.txns.clear();
    this.branches.clear();
    this.txnsBySource.clear();
    this.branchesByConn.clear();
  }

  // ───────────────────────────── requests ─────────────────────────────

  handleRequest(req: SipRequest, conn: SipConnection): void {
    if (this.closed) return;
    if (req.method === 'ACK') return this.handleAck(req, conn);
    if (req.method === 'CANCEL') return this.handleCancel(req, conn);
    const reply = (status: number, options?: Parameters<typeof buildResponse>[2]) =>
      conn.send(buildResponse(req, status, options));

    const key = txnKey(req, conn, req.method);
    const existing = this.txns.get(key);
    if (existing) {
      // A retransmission (should not happen on a reliable transport): repeat our last answer.
      if (existing.lastResponse) conn.send(existing.lastResponse);
      return;
    }

    const proxyRequire = req.get('proxy-require');
    if (proxyRequire !== undefined && req.method !== 'REGISTER') {
      return reply(420, { headers: [header('Unsupported', proxyRequire)] });
    }

    const route = this.ownRoutes(req);
    if (route.foreign) return reply(404, { reason: 'Not Found (cannot route outside this server)' });

    const ruri = req.ruri;
    const toUs = !route.flow && this.o.isLocalHost(ruri.host) && !ruri.user;

    if (req.method === 'REGISTER') {
      if (!toUs) return reply(403, { reason: 'Forbidden (domain not served)' });
      return conn.send(this.o.registrar.handleRegister(req, conn));
    }

    const mf = req.maxForwards;
    if (mf !== undefined && Number.isNaN(mf)) return reply(400, { reason: 'Bad Request (Max-Forwards)' });
    if (toUs || (mf === 0 && req.method === 'OPTIONS')) return this.handleLocal(req, conn);
    if (mf === 0) return reply(483);

    if (route.flow) return this.routeInDialog(req, conn, route.flow, route.count);

    if (ruri.scheme !== 'sip' && ruri.scheme !== 'sips') return reply(416);
    const inDialog = req.toTag !== undefined;
    if (inDialog) {
      // In-dialog but not record-routed by us: only from an authenticated connection.
      if (!this.isAuthenticated(conn)) return reply(403, { reason: 'Forbidden (unknown dialog)' });
    } else if (!this.authorize(req, conn)) return;
    const guestTarget = this.guestTarget(conn);
    if (guestTarget !== undefined && (!this.o.isLocalHost(ruri.host) || ruri.user !== guestTarget)) {
      this.o.log.info(`${req.method} from guest to ${ruri.user ?? ruri.host}: 403 (not the room target)`);
      return reply(403, { reason: 'Forbidden (guests may only call their room target)' });
    }

    let targets: Array<{ conn: SipConnection; uri: string }>;
    if (this.o.isLocalHost(ruri.host)) {
      const user = ruri.user!;
      if (!this.o.accountExists(user)) return reply(404);
      const bindings = this.o.registrar.lookup(user);
      if (bindings.length === 0) {
        if (req.method === 'INVITE')
          this.o.log.info(`call ${short(req.callId)} ${fromUser(req)} → ${user}: 480 offline`);
        return reply(480);
      }
      targets = bindings.map((b) => ({ conn: b.conn, uri: b.contact.uri.raw }));
    } else {
      const binding = this.o.registrar.findByContact(ruri);
      if (!binding) return reply(404, { reason: 'Not Found (domain not served)' });
      targets = [{ conn: binding.conn, uri: req.uri }];
    }
    const recordRoute = !inDialog && DIALOG_CREATING.has(req.method);
    this.forward(req, conn, targets, route.count, recordRoute);
  }

  /** Pops the leading Route entries that point at us; extracts our flow token. */
  private ownRoutes(req: SipRequest): { count: number; flow?: { a: string; b: string }; foreign: boolean } {
    const routes = req.getAll('route');
    let count = 0;
    let flow: { a: string; b: string } | undefined;
    for (const value of routes) {
      const parsed: NameAddr | null = req.nameAddr(value);
      if (!parsed || !this.o.isLocalHost(parsed.uri.host)) break;
      const m = parsed.uri.user ? FLOW_USER.exec(parsed.uri.user) : null;
      if (m && !flow) flow = { a: m[1]!, b: m[2]! };
      count++;
    }
    // A Route to some other host that we cannot reach (we only speak to our own sockets).
    const foreign = count < routes.length && !flow;
    return flow ? { count, flow, foreign } : { count, foreign };
  }

  /** Requests addressed to the server itself. */
  private handleLocal(req: SipRequest, conn: SipConnection): void {
    if (req.method === 'OPTIONS') {
      conn.send(
        buildResponse(req, 200, {
          headers: [header('Allow', ALLOW), header('Accept', 'application/sdp'), header('Supported', 'path')],
        }),
      );
    } else {
      conn.send(buildResponse(req, 405, { headers: [header('Allow', 'OPTIONS, REGISTER')] }));
    }
  }

  /** A connection that registered, or proved a password, on this socket. */
  private isAuthenticated(conn: SipConnection): boolean {
    return conn.identities.size > 0 || this.o.registrar.hasBindingsOn(conn);
  }

  /** The one user a guest connection may reach, or undefined when the connection is not a guest's. */
  private guestTarget(conn: SipConnection): string | undefined {
    const guests = this.o.guests;
    if (!guests) return undefined;
    for (const user of [...conn.identities, ...this.o.registrar.aorsOn(conn)]) {
      const target = guests.allowedTarget(user);
      if (target !== undefined) return target;
    }
    return undefined;
  }

  /**
   * Out-of-dialog requests must come from the From user: either registered over this very
   * connection, or proving it with Proxy-Authorization (RFC 3261 §22.3; sip.js answers 407).
   */
  private authorize(req: SipRequest, conn: SipConnection): boolean {
    const user = req.from.uri.user;
    if (!user || !this.o.isLocalHost(req.from.uri.host)) {
      conn.send(buildResponse(req, 403, { reason: 'Forbidden (From is not a local user)' }));
      return false;
    }
    if (conn.identities.has(user) || this.o.registrar.isRegisteredOn(conn, user)) return true;
    const auth = this.o.auth;
    const verdict = auth.verify(req.method, req.uri, auth.pick(req.getAll('proxy-authorization')));
    if (verdict.ok) {
      if ((this.o.guests?.userOf(verdict.username) ?? verdict.username) !== user) {
        conn.send(buildResponse(req, 403, { reason: 'Forbidden (username does not match From)' }));
        return false;
      }
      conn.identities.add(user);
      return true;
    }
    if (verdict.reason !== 'missing')
      this.o.log.info(`${req.method} from ${user}: proxy auth failed (${verdict.reason})`);
    conn.send(
      buildResponse(req, 407, { headers: [header('Proxy-Authenticate', auth.challenge(verdict.stale))] }),
    );
    return false;
  }

  private routeInDialog(
    req: SipRequest,
    conn: SipConnection,
    flow: { a: string; b: string },
    routeCount: number,
  ) {
    const peerId = conn.id === flow.a ? flow.b : conn.id === flow.b ? flow.a : undefined;
    if (peerId === undefined && (!this.isAuthenticated(conn) || this.guestTarget(conn) !== undefined)) {
      return conn.send(buildResponse(req, 403, { reason: 'Forbidden (not a party of this dialog)' }));
    }
    let target = peerId === undefined ? undefined : this.o.connection(peerId);
    if (!target?.open) target = this.o.registrar.findByContact(req.ruri)?.conn;
    if (!target) {
      return conn.send(buildResponse(req, 480, { reason: 'Temporarily Unavailable (peer disconnected)' }));
    }
    if (req.method === 'BYE') this.o.log.info(`call ${short(req.callId)} ended by ${fromUser(req)}`);
    this.forward(req, conn, [{ conn: target, uri: req.uri }], routeCount, false);
  }

  // ──────────────────────────── forwarding ────────────────────────────

  private nextBranch(source: SipConnection): string {
    this.counter = (this.counter + 1) % 0x7fffffff;
    return `${BRANCH_PREFIX}${source.id}.${this.boot}${this.counter.toString(36)}`;
  }

  /** The request as sent to one target (RFC 3261 §16.6). */
  private buildForward(
    req: SipRequest,
    branchId: string,
    uri: string,
    popRoutes: number,
    recordRoute?: SipHeader,
  ): { text: string; via: SipHeader; routes: SipHeader[]; to: SipHeader } {
    const via = header('Via', `SIP/2.0/WS ${this.o.domain};branch=${branchId}`);
    const out: SipHeader[] = [via];
    const routes: SipHeader[] = [];
    let to = header('To', '');
    let skip = popRoutes;
    let sawMaxForwards = false;
    let rrPending = recordRoute;
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
          if (realmOf(h.value) === this.o.auth.realm) continue;
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
    return { text: serialize(`${req.method} ${uri} SIP/2.0`, out, req.body), via, routes, to };
  }

  private forward(
    req: SipRequest,
    source: SipConnection,
    targets: Array<{ conn: SipConnection; uri: string }>,
    popRoutes: number,
    recordRoute: boolean,
  ): void {
    const isInvite = req.method === 'INVITE';
    const txn: ServerTxn = {
      key: txnKey(req, source, req.method),
      req,
      source,
      isInvite,
      branches: [],
      finalStatus: 0,
      finals: [],
      cancelled: false,
      done: false,
    };
    this.txns.set(txn.key, txn);
    setOf(this.txnsBySource, source.id).add(txn);
    if (isInvite) {
      txn.lastResponse = buildResponse(req, 100);
      source.send(txn.lastResponse);
      if (req.toTag === undefined) {
        this.calls++;
        this.o.log.info(
          `call ${short(req.callId)} ${fromUser(req)} → ${req.ruri.user ?? req.ruri.host}: ${targets.length} branch(es)`,
        );
      }
    }
    for (const target of targets) {
      const id = this.nextBranch(source);
      const rr = recordRoute
        ? header('Record-Route', `<sip:ol.${source.id}.${target.conn.id}@${this.o.domain};transport=ws;lr>`)
        : undefined;
      const built = this.buildForward(req, id, target.uri, popRoutes, rr);
      const branch: Branch = {
        id,
        txn,
        conn: target.conn,
        uri: target.uri,
        via: built.via,
        routes: built.routes,
        to: built.to,
        state: 'trying',
        cancelSent: false,
      };
      txn.branches.push(branch);
      this.branches.set(id, branch);
      setOf(this.branchesByConn, target.conn.id).add(branch);
      target.conn.send(built.text);
    }
    this.arm(txn, isInvite ? this.o.inviteTimeoutMs : this.o.nonInviteTimeoutMs);
  }

  private arm(txn: ServerTxn, ms: number): void {
    clearTimeout(txn.timer);
    txn.timer = setTimeout(() => this.onTimeout(txn), ms);
    txn.timer.unref();
  }

  /** Timer C / Timer F: give up on branches that have not answered. */
  private onTimeout(txn: ServerTxn): void {
    if (txn.done) return this.forget(txn);
    const status = txn.cancelled ? 487 : 408;
    for (const b of txn.branches) {
      if (b.state === 'done') continue;
      if (txn.isInvite && b.state === 'proceeding' && !b.cancelSent) this.sendCancel(b, undefined);
      this.onFinal(b, { status, reason: reasonPhrase(status) });
    }
  }

  // ───────────────────────────── responses ─────────────────────────────

  handleResponse(res: SipResponse, conn: SipConnection): void {
    if (this.closed) return;
    const branchId = res.topVia.branch;
    if (!branchId?.startsWith(BRANCH_PREFIX)) return; // not sent by us
    if (res.cseq.method === 'CANCEL' || res.cseq.method === 'ACK') return; // answers to our own CANCELs
    const headers = res.headers.slice();
    headers.splice(
      headers.findIndex((h) => h.key === 'via'),
      1,
    );
    if (!headers.some((h) => h.key === 'via')) return;
    const branch = this.branches.get(branchId);
    if (!branch) {
      // Transaction gone: relay a late INVITE 2xx statelessly (RFC 3261 §16.7), drop the rest.
      if (res.cseq.method === 'INVITE' && res.status >= 200 && res.status < 300) {
        const sourceId = branchId.slice(BRANCH_PREFIX.length).split('.')[0] ?? '';
        this.o
          .connection(sourceId)
          ?.send(serialize(`SIP/2.0 ${res.status} ${res.reason}`, headers, res.body));
      }
      return;
    }
    if (branch.conn !== conn) return; // responses must come from where the request went
    const txn = branch.txn;
    const text = () => serialize(`SIP/2.0 ${res.status} ${res.reason}`, headers, res.body);

    if (res.status < 200) {
      if (branch.state === 'done') return;
      branch.state = 'proceeding';
      if (branch.cancelPending) this.sendCancel(branch, branch.cancelPending.reason);
      if (res.status > 100 && txn.finalStatus === 0) {
        txn.lastResponse = text();
        txn.source.send(txn.lastResponse);
      }
      return;
    }
    if (branch.state === 'done') {
      if (txn.isInvite && res.status < 300) txn.source.send(text()); // a 2xx is always relayed
      return;
    }
    if (txn.isInvite && res.status >= 300) this.sendAck(branch, res);
    this.onFinal(branch, { status: res.status, reason: res.reason, headers, body: res.body });
  }

  /** A branch reached its final response (received, or synthesized on timeout/close). */
  private onFinal(branch: Branch, final: FinalResponse): void {
    const txn = branch.txn;
    branch.state = 'done';
    if (final.status < 300) {
      const text = final.headers
        ? serialize(`SIP/2.0 ${final.status} ${final.reason}`, final.headers, final.body)
        : buildResponse(txn.req, final.status);
      // Every 2xx to an INVITE goes upstream (each is a dialog); other methods get one final.
      if (txn.isInvite || txn.finalStatus === 0) txn.source.send(text);
      if (txn.finalStatus === 0) {
        txn.finalStatus = final.status;
        txn.lastResponse = text;
        if (txn.isInvite && txn.req.toTag === undefined) {
          this.o.log.info(`call ${short(txn.req.callId)} answered (${final.status}) on ${branch.conn.id}`);
        }
      }
      if (txn.isInvite && txn.branches.some((b) => b.state !== 'done')) {
        this.cancelBranches(txn, 'SIP;cause=200;text="Call completed elsewhere"');
        this.arm(txn, this.o.nonInviteTimeoutMs);
      }
    } else {
      txn.finals.push(final);
      if (txn.isInvite && final.status >= 600) {
        this.cancelBranches(txn, `SIP;cause=${final.status};text="${final.reason.replace(/"/g, '')}"`);
      }
    }
    this.maybeComplete(txn);
  }

  private maybeComplete(txn: ServerTxn): void {
    if (txn.done || txn.branches.some((b) => b.state !== 'done')) return;
    if (txn.finalStatus === 0) {
      const best = chooseBest(txn.finals);
      const status = best.status === 503 ? 500 : best.status; // RFC 3261 §16.7 step 6
      const reason = best.status === 503 ? reasonPhrase(500) : best.reason;
      const text = best.headers
        ? serialize(`SIP/2.0 ${status} ${reason}`, withAggregatedChallenges(best, txn.finals), best.body)
        : buildResponse(txn.req, status, { reason });
      txn.finalStatus = status;
      txn.lastResponse = text;
      txn.source.send(text);
      if (txn.isInvite && txn.req.toTag === undefined) {
        this.o.log.info(`call ${short(txn.req.callId)} failed: ${status} ${reason}`);
      }
    }
    txn.done = true;
    for (const b of txn.branches) {
      this.branches.delete(b.id);
      deleteFrom(this.branchesByConn, b.conn.id, b);
    }
    deleteFrom(this.txnsBySource, txn.source.id, txn);
    if (txn.isInvite && txn.finalStatus >= 300) {
      // Keep the transaction to absorb the caller's ACK for our non-2xx (Timer H-like).
      this.arm(txn, this.o.nonInviteTimeoutMs);
    } else this.forget(txn);
  }

  private forget(txn: ServerTxn): void {
    clearTimeout(txn.timer);
    if (this.txns.get(txn.key) === txn) this.txns.delete(txn.key);
  }

  // ──────────────────────────── ACK / CANCEL ────────────────────────────

  private handleAck(req: SipRequest, conn: SipConnection): void {
    const txn = this.txns.get(txnKey(req, conn, 'INVITE'));
    if (txn && txn.finalStatus >= 300) return this.forget(txn); // hop-by-hop ACK for our non-2xx
    // ACK for a 2xx: its own transaction, routed like any in-dialog request, never answered.
    const route = this.ownRoutes(req);
    const mf = req.maxForwards;
    if (mf === 0 || (mf !== undefined && Number.isNaN(mf))) return;
    let target: SipConnection | undefined;
    if (route.flow) {
      const { a, b } = route.flow;
      const peerId = conn.id === a ? b : conn.id === b ? a : undefined;
      target = peerId === undefined ? undefined : this.o.connection(peerId);
    }
    if (!target?.open) target = this.o.registrar.findByContact(req.ruri)?.conn;
    if (!target && req.ruri.user && this.o.isLocalHost(req.ruri.host)) {
      target = this.o.registrar.lookup(req.ruri.user)[0]?.conn;
    }
    if (!target) return;
    target.send(this.buildForward(req, this.nextBranch(conn), req.uri, route.count).text);
  }

  private handleCancel(req: SipRequest, conn: SipConnection): void {
    const txn = this.txns.get(txnKey(req, conn, 'INVITE'));
    if (!txn) return conn.send(buildResponse(req, 481));
    conn.send(buildResponse(req, 200));
    if (txn.finalStatus !== 0 || txn.cancelled) return;
    txn.cancelled = true;
    this.o.log.info(`call ${short(req.callId)} cancelled by caller`);
    this.cancelBranches(txn, req.get('reason'));
    // Branches now have 64*T1 to answer 487 before we give up on them.
    this.arm(txn, this.o.nonInviteTimeoutMs);
  }

  /** CANCELs every branch still pending (RFC 3261 §16.10); waits for a provisional first. */
  private cancelBranches(txn: ServerTxn, reason: string | undefined): void {
    for (const b of txn.branches) {
      if (b.state === 'done' || b.cancelSent) continue;
      if (b.state === 'proceeding') this.sendCancel(b, reason);
      else b.cancelPending = { reason };
    }
  }

  private sendCancel(branch: Branch, reason: string | undefined): void {
    branch.cancelSent = true;
    branch.cancelPending = undefined;
    const req = branch.txn.req;
    const headers: SipHeader[] = [
      branch.via,
      ...branch.routes,
      header('Max-Forwards', '70'),
      header('From', req.get('from')!),
      branch.to,
      header('Call-ID', req.callId),
      header('CSeq', `${req.cseq.seq} CANCEL`),
    ];
    if (reason) headers.push(header('Reason', reason));
    headers.push(SERVER_HEADER);
    branch.conn.send(serialize(`CANCEL ${branch.uri} SIP/2.0`, headers));
  }

  /** Hop-by-hop ACK for a non-2xx final response to an INVITE branch (RFC 3261 §17.1.1.3). */
  private sendAck(branch: Branch, res: SipResponse): void {
    const req = branch.txn.req;
    const headers: SipHeader[] = [
      branch.via,
      ...branch.routes,
      header('Max-Forwards', '70'),
      header('From', req.get('from')!),
      header('To', res.get('to') ?? branch.to.value),
      header('Call-ID', req.callId),
      header('CSeq', `${req.cseq.seq} ACK`),
      SERVER_HEADER,
    ];
    branch.conn.send(serialize(`ACK ${branch.uri} SIP/2.0`, headers));
  }

  // ─────────────────────────── connection loss ───────────────────────────

  /** A WebSocket closed: fail branches that were waiting on it, cancel calls it placed. */
  connectionClosed(conn: SipConnection): void {
    if (this.closed) return;
    for (const b of [...(this.branchesByConn.get(conn.id) ?? [])]) {
      if (b.state !== 'done') this.onFinal(b, { status: 480, reason: 'Temporarily Unavailable' });
    }
    this.branchesByConn.delete(conn.id);
    for (const txn of [...(this.txnsBySource.get(conn.id) ?? [])]) {
      if (txn.isInvite && txn.finalStatus === 0 && !txn.cancelled) {
        txn.cancelled = true;
        this.cancelBranches(txn, undefined);
        this.arm(txn, this.o.nonInviteTimeoutMs);
      }
    }
  }
}

/** RFC 3261 §17.2.3 matching; RFC 2543 clients without a magic-cookie branch fall back to dialog ids. */
function txnKey(req: SipRequest, conn: SipConnection, method: string): string {
  const branch = req.topVia.branch;
  const m = method === 'ACK' || method === 'CANCEL' ? 'INVITE' : method;
  if (branch?.startsWith(MAGIC)) return `${conn.id}|${branch}|${m}`;
  return `${conn.id}|${req.callId}|${req.cseq.seq}|${req.fromTag ?? ''}|${m}`;
}

/** RFC 3261 §16.7 step 6: 6xx first, else the lowest class, preferring informative 4xx. */
export function chooseBest(finals: readonly FinalResponse[]): FinalResponse {
  if (finals.length === 0) return { status: 408, reason: reasonPhrase(408) };
  const rank = (s: number): number => {
    if (s >= 600) return 0;
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
function withAggregatedChallenges(best: FinalResponse, finals: readonly FinalResponse[]): SipHeader[] {
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

function setOf<T>(map: Map<string, Set<T>>, key: string): Set<T> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}

function deleteFrom<T>(map: Map<string, Set<T>>, key: string, value: T): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

const short = (callId: string) => callId.slice(0, 10);
const fromUser = (req: SipRequest) => req.from.uri.user ?? req.from.uri.host;
