/**
 * The webcall a channel conversation turned into, in that conversation's timeline (ADR 0029). When an
 * agent sends a call link on a conversation, the room is linked to it (channel_call_links); then:
 * - `opened`: the join page asked whether the agent is free (the availability route's hook), once;
 * - `answered`: the room's guest and its agent are in a confirmed call through the embedded SIP proxy;
 * - `ended`: that call is gone, with its duration (from `answered`);
 * - `expired`: the link ran out and no call was ever answered, once.
 *
 * Calls are read from the proxy's confirmed dialogs (`callPeers`, the same source as the webcall
 * availability route) at each `tick()`: once a second in the server, by hand in tests. The state lives
 * in SQLite (the last answered/ended event), so a restart mid-call still records its end. Sendbird
 * rooms and Kamailio deployments have no dialogs here: their timeline shows `opened` and `expired` only.
 */
import type { ChannelCallEvent } from '../../src/api/channels-schemas';
import type { CallLinkRow, ChannelStore } from './store';

export interface CallWatchDeps {
  store: ChannelStore;
  /** Users `username` is in a confirmed call with (the embedded SIP proxy; none behind Kamailio). */
  callPeers(username: string): string[];
  /** A conversation's timeline changed (tell its agent's open panels). */
  changed(conversationId: number): void;
  now?: () => number;
}

/** How long after its link expired a call is still watched (the proxy drops the guest at expiry). */
const AFTER_EXPIRY_MS = 10 * 60_000;

export class CallWatch {
  private readonly now: () => number;

  constructor(private readonly d: CallWatchDeps) {
    this.now = d.now ?? Date.now;
  }

  /** The join page of `roomId` was opened (it asked for the agent's availability). */
  opened(roomId: string): void {
    const link = this.d.store.callLink(roomId);
    if (link) this.add(link, 'opened', this.now());
  }

  /** Compares each live link's call with what the timeline says, and records what changed. */
  tick(): void {
    const now = this.now();
    for (const link of this.d.store.liveCallLinks(now - AFTER_EXPIRY_MS)) {
      const inCall = this.d.callPeers(link.agent).includes(link.guestUser);
      const last = this.d.store.lastCallState(link.roomId);
      if (inCall && last?.event !== 'answered') this.add(link, 'answered', now);
      else if (!inCall && last?.event === 'answered') this.add(link, 'ended', now, now - last.at);
    }
    for (const link of this.d.store.unusedExpiredLinks(now)) this.add(link, 'expired', link.expiresAt);
  }

  private add(link: CallLinkRow, event: ChannelCallEvent['event'], at: number, durationMs?: number): void {
    if (this.d.store.addCallEvent(link, event, at, durationMs ?? null)) this.d.changed(link.conversation);
  }
}
