/**
 * INVITE dialogs the proxy has seen confirmed (a 2xx relayed to the caller), so that a call whose
 * party vanished ends: when a party's WebSocket closes and, after a grace period, no binding of its
 * AOR holds its contact again (sip.js re-registers the same contact on a new socket), the proxy
 * sends BYE to the surviving party, with a Reason header, and forgets the dialog. A BYE from either
 * party also forgets it.
 */
import type { Logger } from '../log';
import { newBranch, setOf, deleteFrom, shortId } from './forwarding';
import type { SipUri } from './grammar';
import { header, type SipRequest, type SipResponse } from './message';
import { serialize, SERVER_HEADER } from './serialize';
import type { SipConnection } from './transport';

interface Party {
  conn: SipConnection;
  aor: string;
  /** Its Contact URI (the Request-URI for requests to it). */
  contact: SipUri;
  /** Its From (caller) or To (callee) header value, with its tag. */
  nameAddr: string;
  tag: string;
  /** Highest CSeq it has sent in this dialog. */
  cseq: number;
  graceTimer?: NodeJS.Timeout;
}

interface Dialog {
  key: string;
  callId: string;
  parties: [Party, Party];
}

export interface DialogOptions {
  domain: string;
  graceMs: number;
  log: Logger;
  /** A live binding of `aor` whose contact is `contact`, if the party has come back. */
  rebound(aor: string, contact: SipUri): SipConnection | undefined;
  parseUri(text: string): SipUri | null;
  /**
   * A call began (its 2xx was relayed) or ended (a BYE, or a party that did not come back): the AORs of
   * its two parties, told after `peersOf` already shows the change. Not told when the proxy closes.
   */
  changed?(parties: [string, string]): void;
}

export class DialogTracker {
  private readonly dialogs = new Map<string, Dialog>();
  private readonly byConn = new Map<string, Set<Dialog>>();
  /** BYEs sent because a party vanished (stats). */
  ended = 0;

  constructor(private readonly o: DialogOptions) {}

  get size(): number {
    return this.dialogs.size;
  }

  /** The other parties of `aor`'s confirmed calls (empty: not in a call). Webcall availability reads it. */
  peersOf(aor: string): string[] {
    const peers: string[] = [];
    for (const dialog of this.dialogs.values()) {
      const [a, b] = dialog.parties;
      if (a.aor === aor) peers.push(b.aor);
      else if (b.aor === aor) peers.push(a.aor);
    }
    return peers;
  }

  /** An initial INVITE got a 2xx: remember the dialog (idempotent for retransmissions). */
  confirmed(
    req: SipRequest,
    caller: { conn: SipConnection; aor: string },
    callee: { conn: SipConnection; aor: string },
    res: SipResponse,
  ): void {
    const callerTag = req.fromTag;
    const calleeTag = res.to.params.get('tag') ?? undefined;
    const callerContact = req.contacts();
    const calleeContact = this.o.parseUri(/<([^>]*)>/.exec(res.get('contact') ?? '')?.[1] ?? '');
    if (!callerTag || !calleeTag || !Array.isArray(callerContact) || !callerContact[0] || !calleeContact)
      return;
    const key = dialogKey(req.callId, callerTag, calleeTag);
    if (this.dialogs.has(key)) return;
    const dialog: Dialog = {
      key,
      callId: req.callId,
      parties: [
        {
          ...caller,
          contact: callerContact[0].uri,
          nameAddr: req.get('from')!,
          tag: callerTag,
          cseq: req.cseq.seq,
        },
        { ...callee, contact: calleeContact, nameAddr: res.get('to')!, tag: calleeTag, cseq: 0 },
      ],
    };
    this.dialogs.set(key, dialog);
    for (const p of dialog.parties) setOf(this.byConn, p.conn.id).add(dialog);
    this.tell(dialog);
  }

  /** An in-dialog request passed through: track its CSeq; a BYE ends the dialog. */
  observe(req: SipRequest): void {
    const fromTag = req.fromTag;
    const toTag = req.toTag;
    if (!fromTag || !toTag) return;
    const dialog = this.dialogs.get(dialogKey(req.callId, fromTag, toTag));
    if (!dialog) return;
    if (req.method === 'BYE') return this.forget(dialog);
    const sender = dialog.parties.find((p) => p.tag === fromTag);
    if (sender) sender.cseq = Math.max(sender.cseq, req.cseq.seq);
  }

  /** A socket closed: give each of its dialog parties the grace period to come back. */
  connectionClosed(conn: SipConnection): void {
    const dialogs = this.byConn.get(conn.id);
    if (!dialogs) return;
    this.byConn.delete(conn.id);
    for (const dialog of dialogs) {
      for (const party of dialog.parties) {
        if (party.conn !== conn) continue;
        clearTimeout(party.graceTimer);
        party.graceTimer = setTimeout(() => this.graceOver(dialog, party), this.o.graceMs);
        party.graceTimer.unref();
      }
    }
  }

  private graceOver(dialog: Dialog, party: Party): void {
    party.graceTimer = undefined;
    if (this.dialogs.get(dialog.key) !== dialog) return;
    const back = this.o.rebound(party.aor, party.contact);
    if (back?.open) {
      party.conn = back;
      setOf(this.byConn, back.id).add(dialog);
      return;
    }
    const other = dialog.parties[0] === party ? dialog.parties[1] : dialog.parties[0];
    this.forget(dialog);
    if (!other.conn.open) return;
    this.ended++;
    this.o.log.info(
      `call ${shortId(dialog.callId)}: ${party.aor} did not come back; sending BYE to ${other.aor}`,
    );
    party.cseq++;
    const headers = [
      header('Via', `SIP/2.0/WS ${this.o.domain};branch=${newBranch()}`),
      header('Max-Forwards', '70'),
      header('From', party.nameAddr),
      header('To', other.nameAddr),
      header('Call-ID', dialog.callId),
      header('CSeq', `${party.cseq} BYE`),
      header('Reason', 'SIP;cause=480;text="Peer connection lost"'),
      SERVER_HEADER,
    ];
    other.conn.send(serialize(`BYE ${other.contact.raw} SIP/2.0`, headers));
  }

  private forget(dialog: Dialog, quietly = false): void {
    this.dialogs.delete(dialog.key);
    for (const p of dialog.parties) {
      clearTimeout(p.graceTimer);
      deleteFrom(this.byConn, p.conn.id, dialog);
    }
    if (!quietly) this.tell(dialog);
  }

  /** A listener's failure is logged: it must not stop the proxy relaying the message at hand. */
  private tell(dialog: Dialog): void {
    const [a, b] = dialog.parties;
    try {
      this.o.changed?.([a.aor, b.aor]);
    } catch (err) {
      this.o.log.error(`call ${shortId(dialog.callId)}: call change listener failed: ${String(err)}`);
    }
  }

  close(): void {
    for (const dialog of [...this.dialogs.values()]) this.forget(dialog, true);
  }
}

/** Dialog id independent of direction (caller and callee tags in either order). */
function dialogKey(callId: string, tagA: string, tagB: string): string {
  return tagA < tagB ? `${callId}|${tagA}|${tagB}` : `${callId}|${tagB}|${tagA}`;
}
