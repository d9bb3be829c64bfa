/**
 * Event packages the server itself is the notifier for (RFC 6665), e.g. MWI in
 * server/voicemail/mwi.ts. The proxy hands them SUBSCRIBEs at one hook and tells them about closed
 * connections; this file keeps the proxy from depending on any feature.
 */
import type { SipRequest } from './message';
import type { SipConnection } from './transport';

export interface LocalEventServer {
  /**
   * An out-of-dialog SUBSCRIBE to a local AOR, already authenticated as `sender` (From).
   * True when this server answered it (its event package); false lets the proxy route it.
   */
  subscribe(req: SipRequest, conn: SipConnection, sender: string): boolean;
  /** An in-dialog SUBSCRIBE addressed to the server itself (refresh, unsubscribe); true when answered. */
  inDialog(req: SipRequest, conn: SipConnection): boolean;
  connectionClosed(conn: SipConnection): void;
}
