/** The proxy transaction layer's records (./transactions.ts). */
import type { Logger } from '../log';
import type { SipHeader, SipRequest, SipResponse } from './message';
import type { FinalResponse } from './forwarding';
import type { SipConnection } from './transport';

export interface Target {
  conn: SipConnection;
  uri: string;
  /** The AOR the target stands for (Record-Route token, dialog tracking). */
  aor: string;
}

export interface TransactionOptions {
  domain: string;
  realm: string;
  log: Logger;
  inviteTimeoutMs: number;
  nonInviteTimeoutMs: number;
  maxPerConnection: number;
  maxPerUser: number;
  /** An initial INVITE's 2xx went upstream: a dialog between `txn.source` and `branch.conn` exists. */
  onDialogConfirmed(
    req: SipRequest,
    source: SipConnection,
    sender: string,
    target: Target,
    res: SipResponse,
  ): void;
}

export interface ServerTxn {
  key: string;
  req: SipRequest;
  source: SipConnection;
  /** The user the request is sent as (the caller's proven identity). */
  sender: string;
  isInvite: boolean;
  branches: Branch[];
  /** Status of the final response sent upstream; 0 while none. */
  finalStatus: number;
  lastResponse?: string;
  finals: FinalResponse[];
  cancelled: boolean;
  timer?: NodeJS.Timeout;
  done: boolean;
  /** Route entries of ours to pop, and the Record-Route for each branch (kept for a later branch). */
  popRoutes: number;
  recordRoute?: (target: Target) => SipHeader;
  /** Serial forking: where the call goes when its branches fail or ring too long. */
  failover?: Failover;
}

/** The next hop of a call nobody answered (voicemail), tried once. */
export interface Failover {
  target: Target;
  /** Fires after the no-answer time: CANCELs the ringing branches so the call can go on. */
  timer?: NodeJS.Timeout;
  /** The no-answer timer fired (the branches' 487s then mean "no answer", not "cancelled"). */
  rangOut: boolean;
  used: boolean;
}

export interface Branch {
  id: string;
  txn: ServerTxn;
  target: Target;
  via: SipHeader;
  routes: SipHeader[];
  /** To as sent on this branch (no tag): CANCEL repeats it. */
  to: SipHeader;
  state: 'trying' | 'proceeding' | 'done';
  /** Set when a CANCEL must go out as soon as a provisional response arrives. */
  cancelPending?: { reason: string | undefined };
  cancelSent: boolean;
}
