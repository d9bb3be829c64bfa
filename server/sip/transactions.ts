/**
 * The proxy's transaction layer (RFC 3261 §16/§17): forwards a request to one or more branches,
 * relays provisional responses, picks the final one, CANCELs and ACKs branches, and guards with
 * Timer C (INVITE) and Timer F (non-INVITE); transports are reliable, so nothing is retransmitted.
 *
 * Abuse limits: pending transactions are capped per connection and per user (503 beyond), a target
 * whose socket is too slow to take more fails its branch with 503 instead of being cut off, and
 * responses are accepted only from the connection their branch was sent to.
 */
import {
  buildForward,
  chooseBest,
  deleteFrom,
  newBranch,
  setOf,
  shortId,
  txnKey,
  withAggregatedChallenges,
  type FinalResponse,
  fromUser,
  BRANCH_PREFIX,
  hopByHop,
} from './forwarding';
import { DIVERT_STATUSES } from './local-agent';
import { header, type SipHeader, type SipRequest, type SipResponse } from './message';
import { buildResponse, reasonPhrase, serialize } from './serialize';
import type { Branch, Failover, ServerTxn, Target, TransactionOptions } from './transaction-types';
import type { SipConnection } from './transport';

export type { Target, TransactionOptions, ServerTxn } from './transaction-types';

export class TransactionLayer {
  private readonly txns = new Map<string, ServerTxn>();
  private readonly branches = new Map<string, Branch>();
  /** Pending (not yet final) transactions by source connection and by sender. */
  private readonly pendingBySource = new Map<string, Set<ServerTxn>>();
  private readonly pendingByUser = new Map<string, Set<ServerTxn>>();
  private readonly branchesByConn = new Map<string, Set<Branch>>();
  calls = 0;
  /** Requests refused by the per-connection / per-user caps. */
  refused = 0;

  constructor(private readonly o: TransactionOptions) {}

  /** Transactions still waiting for a final response (finished INVITEs held for late 2xx not counted). */
  get size(): number {
    let n = 0;
    for (const set of this.pendingBySource.values()) n += set.size;
    return n;
  }
  /** Branches of pending transactions. */
  get branchCount(): number {
    let n = 0;
    for (const set of this.pendingBySource.values()) for (const txn of set) n += txn.branches.length;
    return n;
  }

  close(): void {
    for (const txn of this.txns.values()) {
      clearTimeout(txn.timer);
      clearTimeout(txn.failover?.timer);
    }
    this.txns.clear();
    this.branches.clear();
    this.pendingBySource.clear();
    this.pendingByUser.clear();
    this.branchesByConn.clear();
  }

  /** Repeats our last answer to a retransmitted request; true when `req` matched a transaction. */
  retransmission(req: SipRequest, conn: SipConnection): boolean {
    const existing = this.txns.get(txnKey(req, conn, req.method));
    if (!existing) return false;
    if (existing.lastResponse) conn.send(existing.lastResponse);
    return true;
  }

  forward(
    req: SipRequest,
    source: SipConnection,
    sender: string,
    targets: Target[],
    popRoutes: number,
    recordRoute?: (target: Target) => SipHeader,
    failover?: { target: Target; noAnswerMs: number },
  ): void {
    const bySource = this.pendingBySource.get(source.id)?.size ?? 0;
    const byUser = this.pendingByUser.get(sender)?.size ?? 0;
    if (bySource >= this.o.maxPerConnection || byUser >= this.o.maxPerUser) {
      this.refused++;
      if (this.refused % 1000 === 1)
        this.o.log.warn(`${sender} on ${source.remote}: too many pending transactions; refusing (503)`);
      source.send(
        buildResponse(req, 503, {
          reason: 'Service Unavailable (too many pending requests)',
          headers: [header('Retry-After', '5')],
        }),
      );
      return;
    }
    const isInvite = req.method === 'INVITE';
    const txn: ServerTxn = {
      key: txnKey(req, source, req.method),
      req,
      source,
      sender,
      isInvite,
      branches: [],
      finalStatus: 0,
      finals: [],
      cancelled: false,
      done: false,
      popRoutes,
      recordRoute,
    };
    this.txns.set(txn.key, txn);
    setOf(this.pendingBySource, source.id).add(txn);
    setOf(this.pendingByUser, sender).add(txn);
    if (isInvite) {
      txn.lastResponse = buildResponse(req, 100);
      source.send(txn.lastResponse);
      if (req.toTag === undefined) {
        this.calls++;
        this.o.log.info(
          `call ${shortId(req.callId)} ${fromUser(req)} → ${req.ruri.user ?? req.ruri.host}: ${targets.length} branch(es)`,
        );
      }
    }
    const sends = targets.map((target) => this.addBranch(txn, target));
    this.arm(txn, isInvite ? this.o.inviteTimeoutMs : this.o.nonInviteTimeoutMs);
    if (isInvite && failover) {
      const f: Failover = { target: failover.target, rangOut: false, used: false };
      f.timer = setTimeout(() => this.noAnswer(txn), failover.noAnswerMs);
      f.timer.unref();
      txn.failover = f;
    }
    for (const { branch, text } of sends) {
      if (branch.state === 'done' || branch.target.conn.send(text)) continue;
      this.onFinal(branch, { status: 503, reason: 'Service Unavailable (peer not reading)' });
    }
  }

  private addBranch(txn: ServerTxn, target: Target): { branch: Branch; text: string } {
    const id = newBranch();
    const built = buildForward(txn.req, {
      domain: this.o.domain,
      realm: this.o.realm,
      branch: id,
      uri: target.uri,
      popRoutes: txn.popRoutes,
      recordRoute: txn.recordRoute?.(target),
    });
    const branch: Branch = {
      id,
      txn,
      target,
      via: built.via,
      routes: built.routes,
      to: built.to,
      state: 'trying',
      cancelSent: false,
    };
    txn.branches.push(branch);
    this.branches.set(id, branch);
    setOf(this.branchesByConn, target.conn.id).add(branch);
    return { branch, text: built.text };
  }

  /** The callee's phones rang for the no-answer time: CANCEL them; their 487s send the call on. */
  private noAnswer(txn: ServerTxn): void {
    const f = txn.failover;
    if (!f || f.used || txn.done || txn.finalStatus !== 0 || txn.cancelled) return;
    f.rangOut = true;
    this.o.log.info(`call ${shortId(txn.req.callId)}: no answer, cancelling its branches`);
    this.cancelBranches(txn, 'SIP;cause=480;text="No answer"');
  }

  /**
   * Serial forking: every branch failed in a way that sends the call on (see DIVERT_STATUSES), so
   * the call gets one more branch, to the failover target; true when it did.
   */
  private divert(txn: ServerTxn): boolean {
    const f = txn.failover;
    if (!f || f.used || txn.cancelled || txn.finalStatus !== 0) return false;
    const best = chooseBest(txn.finals);
    if (!DIVERT_STATUSES.has(best.status) && !(f.rangOut && best.status === 487)) return false;
    f.used = true;
    clearTimeout(f.timer);
    this.o.log.info(
      `call ${shortId(txn.req.callId)}: ${best.status} from the callee, trying ${f.target.uri}`,
    );
    const { branch, text } = this.addBranch(txn, f.target);
    this.arm(txn, this.o.inviteTimeoutMs);
    if (!f.target.conn.send(text)) this.onFinal(branch, { status: 503, reason: 'Service Unavailable' });
    return true;
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

  handleResponse(res: SipResponse, conn: SipConnection): void {
    const branchId = res.topVia.branch;
    if (!branchId?.startsWith(BRANCH_PREFIX)) return; // not sent by us
    if (res.cseq.method === 'CANCEL' || res.cseq.method === 'ACK') return; // answers to our own CANCELs
    const branch = this.branches.get(branchId);
    // Unknown (a BYE we originated, a forgotten transaction) or from elsewhere than the branch went: drop.
    if (!branch || branch.target.conn !== conn) return;
    const headers = res.headers.slice();
    headers.splice(
      headers.findIndex((h) => h.key === 'via'),
      1,
    );
    if (!headers.some((h) => h.key === 'via')) return;
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
    if (txn.isInvite && res.status < 300 && txn.req.toTag === undefined) {
      this.o.onDialogConfirmed(txn.req, txn.source, txn.sender, branch.target, res);
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
        clearTimeout(txn.failover?.timer);
        txn.finalStatus = final.status;
        txn.lastResponse = text;
        if (txn.isInvite && txn.req.toTag === undefined) {
          this.o.log.info(
            `call ${shortId(txn.req.callId)} answered (${final.status}) on ${branch.target.conn.id}`,
          );
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
    if (this.divert(txn)) return;
    clearTimeout(txn.failover?.timer);
    if (txn.finalStatus === 0) {
      const best = chooseBest(txn.finals);
      // RFC 3261 §16.7 step 6: a received 503 goes upstream as 500; our own 503 (busy peer) stays.
      const status = best.status === 503 && best.headers ? 500 : best.status;
      const reason = status !== best.status ? reasonPhrase(500) : best.reason;
      const text = best.headers
        ? serialize(`SIP/2.0 ${status} ${reason}`, withAggregatedChallenges(best, txn.finals), best.body)
        : buildResponse(txn.req, status, { reason });
      txn.finalStatus = status;
      txn.lastResponse = text;
      txn.source.send(text);
      if (txn.isInvite && txn.req.toTag === undefined) {
        this.o.log.info(`call ${shortId(txn.req.callId)} failed: ${status} ${reason}`);
      }
    }
    txn.done = true;
    deleteFrom(this.pendingBySource, txn.source.id, txn);
    deleteFrom(this.pendingByUser, txn.sender, txn);
    if (txn.isInvite) {
      // Keep an INVITE a while: to absorb the caller's ACK for our non-2xx (Timer H-like), and to
      // relay 2xx retransmissions and late forked 2xx from the branches it went to.
      this.arm(txn, this.o.nonInviteTimeoutMs);
    } else this.forget(txn);
  }

  private forget(txn: ServerTxn): void {
    clearTimeout(txn.timer);
    if (this.txns.get(txn.key) === txn) this.txns.delete(txn.key);
    for (const b of txn.branches) {
      if (this.branches.get(b.id) === b) this.branches.delete(b.id);
      deleteFrom(this.branchesByConn, b.target.conn.id, b);
    }
  }

  /** A hop-by-hop ACK for our non-2xx final response; true when it matched one (and is absorbed). */
  absorbAck(req: SipRequest, conn: SipConnection): boolean {
    const txn = this.txns.get(txnKey(req, conn, 'INVITE'));
    if (!txn || txn.finalStatus < 300) return false;
    this.forget(txn);
    return true;
  }

  handleCancel(req: SipRequest, conn: SipConnection): void {
    const txn = this.txns.get(txnKey(req, conn, 'INVITE'));
    if (!txn) return void conn.send(buildResponse(req, 481));
    conn.send(buildResponse(req, 200));
    if (txn.finalStatus !== 0 || txn.cancelled) return;
    txn.cancelled = true;
    this.o.log.info(`call ${shortId(req.callId)} cancelled by caller`);
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
    branch.target.conn.send(hopByHop('CANCEL', branch.txn.req, branch, branch.to.value, reason));
  }

  /** Hop-by-hop ACK for a non-2xx final response to an INVITE branch (RFC 3261 §17.1.1.3). */
  private sendAck(branch: Branch, res: SipResponse): void {
    branch.target.conn.send(hopByHop('ACK', branch.txn.req, branch, res.get('to') ?? branch.to.value));
  }

  /** A WebSocket closed: fail branches that were waiting on it, cancel calls it placed. */
  connectionClosed(conn: SipConnection): void {
    for (const b of [...(this.branchesByConn.get(conn.id) ?? [])]) {
      if (b.state !== 'done') this.onFinal(b, { status: 480, reason: 'Temporarily Unavailable' });
    }
    this.branchesByConn.delete(conn.id);
    for (const txn of [...(this.pendingBySource.get(conn.id) ?? [])]) {
      if (txn.isInvite && txn.finalStatus === 0 && !txn.cancelled) {
        txn.cancelled = true;
        this.cancelBranches(txn, undefined);
        this.arm(txn, this.o.nonInviteTimeoutMs);
      }
    }
  }
}
