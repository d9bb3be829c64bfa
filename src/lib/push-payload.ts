/**
 * What the server's Web Push messages carry (server/push → service worker, src/sw/push.ts). Plain types
 * and a hand-written guard: the service worker does not load zod for two message shapes.
 */

/** An INVITE is being held for this user: ring with Answer / Decline. */
export interface CallPush {
  type: 'call';
  /** SIP Call-ID of the held INVITE: the app answers only the INVITE with this Call-ID. */
  callId: string;
  caller: { name: string; number: string };
  /** One-time capability for `POST /api/push/decline` (the service worker may have no session). */
  declineToken: string;
  /** Epoch ms after which the server no longer holds the call. */
  expiresAt: number;
}

/** The held call is over: close its notification. */
export interface CallEndedPush {
  type: 'call-ended';
  callId: string;
  reason: CallEndedReason;
  caller?: { name: string; number: string };
}

export type CallEndedReason = 'delivered' | 'cancelled' | 'declined' | 'timeout';
export type PushMessage = CallPush | CallEndedPush;

const ENDED_REASONS: readonly string[] = ['delivered', 'cancelled', 'declined', 'timeout'];

/** Tag of the notification a push shows for a held call (a follow-up push with the same tag closes it). */
export function pushCallTag(callId: string): string {
  return `openline-push-${callId}`;
}

function isCaller(value: unknown): value is { name: string; number: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.number === 'string';
}

export function parsePushMessage(value: unknown): PushMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.callId !== 'string' || v.callId.length === 0 || v.callId.length > 256) return null;
  if (v.type === 'call') {
    if (!isCaller(v.caller) || typeof v.declineToken !== 'string' || typeof v.expiresAt !== 'number') {
      return null;
    }
    return {
      type: 'call',
      callId: v.callId,
      caller: { name: v.caller.name, number: v.caller.number },
      declineToken: v.declineToken,
      expiresAt: v.expiresAt,
    };
  }
  if (v.type === 'call-ended' && typeof v.reason === 'string' && ENDED_REASONS.includes(v.reason)) {
    const ended: CallEndedPush = {
      type: 'call-ended',
      callId: v.callId,
      reason: v.reason as CallEndedReason,
    };
    if (isCaller(v.caller)) ended.caller = { name: v.caller.name, number: v.caller.number };
    return ended;
  }
  return null;
}
