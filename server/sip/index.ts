/**
 * The embedded SIP server: WebSocket transport → parser → registrar / proxy.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../log';
import { DigestAuthenticator } from './digest';
import { fastGrammar, type SipGrammar } from './grammar';
import type { SipGuestPolicy } from './guests';
import type { LocalAgent } from './local-agent';
import type { LocalEventServer } from './local-events';
import { header, parseMessage } from './message';
import { buildResponse } from './serialize';
import { sipLimitsFromEnv, type SipLimits } from './limits';
import { SipProxy, type ProxyGuardStats, type ProxyStats } from './proxy';
import { Registrar, type Binding, type RegistrarStats } from './registrar';
import { AuthThrottle } from './throttle';
import { stampRequest, stampTopVia } from './via';
import { SipTransport, type SipConnection } from './transport';
import type { MessageTap, OfflineMessages, UnreachableCall, UnreachableCallee } from './unreachable';

/** WebSocket close code for a guest whose link expired or whose room was closed. */
export const GUEST_EXPIRED_CLOSE = 4001;

/** WebSocket close code for a user whose account was disabled or whose password was reset. */
export const ACCOUNT_CLOSED_CLOSE = 4003;

export type { SipLimits } from './limits';

/** The transport, registrar and proxy numbers the server configuration sets (server/config.ts). */
export interface SipTimings {
  /** WebSocket ping interval; a socket that missed one pong is closed. */
  wsPingIntervalMs: number;
  /** Largest accepted WebSocket message (bytes). */
  maxFrameBytes: number;
  /** Lifetime of a digest nonce before it is answered with `stale=true`. */
  nonceTtlMs: number;
  /** Registration limits (seconds). */
  minExpires: number;
  maxExpires: number;
  defaultExpires: number;
  /** Most contacts a single user may register at once. */
  maxBindingsPerAor: number;
  /** Proxy Timer C: an unanswered INVITE branch is cancelled after this long. */
  inviteTimeoutMs: number;
  /** Proxy Timer F: a non-INVITE branch without a final response fails with 408. */
  nonInviteTimeoutMs: number;
}

export interface SipServiceOptions extends SipTimings {
  domain: string;
  /** Host names besides `domain` that mean "this server" in SIP URIs. */
  localHosts: readonly string[];
  /** Account lookups (served from the in-memory cache). */
  accounts: {
    exists(username: string): boolean;
    ha1(username: string): string | undefined;
    /** Why the account may not register or send requests now (disabled, company not allowed). */
    refusal?(username: string): string | undefined;
  };
  log: Logger;
  grammar?: SipGrammar;
  path?: string;
  /** Webcall guests: accountless callers confined to one target (see ./guests.ts). */
  guests?: SipGuestPolicy;
  /** Event packages the server notifies itself (MWI). */
  events?: LocalEventServer;
  /** Abuse limits; each one not given here comes from its environment variable (./limits.ts). */
  limits?: Partial<SipLimits>;
  /** INVITEs for users with no live binding (push-then-INVITE). */
  unreachable?: UnreachableCallee;
  /** Answers calls nobody takes: unregistered, busy, declined or unanswered callees (voicemail). */
  voicemail?: LocalAgent;
  /** MESSAGEs for users with no binding: stored and delivered on registration (server/chat). */
  offline?: OfflineMessages;
  /** Sees MESSAGEs routed between accounts (chat history, server/chat/history-tap.ts). */
  messages?: MessageTap;
}

export interface SipStats extends RegistrarStats, ProxyStats, Partial<ProxyGuardStats> {
  connections: number;
  parseErrors: number;
  /** WebSocket upgrades refused by the Origin check or the connection caps. */
  connectionsRefused?: number;
  /** Password attempts refused during a backoff quiet period. */
  authThrottled?: number;
}

export interface SipService {
  /** Returns false when the upgrade is not for the SIP path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  stats(): SipStats;
  /** Live bindings of a username. */
  lookup(aor: string): Binding[];
  /** The users `username` is in a confirmed call with through this proxy (empty: not in a call). */
  callPeers(username: string): string[];
  /** Tells `listener` the two users of each call that begins or ends through this proxy; returns its removal. */
  onCallChange(listener: (parties: [string, string]) => void): () => void;
  /**
   * Closes every WebSocket a user is registered or authenticated on (an account disabled or its password
   * reset), which ends its bindings; returns how many were closed.
   */
  disconnect(username: string): number;
  /** Sends a call nobody picked up to voicemail (push-then-INVITE's fallback); false without one. */
  divert(call: UnreachableCall): boolean;
  /**
   * Shutdown (SIGTERM): refuses new upgrades with 503 and closes every SIP WebSocket with 1001
   * (Going Away), terminating those that do not finish the closing handshake within a second.
   */
  close(): void;
}

export function createSipService(options: SipServiceOptions): SipService {
  const log = options.log;
  const grammar = options.grammar ?? fastGrammar;
  const domain = options.domain.toLowerCase();
  const local = new Set([domain, ...options.localHosts.map((h) => h.toLowerCase())]);
  const isLocalHost = (host: string) => local.has(host);
  let parseErrors = 0;
  const limits: SipLimits = { ...sipLimitsFromEnv(), ...options.limits };
  const throttle = new AuthThrottle({
    freeFailures: limits.authFreeFailures,
    baseMs: limits.authBackoffBaseMs,
    maxMs: limits.authBackoffMaxMs,
    log: log.child('auth'),
  });

  const auth = new DigestAuthenticator({
    realm: domain,
    nonceTtlMs: options.nonceTtlMs,
    lookupHa1: (username) => options.accounts.ha1(username) ?? options.guests?.ha1(username, domain),
  });
  const registrar = new Registrar({
    domain,
    isLocalHost,
    accountExists: (u) => options.accounts.exists(u),
    auth,
    throttle,
    contactHoldMs: Math.max(limits.dialogGraceMs, 30_000),
    refusal: options.accounts.refusal,
    log: log.child('registrar'),
    minExpires: options.minExpires,
    maxExpires: options.maxExpires,
    defaultExpires: options.defaultExpires,
    maxBindingsPerAor: options.maxBindingsPerAor,
    guests: options.guests,
  });
  const proxy: SipProxy = new SipProxy({
    domain,
    isLocalHost,
    accountExists: (u) => options.accounts.exists(u),
    registrar,
    auth,
    throttle,
    limits,
    // The transport is created below; the proxy only asks once messages flow.
    connection: (id): SipConnection | undefined =>
      sipTransport.get(id) ?? (id === options.voicemail?.conn.id ? options.voicemail.conn : undefined),
    log: log.child('proxy'),
    inviteTimeoutMs: options.inviteTimeoutMs,
    nonInviteTimeoutMs: options.nonInviteTimeoutMs,
    guests: options.guests,
    events: options.events,
    unreachable: options.unreachable,
    voicemail: options.voicemail,
    offline: options.offline,
    messages: options.messages,
    refusal: options.accounts.refusal,
  });

  const onMessage = (conn: SipConnection, data: Buffer) => {
    const parsed = parseMessage(data, grammar);
    // RFC 3261 §18.2.1 / RFC 3581: the top Via records the packet's source (in-process agents have none).
    const source = conn.port === undefined ? undefined : { ip: conn.ip, port: conn.port };
    if (!parsed.ok) {
      parseErrors++;
      log.debug(`ws ${conn.id}: unparseable message (${parsed.error})`);
      if (parsed.replyHeaders) {
        const status = parsed.replyStatus ?? 400;
        const headers = source
          ? stampTopVia(parsed.replyHeaders, grammar, source).headers
          : parsed.replyHeaders;
        conn.send(
          buildResponse(headers, status, {
            reason: parsed.replyReason,
            headers: [header('Warning', `399 ${domain} "${parsed.error}"`)],
          }),
        );
      }
      return;
    }
    const message =
      parsed.message.kind === 'request' && source ? stampRequest(parsed.message, source) : parsed.message;
    try {
      if (message.kind === 'request') proxy.handleRequest(message, conn);
      else if (!options.offline?.handleResponse(message, conn)) proxy.handleResponse(message, conn);
    } catch (error) {
      log.error(`ws ${conn.id}: failed on ${message.kind}: ${(error as Error).stack ?? String(error)}`);
      if (message.kind === 'request' && message.method !== 'ACK') conn.send(buildResponse(message, 500));
    }
  };

  // The voicemail agent's messages enter exactly where a socket's do.
  const agent = options.voicemail;
  agent?.attach((text) => onMessage(agent.conn, Buffer.from(text)));

  const sipTransport: SipTransport = new SipTransport({
    path: options.path ?? '/sip',
    maxFrameBytes: options.maxFrameBytes,
    pingIntervalMs: options.wsPingIntervalMs,
    log: log.child('ws'),
    limits,
    isAuthenticated: (conn): boolean => proxy.isAuthenticated(conn),
    onMessage,
    onClose: (conn) => {
      registrar.dropConnection(conn);
      proxy.connectionClosed(conn);
    },
  });

  /** Guests whose link expired or whose room closed lose their sockets (and so their bindings). */
  const sweepGuests = () => {
    const guests = options.guests;
    if (!guests) return;
    const stale = (conn: SipConnection) =>
      [...conn.identities, ...registrar.aorsOn(conn)].some(
        (user) => guests.allowedTarget(user) !== undefined && !guests.isActive(user),
      );
    const closed = sipTransport.closeWhere(stale, GUEST_EXPIRED_CLOSE, 'webcall link expired or room closed');
    if (closed > 0) log.info(`closed ${closed} webcall guest connection(s): link expired or room closed`);
  };
  const housekeeping = setInterval(() => {
    registrar.sweep(Date.now());
    sweepGuests();
    throttle.sweep();
  }, 1000);
  housekeeping.unref();

  return {
    handleUpgrade: (req, socket, head) => sipTransport.handleUpgrade(req, socket, head),
    stats: () => ({
      ...registrar.stats(),
      ...proxy.stats(),
      connections: sipTransport.size,
      parseErrors,
      connectionsRefused: sipTransport.refused,
      authThrottled: throttle.refused,
    }),
    lookup: (aor) => registrar.lookup(aor),
    callPeers: (username) => proxy.callPeers(username),
    onCallChange: (listener) => proxy.onCallChange(listener),
    disconnect: (username) =>
      sipTransport.closeWhere(
        (conn) => registrar.identitiesOf(conn).has(username),
        ACCOUNT_CLOSED_CLOSE,
        'account disabled or password changed',
      ),
    divert: (call) => proxy.divert(call),
    close() {
      clearInterval(housekeeping);
      proxy.close();
      sipTransport.close();
    },
  };
}
