/**
 * Hook of the proxy for INVITEs to a user with no live binding. Without one the proxy answers 480;
 * push-then-INVITE (server/push/held-invites.ts) holds the call until the woken app registers.
 */
import type { SipRequest, SipResponse } from './message';
import type { SipConnection } from './transport';

export interface UnreachableCall {
  req: SipRequest;
  /** The caller's connection (responses go there). */
  conn: SipConnection;
  /** The user the INVITE is for. */
  callee: string;
  /** Forwards the INVITE to the callee's live bindings now; false when there still are none. */
  deliver(): boolean;
}

export interface UnreachableCallee {
  /** True when the hook took the INVITE (it answers the caller from then on). */
  hold(call: UnreachableCall): boolean;
  /** A CANCEL from a caller: true when it matched a held INVITE (and was answered). */
  cancel(req: SipRequest, conn: SipConnection): boolean;
  /** A REGISTER for `aor` was answered: deliver what is held for it if it has bindings now. */
  registered(aor: string): void;
  /** A caller's socket closed: withdraw its held calls. */
  connectionClosed(conn: SipConnection): void;
}

/** Hook of the proxy for MESSAGEs to a user with no live binding (chat: server/chat/offline-delivery.ts). */
export interface OfflineMessages {
  /** An authenticated out-of-dialog MESSAGE for `call.callee`: true when the hook answered it (202 stored, or refused). */
  store(call: UnreachableCall): boolean;
  /** A REGISTER for `aor` was answered on `conn`: deliver what waits for it to the phone that registered. */
  registered(aor: string, conn: SipConnection): void;
  /** A response from a phone: true when it answers a MESSAGE the hook sent (the proxy ignores it then). */
  handleResponse(res: SipResponse, conn: SipConnection): boolean;
}

/** Hook of the proxy seeing the out-of-dialog MESSAGEs it routes between accounts (chat history: server/chat/history-tap.ts). */
export interface MessageTap {
  /** `req` from the account `sender` is being routed to the account `recipient`'s phones (or stored for them). */
  routed(req: SipRequest, sender: string, recipient: string): void;
}
