/** What a call needs from the engine, and the sip.js session it wraps. */
import type { SessionDescriptionHandlerModifier } from 'sip.js';
import type { ByeQueue } from './bye-queue';
import type { Call } from './call';
import type { TypedEmitter } from '../lib/emitter';
import type { GetUserMedia } from './media';
import type { EngineDeps, InvitationLike, InviterLike, ReferralLike } from './ports';
import { codecModifier } from './sdp';
import type { DtmfTone, PhoneConfig, PhoneEvents } from './types';
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
  /** The other party sent REFER (transfer.ts follows it). */
  referred(call: Call, referral: ReferralLike): void;
}

export type SessionKind =
  { direction: 'outgoing'; inviter: InviterLike } | { direction: 'incoming'; invitation: InvitationLike };

/** The context the engine gives each call of a run: events out, the run's config and connection. */
export function createCallContext(
  deps: EngineDeps,
  o: {
    currentConfig: () => PhoneConfig;
    transportUp: () => boolean;
    byes: ByeQueue;
    emitter: TypedEmitter<PhoneEvents>;
    /** The call ended: drop it from the engine's list. */
    forget(call: Call): void;
    referred(call: Call, referral: ReferralLike): void;
  },
): CallContext {
  return {
    get config() {
      return o.currentConfig();
    },
    clock: deps,
    logger: deps.logger,
    // Read at each offer/answer, so an operator's codec change applies to the next call (issue 13).
    get modifiers() {
      const codecs = o.currentConfig().codecs;
      return codecs ? [codecModifier(codecs)] : [];
    },
    random: () => deps.random(),
    getUserMedia: (constraints) => deps.getUserMedia(constraints),
    changed: (call) => o.emitter.emit('call', call.snapshot()),
    media: (call) => o.emitter.emit('media', call.id, call.media),
    dtmf: (call, tone) => o.emitter.emit('dtmf', call.id, tone),
    ended: (call) => o.forget(call),
    transportUp: o.transportUp,
    deferBye: (call, bye) => o.byes.add(call.id, bye),
    referred: (call, referral) => o.referred(call, referral),
  };
}

/** The Call-ID of the initial INVITE (sip.js fixes it when the session is created). */
export function sipCallIdOf(kind: SessionKind): string {
  return kind.direction === 'outgoing' ? kind.inviter.request.callId : kind.invitation.request.callId;
}
