/**
 * Message-waiting indication (RFC 3842, event package `message-summary` over RFC 6665): the embedded
 * server is the notifier for its own users' mailboxes. A user subscribes to their own AOR
 * (`SUBSCRIBE sip:1001@domain`, From 1001, authenticated by the proxy before it gets here; anyone else
 * gets 403); we answer 200 with our Contact, NOTIFY the counts at once, again whenever the mailbox
 * changes (deposit, heard, delete), and a last time with `terminated` when the subscription expires
 * or is ended with Expires: 0. Refreshes come straight to us (our Contact has no user part, so the
 * proxy hands them to `inDialog`) and must come over the connection that subscribed.
 *
 *  SUBSCRIBE ─► 200 ─► NOTIFY active ─► (changes: NOTIFY active)* ─► NOTIFY terminated
 *                 ▲ refresh (Expires > 0) ┘          unsubscribe / expiry / socket closed ┘
 *
 * In Kamailio mode the same notifier is reached through the voicemail SIP/TCP listener
 * (mwi-kamailio.ts): then a subscription has a `MwiPath` naming Kamailio's route set, the listener's
 * Via and Contact, and the subscriber's flow as Kamailio saw it (instead of our own WebSocket).
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log';
import type { LocalEventServer } from '../sip/local-events';
import { header, type SipHeader, type SipRequest } from '../sip/message';
import { buildResponse, serialize } from '../sip/serialize';
import type { SipConnection } from '../sip/transport';
import type { MailboxCounts } from './store';

export const MWI_EVENT = 'message-summary';
export const MWI_CONTENT_TYPE = 'application/simple-message-summary';

export interface MwiOptions {
  domain: string;
  counts(user: string): MailboxCounts;
  log: Logger;
  /** Subscription lifetime bounds (seconds). */
  minExpires?: number;
  maxExpires?: number;
  /** Caps, so a client cannot pile up timers. */
  maxPerConnection?: number;
  maxPerUser?: number;
}

/** How NOTIFYs reach a subscriber and who may refresh: its own WebSocket, or through Kamailio. */
export interface MwiPath {
  /** Our Contact URI (in the 200 and every NOTIFY). */
  contact: string;
  /** Our Via sent-by with transport, e.g. `WSS openline.local` or `TCP 127.0.0.1:5090`. */
  via: string;
  /** The SUBSCRIBE's Record-Route values, in order: echoed in the 200, the NOTIFYs' Route set. */
  recordRoute: readonly string[];
  /** Refreshes must come over the same flow (embedded: our connection's id; Kamailio: its X-Openline-Flow). */
  flow: string;
  /** Extra headers for every NOTIFY to `user` (Kamailio mode: the ring time, see mwi-kamailio.ts). */
  notifyHeaders?: (user: string) => SipHeader[];
}

interface Subscription {
  key: string;
  user: string;
  conn: SipConnection;
  path: MwiPath;
  callId: string;
  localTag: string;
  /** Their From (with tag): our To. */
  remote: string;
  /** Their To (the AOR) with our tag: our From. */
  local: string;
  /** Where NOTIFYs go (their Contact URI). */
  target: string;
  cseq: number;
  expiresAt: number;
  timer?: NodeJS.Timeout;
}

const DEFAULTS = { minExpires: 60, maxExpires: 3600, maxPerConnection: 4, maxPerUser: 32 };

/** The RFC 3842 body for a mailbox. */
export function messageSummaryBody(account: string, c: MailboxCounts): string {
  return (
    `Messages-Waiting: ${c.unheard > 0 ? 'yes' : 'no'}\r\n` +
    `Message-Account: ${account}\r\n` +
    `Voice-Message: ${c.unheard}/${c.heard} (0/0)\r\n`
  );
}

const uriOf = (nameAddr: string) => /<([^>]*)>/.exec(nameAddr)?.[1] ?? nameAddr.split(';')[0]!.trim();

export class MwiNotifier implements LocalEventServer {
  private readonly subs = new Map<string, Subscription>();
  private readonly o: Required<MwiOptions>;
  private closed = false;

  constructor(options: MwiOptions) {
    this.o = { ...DEFAULTS, ...options };
  }

  get size(): number {
    return this.subs.size;
  }

  subscribe(req: SipRequest, conn: SipConnection, sender: string): boolean {
    return this.subscribeVia(req, conn, sender, this.wsPath(conn));
  }

  inDialog(req: SipRequest, conn: SipConnection): boolean {
    return this.inDialogVia(req, conn, conn.id);
  }

  /** An out-of-dialog SUBSCRIBE from `sender` reaching us over `path` (see `subscribe`). */
  subscribeVia(req: SipRequest, conn: SipConnection, sender: string, path: MwiPath): boolean {
    if (!this.isMwi(req)) return false;
    const reply = (status: number, o?: Parameters<typeof buildResponse>[2]) =>
      void conn.send(buildResponse(req, status, o));
    const user = req.ruri.user;
    if (!user || user !== sender) {
      this.o.log.info(`MWI SUBSCRIBE from ${sender} for ${user ?? '?'}: 403`);
      reply(403, { reason: 'Forbidden (subscribe to your own mailbox only)' });
      return true;
    }
    if (!this.acceptable(req, reply)) return true;
    const expires = this.expiresOf(req, reply);
    if (expires === undefined) return true;
    const contact = req.get('contact');
    if (!contact) {
      reply(400, { reason: 'Bad Request (Contact required)' });
      return true;
    }
    const mine = [...this.subs.values()];
    if (
      mine.filter((s) => s.path.flow === path.flow).length >= this.o.maxPerConnection ||
      mine.filter((s) => s.user === user).length >= this.o.maxPerUser
    ) {
      reply(503, {
        reason: 'Service Unavailable (too many subscriptions)',
        headers: [header('Retry-After', '60')],
      });
      return true;
    }
    const localTag = randomBytes(6).toString('base64url');
    const toValue = req.get('to') ?? `<sip:${user}@${this.o.domain}>`;
    const sub: Subscription = {
      key: `${req.callId}\n${localTag}`,
      user,
      conn,
      path,
      callId: req.callId,
      localTag,
      remote: req.get('from') ?? '',
      local: `${toValue};tag=${localTag}`,
      target: uriOf(contact),
      cseq: 0,
      expiresAt: 0,
    };
    reply(200, {
      toTag: localTag,
      headers: [
        ...path.recordRoute.map((rr) => header('Record-Route', rr)),
        header('Contact', path.contact),
        header('Expires', String(expires)),
      ],
    });
    if (expires === 0) {
      this.notify(sub, 'terminated;reason=timeout');
      return true;
    }
    this.subs.set(sub.key, sub);
    this.arm(sub, expires);
    this.notify(sub, `active;expires=${expires}`);
    return true;
  }

  /** An in-dialog SUBSCRIBE (refresh, unsubscribe) that came over `flow`; true when answered. */
  inDialogVia(req: SipRequest, conn: SipConnection, flow: string): boolean {
    if (req.method !== 'SUBSCRIBE' || req.toTag === undefined) return false;
    const reply = (status: number, o?: Parameters<typeof buildResponse>[2]) =>
      void conn.send(buildResponse(req, status, o));
    const sub = this.subs.get(`${req.callId}\n${req.toTag}`);
    if (!sub || sub.conn !== conn || sub.path.flow !== flow || !this.isMwi(req)) {
      reply(481, { reason: 'Subscription Does Not Exist' });
      return true;
    }
    const expires = this.expiresOf(req, reply);
    if (expires === undefined) return true;
    const contact = req.get('contact');
    if (contact) sub.target = uriOf(contact);
    reply(200, { headers: [header('Contact', sub.path.contact), header('Expires', String(expires))] });
    if (expires === 0) {
      this.end(sub, 'terminated;reason=timeout');
    } else {
      this.arm(sub, expires);
      this.notify(sub, `active;expires=${expires}`);
    }
    return true;
  }

  /** The mailbox (or the voicemail settings) of `user` changed: NOTIFY every subscription to it. */
  changed(user: string): void {
    for (const sub of this.subs.values()) {
      if (sub.user !== user) continue;
      const left = Math.max(1, Math.ceil((sub.expiresAt - Date.now()) / 1000));
      this.notify(sub, `active;expires=${left}`);
    }
  }

  /** The subscriber answered a NOTIFY with 481 (RFC 6665 §4.1.3: the subscription is gone there). */
  notifyRejected(callId: string, localTag: string): void {
    const sub = this.subs.get(`${callId}\n${localTag}`);
    if (sub) this.drop(sub);
  }

  connectionClosed(conn: SipConnection): void {
    for (const sub of [...this.subs.values()]) {
      if (sub.conn === conn) this.drop(sub);
    }
  }

  close(): void {
    this.closed = true;
    for (const sub of [...this.subs.values()]) this.drop(sub);
  }

  private isMwi(req: SipRequest): boolean {
    const event = (req.get('event') ?? '').split(';')[0]!.trim().toLowerCase();
    return event === MWI_EVENT;
  }

  private acceptable(
    req: SipRequest,
    reply: (status: number, o?: Parameters<typeof buildResponse>[2]) => void,
  ) {
    const accept = req.getAll('accept').join(',').toLowerCase();
    if (accept && !accept.split(',').some((t) => t.split(';')[0]!.trim() === MWI_CONTENT_TYPE)) {
      reply(406, { headers: [header('Accept', MWI_CONTENT_TYPE)] });
      return false;
    }
    return true;
  }

  /** Granted lifetime (seconds), or undefined after answering 400/423. */
  private expiresOf(
    req: SipRequest,
    reply: (status: number, o?: Parameters<typeof buildResponse>[2]) => void,
  ): number | undefined {
    const raw = req.get('expires');
    if (raw === undefined) return this.o.maxExpires;
    if (!/^\d{1,10}$/.test(raw.trim())) {
      reply(400, { reason: 'Bad Request (Expires)' });
      return undefined;
    }
    const asked = Number(raw.trim());
    if (asked === 0) return 0;
    if (asked < this.o.minExpires) {
      reply(423, { headers: [header('Min-Expires', String(this.o.minExpires))] });
      return undefined;
    }
    return Math.min(asked, this.o.maxExpires);
  }

  /** The embedded proxy's path: NOTIFYs straight down the subscriber's WebSocket. */
  private wsPath(conn: SipConnection): MwiPath {
    return {
      contact: `<sip:${this.o.domain};transport=ws>`,
      via: `WSS ${this.o.domain}`,
      recordRoute: [],
      flow: conn.id,
    };
  }

  private arm(sub: Subscription, expires: number): void {
    clearTimeout(sub.timer);
    sub.expiresAt = Date.now() + expires * 1000;
    sub.timer = setTimeout(() => this.end(sub, 'terminated;reason=timeout'), expires * 1000);
    sub.timer.unref();
  }

  private end(sub: Subscription, state: string): void {
    this.notify(sub, state);
    this.drop(sub);
  }

  private drop(sub: Subscription): void {
    clearTimeout(sub.timer);
    this.subs.delete(sub.key);
  }

  private notify(sub: Subscription, state: string): void {
    if (this.closed || !sub.conn.open) return;
    const account = `sip:${sub.user}@${this.o.domain}`;
    const text = serialize(
      `NOTIFY ${sub.target} SIP/2.0`,
      [
        // Not the proxy's branch prefix: the proxy drops the 200 this NOTIFY gets.
        header('Via', `SIP/2.0/${sub.path.via};branch=z9hG4bK.mwi.${randomBytes(9).toString('base64url')}`),
        ...sub.path.recordRoute.map((rr) => header('Route', rr)),
        header('Max-Forwards', '70'),
        header('From', sub.local),
        header('To', sub.remote),
        header('Call-ID', sub.callId),
        header('CSeq', `${++sub.cseq} NOTIFY`),
        header('Contact', sub.path.contact),
        header('Event', MWI_EVENT),
        header('Subscription-State', state),
        ...(sub.path.notifyHeaders?.(sub.user) ?? []),
        header('Content-Type', MWI_CONTENT_TYPE),
      ],
      messageSummaryBody(account, this.o.counts(sub.user)),
    );
    sub.conn.send(text);
  }
}
