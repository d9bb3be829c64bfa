/** What a call needs from the engine, and the sip.js session it wraps. */
import type { SessionDescriptionHandlerModifier } from 'sip.js';
import type { Call } from './call';
import type { GetUserMedia } from './media';
import type { InvitationLike, InviterLike } from './ports';
import type { DtmfTone, PhoneConfig } from './types';
import type { Clock, Logger } from './util';

/** What a call needs from the engine. */
export interface CallContext {
  readonly config: PhoneConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly modifiers: SessionDescriptionHandlerModifier[];
  random(): number;
  getUserMedia: GetUserMedia;
  changed(call: Call): void;
  media(call: Call): void;
  dtmf(call: Call, tone: DtmfTone): void;
  ended(call: Call): void;
  /** The SIP WebSocket is up (a BYE can be sent now). */
  transportUp(): boolean;
  /** Send `bye` once the SIP connection is back (bounded; the engine tells the UI if it gives up). */
  deferBye(call: Call, bye: () => Promise<unknown>): void;
}

export type SessionKind =
  { direction: 'outgoing'; inviter: InviterLike } | { direction: 'incoming'; invitation: InvitationLike };
