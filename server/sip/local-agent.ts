/**
 * A user agent living inside the server (the voicemail endpoint, server/voicemail/deposit-agent.ts)
 * that the proxy routes calls to when the callee's phones do not take them: serial forking, like a
 * Kamailio failure_route. The agent is reached through a connection object, so its dialogs get the
 * same Record-Route, dialog tracking and in-dialog checks as a phone's. This file keeps the proxy from
 * depending on the feature.
 */
import type { SipRequest } from './message';
import type { Target } from './transaction-types';
import type { SipConnection } from './transport';

export interface LocalAgent {
  /** The agent's end of an in-process connection: the proxy sends to it like to a socket. */
  readonly conn: SipConnection;
  /** Given once by the SIP service: how the agent's requests and responses enter the proxy. */
  attach(inject: (text: string) => void): void;
  /** The Request-URI of the INVITE that asks the agent to answer for `callee`. */
  targetUri(callee: string): string;
  /**
   * Whether the agent can take this INVITE at all (an offer it can answer); when not, the call
   * ends as it would without an agent (480, 486...) instead of failing at the agent.
   */
  accepts(invite: SipRequest): boolean;
  /** How long `callee`'s phones ring before the call goes to the agent. */
  noAnswerMs(callee: string): number;
}

/**
 * Final responses of the callee's branches after which the call goes to the agent (RFC 3261 §21):
 * 486 Busy Here (the app's Decline button sends it: "not here, not now", so voicemail), 480
 * Temporarily Unavailable (the phone's socket dropped) and 408 (Timer C). Not 600 Busy Everywhere or
 * 603 Decline: a 6xx says the request fails at every location, and a proxy that gets one must not try
 * other destinations (§16.7 step 5), so the caller gets it. The no-answer timer's own CANCEL comes
 * back as 487 and also goes on; a caller's CANCEL never does.
 */
export const DIVERT_STATUSES: ReadonlySet<number> = new Set([408, 480, 486]);

/** The failover branch to `agent` for a call to `callee` (none without an agent that takes it). */
export function agentFailover(
  agent: LocalAgent | undefined,
  invite: SipRequest,
  callee: string,
): { target: Target; noAnswerMs: number } | undefined {
  if (!agent?.accepts(invite)) return undefined;
  const target = { conn: agent.conn, uri: agent.targetUri(callee), aor: callee };
  return { target, noAnswerMs: agent.noAnswerMs(callee) };
}
