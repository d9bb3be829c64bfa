/**
 * The tabs of one browser share a sign-out: the API session cookie is shared anyway, and a tab left
 * registered after the user signed out elsewhere would keep ringing for them (issue 16.4). Each tab
 * keeps its own SIP registration; only the sign-out travels.
 */
import { openTabChannel, type TabChannel } from '../lib/broadcast';

export type SessionTabMessage = { type: 'signed-out'; username: string };
export type SessionTabs = Pick<TabChannel<SessionTabMessage>, 'post' | 'subscribe'>;

export const SESSION_CHANNEL = 'openline-session';

export function isSessionTabMessage(data: unknown): data is SessionTabMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  return message.type === 'signed-out' && typeof message.username === 'string';
}

/** The session channel of this origin, or null without BroadcastChannel. */
export function openSessionTabs(): TabChannel<SessionTabMessage> | null {
  return openTabChannel(SESSION_CHANNEL, isSessionTabMessage);
}
