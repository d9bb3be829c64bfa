/**
 * Routing and authorization of the proxy (RFC 3261 §16) between WebSocket clients; the transaction
 * work is in ./transactions.ts, dialog liveness in ./dialogs.ts.
 *
 * Routing in two sentences: dialog-creating requests get a Record-Route `<sip:ol.<token>@<domain>;lr>`
 * whose sealed token names both connections and both AORs, so an in-dialog request that comes back
 * with it from a party goes to the other party (or, if that socket was replaced, to the binding of the
 * other party's AOR whose contact is the Request-URI). Who may send what:
 *  - out-of-dialog requests: From must be a user this connection registered or proved (407 otherwise);
 *  - in-dialog requests and ACKs: a valid token from one of its parties (its connection, or a
 *    connection where that party's AOR proved itself); without our token, From must be proven here;
 *  - guests reach their one target only; bodies are capped per method (413).
 */
import type { Logger } from '../log';
import { authorizeSender } from './authorize';
import type { DigestAuthenticator } from './digest';
import { DialogTracker } from './dialogs';
import { buildForward, fromUser, newBranch, shortId } from './forwarding';
import { parseUri, type NameAddr } from './grammar';
import type { SipGuestPolicy } from './guests';
import { agentFailover, type LocalAgent } from './local-agent';
import type { LocalEventServer } from './local-events';
import { maxBodyBytes, type SipLimits } from './limits';
import { header, type SipRequest, type SipResponse } from './message';
import type { Registrar } from './registrar';
import { buildResponse } from './serialize';
import type { AuthThrottle } from './throttle';
import { TokenSealer } from './tokens';
import { TransactionLayer, type Target } from './transactions';
import type { SipConnection } from './transport';
import type { MessageTap, OfflineMessages, UnreachableCall, UnreachableCallee } from './unreachable';

export interface ProxyOptions {
  domain: string;
  isLocalHost(host: string): boolean;
  accountExists(username: string): boolean;
  registrar: Registrar;
  auth: DigestAuthenticator;
  throttle: AuthThrottle;
  connection(id: string): SipConnection | undefined;
  log: Logger;
  inviteTimeoutMs: number;
  nonInviteTimeoutMs: number;
  limits: SipLimits;
  /** Guests (webcall customers): authenticated by the policy, confined to one target user. */
  guests?: SipGuestPolicy;
  /** Event packages the server notifies itself (MWI: server/voicemail/mwi.ts). */
  events?: LocalEventServer;
  /** Key for Record-Route tokens (32 bytes); random per process by default. */
  tokenKey?: Buffer;
  /** INVITEs for users with no live binding (push-then-INVITE: server/push/held-invites.ts). */
  unreachable?: UnreachableCallee;
  offline?: OfflineMessages; // MESSAGEs for users with no binding: stored, delivered on REGISTER (server/chat)
  /** Sees the MESSAGEs routed to phones between accounts (chat history: server/chat/history-tap.ts). */
  messages?: MessageTap;
  /** Answers calls nobody takes (voicemail: server/voicemail/deposit-agent.ts). */
  voicemail?: LocalAgent;
  /** Why a local user may not send requests now (disabled, company not allowed). */
  refusal?(username: string): string | undefined;
}

export interface ProxyStats {
  transactions: number;
  branches: number;
  calls: number;
}

/** Counters of the abuse guards (absent for an external SIP server). */
export interface ProxyGuardStats {
  dialogs: number;
  /** Dialogs ended with a BYE because a party's socket closed and did not come back. */
  dialogsEndedByProxy: number;
  /** Requests refused by the transaction caps. */
  transactionsRefused: number;
}

/** Methods whose out-of-dialog requests create a dialog, and so are record-routed. */
const DIALOG_CREATING = new Set(['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY']);
/** The methods this server handles (routes for its users, or answers): OPTIONS' and 501's Allow. */
const METHODS = [
  'INVITE',
  'ACK',
  'CANCEL',
  'BYE',
  'OPTIONS',
  'MESSAGE',
  'INFO',
  'UPDATE',
  'REFER',
  'NOTIFY',
  'SUBSCRIBE',
  'PRACK',
  'REGISTER',
];
const ALLOW = METHODS.join(', ');
const KNOWN_METHODS = new Set(METHODS);
const FLOW_USER = /^ol\.([A-Za-z0-9_-]+)$/;

/** What a Record-Route token says: the two connections and the two AORs of a dialog. */
interface Flow {
  a: string;
  b: string;
  aorA: string;
  aorB: string;
}

export class SipProxy {
  private readonly tx: TransactionLayer;
  private readonly dialogs: DialogTracker;
  private readonly sealer: TokenSealer;
  private closed = false;
  private readonly callListeners = new Set<(parties: [string, string]) => void>();

  constructor(private readonly o: ProxyOptions) {
    this.sealer = new TokenSealer(o.tokenKey);
    this.dialogs = new DialogTracker({
      domain: o.domain,
      graceMs: o.limits.dialogGraceMs,
      log: o.log,
      parseUri,
      changed: (parties) => {
        for (const listener of this.callListeners) listener(parties);
      },
      rebound: (aor, contact) => {
        const b = o.registrar.findByContact(contact);
        return b?.aor === aor ? b.conn : undefined;
      },
    });
    this.tx = new TransactionLayer({
      domain: o.domain,
      realm: o.auth.realm,
      log: o.log,
      inviteTimeoutMs: o.inviteTimeoutMs,
      nonInviteTimeoutMs: o.nonInviteTimeoutMs,
      maxPerConnection: o.limits.maxTransactionsPerConnection,
      maxPerUser: o.limits.maxTransactionsPerUser,
      onDialogConfirmed: (req, source, sender, target, res) =>
        this.dialogs.confirmed(req, { conn: source, aor: sender }, target, res),
    });
  }

  /** Who `aor` is in a confirmed call with (./dialogs.ts). */
  callPeers(aor: string): string[] {
    return this.dialogs.peersOf(aor);
  }

  /** Tells `listener` the two parties of each call that begins or ends, as it happens; returns its removal. */
  onCallChange(listener: (parties: [string, string]) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  stats(): ProxyStats & ProxyGuardStats {
    return {
      transactions: this.tx.size,
      branches: this.tx.branchCount,
      calls: this.tx.calls,
      dialogs: this.dialogs.size,
      dialogsEndedByProxy: this.dialogs.ended,
      transactionsRefused: this.tx.refused,
    };
  }

  close(): void {
    this.closed = true;
    this.tx.close();
    this.dialogs.close();
  }

  /** A connection that registered, or proved a password, on this socket. */
  isAuthenticated(conn: SipConnection): boolean {
    return conn.identities.size > 0 || this.o.registrar.hasBindingsOn(conn);
  }

  handleResponse(res: SipResponse, conn: SipConnection): void {
    if (!this.closed) this.tx.handleResponse(res, conn);
  }

  connectionClosed(conn: SipConnection): void {
    if (this.closed) return;
    this.tx.connectionClosed(conn);
    this.dialogs.connectionClosed(conn);
    this.o.events?.connectionClosed(conn);
    this.o.unreachable?.connectionClosed(conn);
  }

  handleRequest(req: SipRequest, conn: SipConnection): void {
    if (this.closed) return;
    const reply = (status: number, options?: Parameters<typeof buildResponse>[2]) =>
      void conn.send(buildResponse(req, status, options));
    const maxBody = maxBodyBytes(this.o.limits, req.method);
    if (Buffer.byteLength(req.body) > maxBody) {
      if (req.method === 'ACK') return;
      return reply(413, { reason: `Request Entity Too Large (at most ${maxBody} bytes for ${req.method})` });
    }
    if (req.method === 'ACK') return this.handleAck(req, conn);
    if (req.method === 'CANCEL') {
      if (this.o.unreachable?.cancel(req, conn)) return; // a held INVITE (push-then-INVITE)
      return this.tx.handleCancel(req, conn);
    }
    if (this.tx.retransmission(req, conn)) return;

    const proxyRequire = req.get('proxy-require');
    if (proxyRequire !== undefined && req.method !== 'REGISTER') {
      return reply(420, { headers: [header('Unsupported', proxyRequire)] });
    }

    const route = this.ownRoutes(req);
    if (route.forged) return reply(403, { reason: 'Forbidden (invalid route token)' });
    if (route.foreign) return reply(404, { reason: 'Not Found (cannot route outside this server)' });

    const ruri = req.ruri;
    const toUs = !route.flow && this.o.isLocalHost(ruri.host) && !ruri.user;

    if (req.method === 'REGISTER') {
      if (!toUs) return reply(403, { reason: 'Forbidden (domain not served)' });
      conn.send(this.o.registrar.handleRegister(req, conn));
      if (req.to.uri.user) this.o.unreachable?.registered(req.to.uri.user); // deliver held INVITEs
      if (req.to.uri.user) this.o.offline?.registered(req.to.uri.user, conn); // and stored MESSAGEs
      return;
    }

    const mf = req.maxForwards;
    if (mf !== undefined && Number.isNaN(mf)) return reply(400, { reason: 'Bad Request (Max-Forwards)' });
    if (toUs || (mf === 0 && req.method === 'OPTIONS')) return this.handleLocal(req, conn);
    if (mf === 0) return reply(483);

    if (route.flow) return this.routeInDialog(req, conn, route.flow, route.count);

    if (ruri.scheme !== 'sip' && ruri.scheme !== 'sips') return reply(416);
    const inDialog = req.toTag !== undefined;
    const sender = req.from.uri.user;
    if (inDialog) {
      // In-dialog but not record-routed by us: From must be an identity proven on this connection.
      if (!sender || !this.o.isLocalHost(req.from.uri.host) || !this.identities(conn).has(sender)) {
        return reply(403, { reason: 'Forbidden (From is not proven on this connection)' });
      }
    } else if (!authorizeSender(req, conn, this.o)) return;
    const guestTarget = this.guestTarget(conn);
    if (guestTarget !== undefined && (!this.o.isLocalHost(ruri.host) || ruri.user !== guestTarget)) {
      this.o.log.info(`${req.method} from guest to ${ruri.user ?? ruri.host}: 403 (not the room target)`);
      return reply(403, { reason: 'Forbidden (guests may only call their room target)' });
    }

    // Hook: SUBSCRIBEs for event packages this server notifies (MWI) are answered here, not routed.
    const subscribesHere = req.method === 'SUBSCRIBE' && !inDialog && this.o.isLocalHost(ruri.host);
    if (subscribesHere && this.o.events?.subscribe(req, conn, sender!)) return;

    let targets: Target[];
    if (this.o.isLocalHost(ruri.host)) {
      const user = ruri.user!;
      if (!this.o.accountExists(user)) return reply(404);
      const initial = req.method === 'INVITE' && !inDialog;
      const chat = req.method === 'MESSAGE' && !inDialog;
      const registered = this.o.registrar.lookup(user);
      // A call or a message never goes back to the phone that sent it (to your own number: it would
      // answer its own request 482 Loop Detected, RFC 3261 §8.2.2.2); the user's other phones get it.
      const bindings = initial || chat ? registered.filter((b) => b.conn !== conn) : registered;
      if (bindings.length === 0) {
        const self = registered.length > 0;
        // A note to yourself with no other phone signed in: the addressee's phone is the one that sent
        // it and shows it, so it is delivered (200), and kept in the history your other phones load.
        if (chat && self) {
          this.o.messages?.routed(req, sender!, user); // Hook: history
          return reply(200);
        }
        // Hook: push-then-INVITE holds the call (voicemail composes as its fallback); else 480. Not for
        // a call to oneself: the push would wake the very app that is calling.
        // Then voicemail (server/sip/local-agent.ts) when this server has it.
        const deliver = () => this.forwardToBindings(req, conn, sender!, user, route.count);
        const call = { req, conn, callee: user, deliver };
        if (initial && ((!self && this.o.unreachable?.hold(call)) || this.divert(call))) return;
        if (req.method === 'MESSAGE' && !inDialog && this.o.offline?.store(call)) return; // chat: 202 stored
        if (req.method === 'INVITE') {
          const why = self ? 'no other phone registered' : 'offline';
          this.o.log.info(`call ${shortId(req.callId)} ${fromUser(req)} → ${user}: 480 ${why}`);
        }
        return reply(480);
      }
      targets = bindings.map((b) => ({ conn: b.conn, uri: b.contact.uri.raw, aor: b.aor }));
      if (req.method === 'MESSAGE' && !inDialog) this.o.messages?.routed(req, sender!, user); // Hook: history
    } else {
      const binding = this.o.registrar.findByContact(ruri);
      if (!binding) return reply(404, { reason: 'Not Found (domain not served)' });
      targets = [{ conn: binding.conn, uri: req.uri, aor: binding.aor }];
    }
    const recordRoute = !inDialog && DIALOG_CREATING.has(req.method);
    this.tx.forward(
      req,
      conn,
      sender!,
      targets,
      route.count,
      recordRoute ? (target) => this.recordRoute(conn, sender!, target) : undefined,
      req.method === 'INVITE' && !inDialog ? this.failover(req) : undefined, // Hook: voicemail on no answer
    );
  }

  /** Sends an INVITE for a user without phones to voicemail (also push's fallback); false without one. */
  divert(call: UnreachableCall): boolean {
    const failover = this.failover(call.req);
    if (!failover || this.closed || !call.conn.open) return false;
    const sender = call.req.from.uri.user ?? '';
    const rr = (t: Target) => this.recordRoute(call.conn, sender, t);
    this.tx.forward(call.req, call.conn, sender, [failover.target], this.ownRoutes(call.req).count, rr);
    return true;
  }

  private failover(req: SipRequest) {
    const user = req.ruri.user;
    return user && this.o.isLocalHost(req.ruri.host) ? agentFailover(this.o.voicemail, req, user) : undefined;
  }

  /** Forwards a (held) INVITE to the user's bindings now; false when there still are none. */
  private forwardToBindings(
    req: SipRequest,
    conn: SipConnection,
    sender: string,
    user: string,
    routeCount: number,
  ): boolean {
    const bindings = this.o.registrar.lookup(user).filter((b) => b.conn !== conn); // never back to the caller
    if (bindings.length === 0 || !conn.open || this.closed) return false;
    const targets = bindings.map((b) => ({ conn: b.conn, uri: b.contact.uri.raw, aor: b.aor }));
    this.tx.forward(
      req,
      conn,
      sender,
      targets,
      routeCount,
      (target) => this.recordRoute(conn, sender, target),
      this.failover(req),
    );
    return true;
  }

  private recordRoute(source: SipConnection, sender: string, target: Target) {
    const token = this.sealer.seal([source.id, target.conn.id, sender, target.aor]);
    return header('Record-Route', `<sip:ol.${token}@${this.o.domain};transport=ws;lr>`);
  }

  /** Pops the leading Route entries that point at us; opens our flow token. */
  private ownRoutes(req: SipRequest): { count: number; flow?: Flow; foreign: boolean; forged: boolean } {
    const routes = req.getAll('route');
    let count = 0;
    let flow: Flow | undefined;
    let forged = false;
    for (const value of routes) {
      const parsed: NameAddr | null = req.nameAddr(value);
      if (!parsed || !this.o.isLocalHost(parsed.uri.host)) break;
      const m = parsed.uri.user ? FLOW_USER.exec(parsed.uri.user) : null;
      if (m && !flow && !forged) {
        const fields = this.sealer.open(m[1]!);
        if (fields?.length === 4) flow = { a: fields[0]!, b: fields[1]!, aorA: fields[2]!, aorB: fields[3]! };
        else forged = true;
      }
      count++;
    }
    // A Route to some other host that we cannot reach (we only speak to our own sockets).
    const foreign = count < routes.length && !flow;
    return flow ? { count, flow, foreign, forged } : { count, foreign, forged };
  }

  /** Requests addressed to the server itself. */
  private handleLocal(req: SipRequest, conn: SipConnection): void {
    if (req.method === 'OPTIONS') {
      conn.send(
        buildResponse(req, 200, {
          headers: [header('Allow', ALLOW), header('Accept', 'application/sdp'), header('Supported', 'path')],
        }),
      );
    } else if (req.method === 'SUBSCRIBE' && this.o.events?.inDialog(req, conn)) {
      // Refresh or end of a subscription to an event this server notifies (our Contact has no user).
    } else if (!KNOWN_METHODS.has(req.method)) {
      // RFC 3261 §8.2.1: a method the server does not know is 501 (405 is for one it knows but refuses).
      conn.send(buildResponse(req, 501, { headers: [header('Allow', ALLOW)] }));
    } else {
      // A method the server routes, sent to the server's own URI: no user to route it to. Kamailio's
      // answer too (deploy/kamailio/kamailio.cfg); a 405 here would contradict OPTIONS' Allow.
      conn.send(buildResponse(req, 484, { reason: 'Address Incomplete (no user in the Request-URI)' }));
    }
  }

  private identities(conn: SipConnection): Set<string> {
    return this.o.registrar.identitiesOf(conn);
  }

  /** The one user a guest connection may reach, or undefined when the connection is not a guest's. */
  private guestTarget(conn: SipConnection): string | undefined {
    const guests = this.o.guests;
    if (!guests) return undefined;
    for (const user of this.identities(conn)) {
      const target = guests.allowedTarget(user);
      if (target !== undefined) return target;
    }
    return undefined;
  }

  /**
   * Which side of the dialog `conn` speaks for: the connection named in the token, or one where that
   * side's AOR proved itself (a party that reconnected). Undefined for anybody else.
   */
  private sideOf(flow: Flow, conn: SipConnection, from: string | undefined): 'a' | 'b' | undefined {
    if (conn.id === flow.a) return 'a';
    if (conn.id === flow.b) return 'b';
    const ids = this.identities(conn);
    const a = ids.has(flow.aorA);
    const b = ids.has(flow.aorB);
    if (a && b) return from === flow.aorB ? 'b' : 'a';
    return a ? 'a' : b ? 'b' : undefined;
  }

  /** The other party's live connection: the one in the token, else its AOR's binding at the R-URI. */
  private peerOf(flow: Flow, side: 'a' | 'b', req: SipRequest): Target | undefined {
    const peer = side === 'a' ? { id: flow.b, aor: flow.aorB } : { id: flow.a, aor: flow.aorA };
    const direct = this.o.connection(peer.id);
    if (direct?.open) return { conn: direct, uri: req.uri, aor: peer.aor };
    const binding = this.o.registrar.findByContact(req.ruri);
    return binding?.aor === peer.aor ? { conn: binding.conn, uri: req.uri, aor: peer.aor } : undefined;
  }

  private routeInDialog(req: SipRequest, conn: SipConnection, flow: Flow, routeCount: number): void {
    const side = this.sideOf(flow, conn, req.from.uri.user);
    if (!side)
      return void conn.send(buildResponse(req, 403, { reason: 'Forbidden (not a party of this dialog)' }));
    const target = this.peerOf(flow, side, req);
    if (!target) {
      return void conn.send(
        buildResponse(req, 480, { reason: 'Temporarily Unavailable (peer disconnected)' }),
      );
    }
    if (req.method === 'BYE') this.o.log.info(`call ${shortId(req.callId)} ended by ${fromUser(req)}`);
    this.dialogs.observe(req);
    this.tx.forward(req, conn, side === 'a' ? flow.aorA : flow.aorB, [target], routeCount);
  }

  /** ACK for a 2xx: relayed only along a dialog we record-routed, from one of its parties. */
  private handleAck(req: SipRequest, conn: SipConnection): void {
    if (this.tx.absorbAck(req, conn)) return; // hop-by-hop ACK for our non-2xx
    const route = this.ownRoutes(req);
    const mf = req.maxForwards;
    if (!route.flow || mf === 0 || (mf !== undefined && Number.isNaN(mf))) return;
    const side = this.sideOf(route.flow, conn, req.from.uri.user);
    const target = side && this.peerOf(route.flow, side, req);
    if (!target) return;
    const forwarded = buildForward(req, {
      domain: this.o.domain,
      realm: this.o.auth.realm,
      branch: newBranch(),
      uri: req.uri,
      popRoutes: route.count,
    });
    target.conn.send(forwarded.text);
  }
}
