/**
 * Push-then-INVITE for the embedded proxy: an INVITE for a user with no live registration but with
 * push subscriptions is answered 180 Ringing and held while a Web Push wakes the user's app; when the
 * app registers, the INVITE is forwarded to it. It ends otherwise: the caller CANCELs (487), the
 * user declines from the notification (486), or nothing registers within the hold time (the fallback:
 * voicemail when wired, else 480). Every end but delivery sends a "call-ended" push so the
 * notification closes; delivery sends one too, so the user's other devices stop ringing.
 */
import { randomBytes } from 'node:crypto';
import type { CallEndedReason, PushMessage } from '../../src/lib/push-payload';
import type { Logger } from '../log';
import { shortId, txnKey } from '../sip/forwarding';
import { header, type SipRequest } from '../sip/message';
import { buildResponse, randomToken } from '../sip/serialize';
import type { SipConnection } from '../sip/transport';
import type { UnreachableCall, UnreachableCallee } from '../sip/unreachable';
import type { PushOutcome } from './sender';

export interface HeldInvitesOptions {
  /** How long a call is held for the woken app (PUSH_HOLD_MS). */
  holdMs: number;
  /** Contact of our 180 (sip.js drops a 180 without one), e.g. `<sip:openline.local;transport=ws>`. */
  contact: string;
  push(user: string, message: PushMessage, ttlS: number): Promise<PushOutcome>;
  hasSubscriptions(user: string): boolean;
  log: Logger;
  /** Caps: held calls per callee, per caller connection, and in all. */
  maxPerCallee?: number;
  maxPerCaller?: number;
  maxTotal?: number;
  /**
   * What to do with a call nobody picked up in time; true when it took the call. The proxy's
   * voicemail fallback plugs in here; without it the caller gets 480.
   */
  fallback?: (call: UnreachableCall) => boolean;
}

interface Held {
  key: string;
  call: UnreachableCall;
  toTag: string;
  token: string;
  caller: { name: string; number: string };
  timer: NodeJS.Timeout;
}

export class HeldInvites implements UnreachableCallee {
  private readonly byKey = new Map<string, Held>();
  private readonly byToken = new Map<string, Held>();
  /** Counters for tests and stats. */
  readonly counts = { held: 0, delivered: 0, cancelled: 0, declined: 0, timedOut: 0, refused: 0 };

  constructor(private readonly o: HeldInvitesOptions) {}

  get size(): number {
    return this.byKey.size;
  }

  hold(call: UnreachableCall): boolean {
    const { req, conn, callee } = call;
    const key = txnKey(req, conn, 'INVITE');
    const again = this.byKey.get(key);
    if (again) {
      // A retransmission of a held INVITE: repeat the 180.
      conn.send(this.ringing(req, again.toTag));
      return true;
    }
    if (!this.o.hasSubscriptions(callee)) return false;
    const held = [...this.byKey.values()];
    if (
      held.length >= (this.o.maxTotal ?? 1000) ||
      held.filter((h) => h.call.callee === callee).length >= (this.o.maxPerCallee ?? 4) ||
      held.filter((h) => h.call.conn === conn).length >= (this.o.maxPerCaller ?? 4)
    ) {
      this.counts.refused++;
      return false;
    }
    const entry: Held = {
      key,
      call,
      toTag: randomToken(6),
      token: randomBytes(32).toString('base64url'),
      caller: {
        name: (req.from.displayName ?? '').slice(0, 64),
        number: (req.from.uri.user ?? '').slice(0, 64),
      },
      timer: setTimeout(() => this.timedOut(entry), this.o.holdMs),
    };
    entry.timer.unref();
    this.byKey.set(key, entry);
    this.byToken.set(entry.token, entry);
    this.counts.held++;
    conn.send(buildResponse(req, 100));
    conn.send(this.ringing(req, entry.toTag));
    this.o.log.info(
      `call ${shortId(req.callId)} → ${callee}: not registered, held ${this.o.holdMs} ms for push`,
    );
    const expiresAt = Date.now() + this.o.holdMs;
    void this.o
      .push(
        callee,
        { type: 'call', callId: req.callId, caller: entry.caller, declineToken: entry.token, expiresAt },
        this.o.holdMs / 1000,
      )
      .then((outcome) => {
        // Nothing to wait for when no device could be reached: fall back now.
        if (outcome.sent === 0 && this.byKey.get(key) === entry) {
          this.o.log.info(`call ${shortId(req.callId)}: no push delivered, not holding`);
          this.timedOut(entry);
        }
      })
      .catch((error: unknown) => this.o.log.warn(`push for ${callee} failed: ${String(error)}`));
    return true;
  }

  cancel(req: SipRequest, conn: SipConnection): boolean {
    const entry = this.byKey.get(txnKey(req, conn, 'CANCEL'));
    if (!entry) return false;
    conn.send(buildResponse(req, 200));
    entry.call.conn.send(buildResponse(entry.call.req, 487, { toTag: entry.toTag }));
    this.counts.cancelled++;
    this.end(entry, 'cancelled');
    return true;
  }

  /** The notification's Decline: 486 to the caller. False when the token is unknown or used. */
  decline(callId: string, token: string): boolean {
    const entry = this.byToken.get(token);
    if (!entry || entry.call.req.callId !== callId) return false;
    entry.call.conn.send(buildResponse(entry.call.req, 486, { toTag: entry.toTag }));
    this.counts.declined++;
    this.end(entry, 'declined');
    return true;
  }

  registered(aor: string): void {
    for (const entry of [...this.byKey.values()]) {
      if (entry.call.callee !== aor || !entry.call.deliver()) continue;
      this.counts.delivered++;
      this.o.log.info(`call ${shortId(entry.call.req.callId)} → ${aor}: registered, delivering held INVITE`);
      this.end(entry, 'delivered');
    }
  }

  connectionClosed(conn: SipConnection): void {
    for (const entry of [...this.byKey.values()]) {
      if (entry.call.conn !== conn) continue;
      this.counts.cancelled++;
      this.end(entry, 'cancelled');
    }
  }

  close(): void {
    for (const entry of this.byKey.values()) clearTimeout(entry.timer);
    this.byKey.clear();
    this.byToken.clear();
  }

  private ringing(req: SipRequest, toTag: string): string {
    return buildResponse(req, 180, { toTag, headers: [header('Contact', this.o.contact)] });
  }

  private timedOut(entry: Held): void {
    if (this.byKey.get(entry.key) !== entry) return;
    this.counts.timedOut++;
    this.end(entry, 'timeout');
    const { call } = entry;
    if (this.o.fallback?.(call)) return;
    call.conn.send(buildResponse(call.req, 480, { toTag: entry.toTag }));
  }

  private end(entry: Held, reason: CallEndedReason): void {
    clearTimeout(entry.timer);
    this.byKey.delete(entry.key);
    this.byToken.delete(entry.token);
    const { req, callee } = entry.call;
    // Short TTL: a "stop ringing" that arrives minutes later is pointless.
    void this.o
      .push(callee, { type: 'call-ended', callId: req.callId, reason, caller: entry.caller }, 60)
      .catch((error: unknown) => this.o.log.warn(`push for ${callee} failed: ${String(error)}`));
  }
}
