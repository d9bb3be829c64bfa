/**
 * Our side of RFC 3994: `active` when typing starts and again at most every COMPOSING_RESEND_MS while
 * it goes on; `idle` COMPOSING_IDLE_MS after the last keystroke, or when the user stops (clears the
 * box, leaves). Sending the message itself ends composing without an `idle` (RFC 3994 §3.3).
 */
import type { Clock, TimerHandle } from '../util';
import { buildIsComposing, COMPOSING_IDLE_MS, COMPOSING_RESEND_MS } from './is-composing';
import type { PeerAddress } from './types';

interface PeerTyping {
  lastActiveSentAt: number;
  idleTimer: TimerHandle;
}

export class ComposingSender {
  private readonly peers = new Map<PeerAddress, PeerTyping>();

  constructor(
    private readonly clock: Clock,
    private readonly send: (peer: PeerAddress, body: string) => void,
  ) {}

  typing(peer: PeerAddress): void {
    const now = this.clock.now();
    const current = this.peers.get(peer);
    if (current) this.clock.clearTimeout(current.idleTimer);
    const due = !current || now - current.lastActiveSentAt >= COMPOSING_RESEND_MS;
    if (due) this.send(peer, buildIsComposing(true));
    this.peers.set(peer, {
      lastActiveSentAt: due ? now : current!.lastActiveSentAt,
      idleTimer: this.clock.setTimeout(() => this.stopped(peer, true), COMPOSING_IDLE_MS),
    });
  }

  /** Ends composing towards `peer`; sends `idle` when asked and `active` had been sent. */
  stopped(peer: PeerAddress, sendIdle: boolean): void {
    const current = this.peers.get(peer);
    if (!current) return;
    this.clock.clearTimeout(current.idleTimer);
    this.peers.delete(peer);
    if (sendIdle) this.send(peer, buildIsComposing(false));
  }

  dispose(): void {
    for (const { idleTimer } of this.peers.values()) this.clock.clearTimeout(idleTimer);
    this.peers.clear();
  }
}
