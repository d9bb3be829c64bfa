/**
 * Offline chat delivery for the embedded proxy (issue 14). A MESSAGE for a user with no registration
 * is stored (offline-store.ts) and answered 202 Accepted; when the user registers, each waiting
 * message is sent to the phone that registered, from the server, with the original From, Call-ID
 * (so the app's dedup holds across attempts), Content-Type, Message-ID and Disposition-Notification.
 * A message is removed only when the phone answers 2xx; any other answer (or none within the
 * timeout) schedules a retry with exponential backoff while the user has a binding.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log';
import { header, type SipRequest, type SipResponse } from '../sip/message';
import type { Binding } from '../sip/registrar';
import { buildResponse, serialize } from '../sip/serialize';
import type { SipConnection } from '../sip/transport';
import type { OfflineMessages, UnreachableCall } from '../sip/unreachable';
import type { OfflineMessage, OfflineMessageStore } from './offline-store';

/** Branch prefix of the MESSAGEs we originate (the proxy's own branches start `z9hG4bK.ol.`). */
const BRANCH_PREFIX = 'z9hG4bK.chat.';
/** What is stored: text and receipts; typing indications for someone who is away are not. */
const STORABLE = new Set(['text/plain', 'message/imdn+xml']);
/** Headers carried from the original MESSAGE to the delivery. */
const CARRIED = ['Message-ID', 'Disposition-Notification'];

export interface OfflineDeliveryOptions {
  domain: string;
  store: OfflineMessageStore;
  /** Live bindings of a user (the registrar). */
  lookup(aor: string): Binding[];
  /** Only accounts leave messages (webcall guests do not). */
  accountExists(user: string): boolean;
  maxBodyBytes: number;
  /** How long a delivery waits for its final answer (ms). */
  answerTimeoutMs: number;
  /** First retry delay (ms), doubled per attempt up to `maxRetryMs`. */
  retryBaseMs: number;
  maxRetryMs: number;
  log: Logger;
  now?: () => number;
  /** Chat history (server/chat/history-tap.ts): the sender's side when stored, the recipient's when delivered. */
  history?: OfflineHistory;
}

export interface OfflineHistory {
  stored(req: SipRequest, sender: string, recipient: string): void;
  delivered(message: OfflineMessage): void;
}

interface InFlight {
  message: OfflineMessage;
  conn: SipConnection;
  timer: NodeJS.Timeout;
}

export class OfflineDelivery implements OfflineMessages {
  private readonly inFlight = new Map<string, InFlight>();
  /** Message ids being delivered (one attempt at a time per message). */
  private readonly busy = new Set<number>();
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly o: OfflineDeliveryOptions) {}

  store(call: UnreachableCall): boolean {
    const { req, conn, callee } = call;
    const reply = (status: number, reason?: string, headers = [] as ReturnType<typeof header>[]) =>
      void conn.send(buildResponse(req, status, { reason, headers }));
    const sender = req.from.uri.user ?? '';
    if (!this.o.accountExists(sender)) return (reply(480, 'Temporarily Unavailable (not signed in)'), true);
    const contentType = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!STORABLE.has(contentType)) return (reply(480, 'Temporarily Unavailable (not signed in)'), true);
    const bytes = Buffer.byteLength(req.body);
    if (bytes === 0) return (reply(400, 'Bad Request (empty message)'), true);
    if (bytes > this.o.maxBodyBytes) {
      return (reply(413, `Request Entity Too Large (at most ${this.o.maxBodyBytes} bytes are kept)`), true);
    }
    const headers = CARRIED.flatMap((name): [string, string][] => {
      const value = req.get(name.toLowerCase());
      return value !== undefined ? [[name, value.slice(0, 200)]] : [];
    });
    const result = this.o.store.store({
      recipient: callee,
      sender,
      fromHeader: req.get('from') ?? '',
      callId: req.callId,
      contentType: req.get('content-type') ?? contentType,
      headers,
      body: req.body,
    });
    if (result === 'full') {
      this.o.log.info(`MESSAGE ${sender} → ${callee}: 480, offline mailbox full`);
      return (reply(480, 'Temporarily Unavailable (too many messages waiting)'), true);
    }
    if (result === 'stored') this.o.history?.stored(req, sender, callee);
    this.o.log.info(`MESSAGE ${sender} → ${callee}: 202, ${result} for delivery on registration`);
    return (reply(202, 'Accepted (stored until the user signs in)'), true);
  }

  registered(aor: string, conn: SipConnection): void {
    const binding = this.o.lookup(aor).find((b) => b.conn === conn);
    if (binding) this.deliver(aor, binding, true);
  }

  handleResponse(res: SipResponse, conn: SipConnection): boolean {
    const branch = res.topVia.branch;
    if (!branch?.startsWith(BRANCH_PREFIX)) return false;
    const flight = this.inFlight.get(branch);
    if (!flight || flight.conn !== conn || res.status < 200) return true;
    this.finish(branch, flight, res.status < 300 ? null : `${res.status} ${res.reason}`);
    return true;
  }

  close(): void {
    this.closed = true;
    for (const f of this.inFlight.values()) clearTimeout(f.timer);
    for (const t of this.retries.values()) clearTimeout(t);
    this.inFlight.clear();
    this.retries.clear();
  }

  /** Sends the user's waiting messages (all of them after a registration, else those due). */
  private deliver(aor: string, binding: Binding, all: boolean): void {
    if (this.closed || !binding.conn.open) return;
    const now = this.now();
    let nextDue = Infinity;
    for (const message of this.o.store.pending(aor)) {
      if (this.busy.has(message.id)) continue;
      if (all || message.nextAttemptAt <= now) this.send(message, binding);
      else nextDue = Math.min(nextDue, message.nextAttemptAt);
    }
    if (nextDue !== Infinity) this.scheduleRetry(aor, nextDue - now);
  }

  private send(message: OfflineMessage, binding: Binding): void {
    const branch = `${BRANCH_PREFIX}${randomBytes(9).toString('base64url')}`;
    const text = serialize(
      `MESSAGE ${binding.contact.uri.raw} SIP/2.0`,
      [
        header('Via', `SIP/2.0/WSS ${this.o.domain};branch=${branch}`),
        header('Max-Forwards', '70'),
        header('From', message.fromHeader),
        header('To', `<sip:${message.recipient}@${this.o.domain}>`),
        header('Call-ID', message.callId),
        header('CSeq', `${message.attempts + 1} MESSAGE`),
        ...message.headers.map(([name, value]) => header(name, value)),
        header('Content-Type', message.contentType),
      ],
      message.body,
    );
    const timer = setTimeout(() => {
      const flight = this.inFlight.get(branch);
      if (flight) this.finish(branch, flight, 'no answer');
    }, this.o.answerTimeoutMs);
    timer.unref();
    this.busy.add(message.id);
    this.inFlight.set(branch, { message, conn: binding.conn, timer });
    binding.conn.send(text);
  }

  private finish(branch: string, flight: InFlight, failure: string | null): void {
    clearTimeout(flight.timer);
    this.inFlight.delete(branch);
    this.busy.delete(flight.message.id);
    const { message } = flight;
    if (failure === null) {
      this.o.store.delivered(message.id);
      this.o.history?.delivered(message);
      this.o.log.info(`MESSAGE ${message.sender} → ${message.recipient}: delivered after registration`);
      return;
    }
    const delay = Math.min(this.o.maxRetryMs, this.o.retryBaseMs * 2 ** message.attempts);
    this.o.store.failed(message.id, this.now() + delay);
    this.o.log.info(
      `MESSAGE ${message.sender} → ${message.recipient}: not delivered (${failure}), retry in ${delay} ms`,
    );
    this.scheduleRetry(message.recipient, delay);
  }

  private scheduleRetry(aor: string, delay: number): void {
    if (this.closed || this.retries.has(aor)) return;
    const timer = setTimeout(() => {
      this.retries.delete(aor);
      const binding = this.o.lookup(aor)[0];
      if (binding) this.deliver(aor, binding, false);
    }, delay);
    timer.unref();
    this.retries.set(aor, timer);
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }
}
