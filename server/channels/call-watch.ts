/**
 * The webcall a channel conversation turned into, in that conversation's timeline (ADR 0029, ADR 0034).
 * When an agent sends a call link on a conversation, the room is linked to it (channel_call_links); then:
 * - `opened`: the join page asked whether the agent is free (the availability route's hook), once;
 * - `answered`: the room's guest and its agent are in a call;
 * - `ended`: that call is over, with its duration (from `answered`), or without one when nobody said
 *   when it ended (ADR 0034);
 * - `expired`: the link ran out and no call was ever answered, once.
 *
 * Whose word counts for `answered`/`ended` depends on the room (ADR 0034):
 * - a SIP room with the embedded proxy: the proxy's confirmed dialogs (`callPeers`, the same source as
 *   the webcall availability route), compared with the last answered/ended row in SQLite as each call
 *   begins or ends (`callChanged()`, so a call shorter than a second is timed to the millisecond), and
 *   again at each `tick()` (once a second in the server, by hand in tests), so a restart mid-call still
 *   records its end;
 * - a Sendbird room, or any room behind Kamailio (no `callPeers`): the report of the agent's app that owns
 *   the room (`report()`): the first `answered`, then one `ended` timed by this server's clock.
 * Either way, a call still answered ten minutes after its link expired gets an `ended` row without a
 * duration: whoever would have told us of its end is gone.
 */
import type { ChannelCallEvent } from '../../src/api/channels-schemas';
import type { CallLinkRow, ChannelStore } from './store';

export interface CallWatchDeps {
  store: ChannelStore;
  /**
   * Users `username` is in a confirmed call with (the embedded SIP proxy). Absent (Kamailio): there are
   * no dialogs to watch, and every room's calls come from the agent's app.
   */
  callPeers?(username: string): string[];
  /** A conversation's timeline changed (tell its agent's open panels). */
  changed(conversationId: number): void;
  now?: () => number;
}

/** What the agent's app reports of its room's call. */
export type CallReport = 'answered' | 'ended';

/**
 * What became of a report: `recorded`; `duplicate` (already there: the first answered and the first
 * ended win); `dialogs` (the proxy's dialogs are this room's source: ignored); `not_answered` (an end
 * with no answered call); `expired` (too late: an answer after the link's expiry, an end after the
 * watch gave up on it); `not_linked` (the room's link was not sent on a conversation: no timeline).
 */
export type ReportOutcome = 'recorded' | 'duplicate' | 'dialogs' | 'not_answered' | 'expired' | 'not_linked';

/** How long after its link expired a call is still watched (the proxy drops the guest at expiry). */
export const AFTER_EXPIRY_MS = 10 * 60_000;

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

  /** The embedded proxy's dialogs show this room's calls (then reports are not its source). */
  watchesDialogs(link: CallLinkRow): boolean {
    return this.d.callPeers !== undefined && link.provider === 'sip';
  }

  /** The agent's app says its room's call was answered or ended (the route checked who asks). */
  report(roomId: string, event: CallReport): ReportOutcome {
    const link = this.d.store.callLink(roomId);
    if (!link) return 'not_linked';
    if (this.watchesDialogs(link)) return 'dialogs';
    const now = this.now();
    if (event === 'answered') {
      // Nobody joins a link after its expiry: a late answer is not a call of this link.
      if (now >= link.expiresAt) return 'expired';
      if (this.d.store.hasCallEvent(link.roomId, 'answered')) return 'duplicate';
      this.add(link, 'answered', now);
      return 'recorded';
    }
    if (now >= link.expiresAt + AFTER_EXPIRY_MS) return 'expired';
    if (this.d.store.hasCallEvent(link.roomId, 'ended')) return 'duplicate';
    const last = this.d.store.lastCallState(link.roomId);
    if (last?.event !== 'answered') return 'not_answered';
    this.add(link, 'ended', now, Math.max(0, now - last.at));
    return 'recorded';
  }

  /**
   * A call between these two users began or ended on the proxy (already in `callPeers`): compares the
   * links between them now, not at the next tick, which a short call could fall between.
   */
  callChanged([a, b]: [string, string]): void {
    this.compareDialogs(
      this.now(),
      (link) => (link.agent === a && link.guestUser === b) || (link.agent === b && link.guestUser === a),
    );
  }

  /** Compares each watched live link's call with what the timeline says, and records what changed. */
  tick(): void {
    const now = this.now();
    this.compareDialogs(now, () => true);
    for (const link of this.d.store.unusedExpiredLinks(now)) this.add(link, 'expired', link.expiresAt);
    // Answered, never ended, and no longer watched: ended, at the link's expiry, duration unknown.
    for (const link of this.d.store.unendedCallLinks(now - AFTER_EXPIRY_MS)) {
      const answeredAt = this.d.store.lastCallState(link.roomId)?.at ?? link.expiresAt;
      this.add(link, 'ended', Math.max(link.expiresAt, answeredAt));
    }
  }

  private compareDialogs(now: number, concerns: (link: CallLinkRow) => boolean): void {
    const callPeers = this.d.callPeers;
    if (!callPeers) return;
    for (const link of this.d.store.liveCallLinks(now - AFTER_EXPIRY_MS)) {
      if (!this.watchesDialogs(link) || !concerns(link)) continue;
      const inCall = callPeers(link.agent).includes(link.guestUser);
      const last = this.d.store.lastCallState(link.roomId);
      if (inCall && last?.event !== 'answered') this.add(link, 'answered', now);
      else if (!inCall && last?.event === 'answered') this.add(link, 'ended', now, now - last.at);
    }
  }

  private add(link: CallLinkRow, event: ChannelCallEvent['event'], at: number, durationMs?: number): void {
    if (this.d.store.addCallEvent(link, event, at, durationMs ?? null)) this.d.changed(link.conversation);
  }
}
