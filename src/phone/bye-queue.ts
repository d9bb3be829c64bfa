/**
 * BYEs for calls hung up while the SIP connection was down. The call ends on our screen at
 * once; the BYE goes out after the next successful REGISTER so the other side stops showing
 * "Connected". Bounded in time and size: after BYE_RETRY_LIMIT_MS (or when the queue is full,
 * or the engine stops) the BYE is given up and `onGiveUp` tells the UI.
 */
import { errorMessage } from '../lib/errors';
import type { Clock, Logger, TimerHandle } from './util';

export const BYE_RETRY_LIMIT_MS = 60_000;
export const BYE_QUEUE_MAX = 16;

export const UNDELIVERED_HANGUP_MESSAGE =
  'Could not tell the other side that you hung up: no connection to the SIP server';

export interface ByeQueueDeps {
  clock: Clock;
  logger: Logger;
  onGiveUp(callId: string, message: string): void;
}

interface Entry {
  readonly callId: string;
  readonly send: () => Promise<unknown>;
  readonly timer: TimerHandle;
}

export class ByeQueue {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly deps: ByeQueueDeps) {}

  get size(): number {
    return this.entries.size;
  }

  add(callId: string, send: () => Promise<unknown>): void {
    if (this.entries.has(callId)) return;
    if (this.entries.size >= BYE_QUEUE_MAX) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.giveUp(oldest);
    }
    const timer = this.deps.clock.setTimeout(() => this.giveUp(callId), BYE_RETRY_LIMIT_MS);
    this.entries.set(callId, { callId, send, timer });
  }

  /** The connection is back (registered again): send them all. */
  flush(): void {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const entry of entries) {
      this.deps.clock.clearTimeout(entry.timer);
      entry.send().catch((error) => {
        this.deps.logger.warn(`Sending the BYE for call ${entry.callId} failed`, error);
        this.deps.onGiveUp(entry.callId, `${UNDELIVERED_HANGUP_MESSAGE} (${errorMessage(error)})`);
      });
    }
  }

  /** The engine stops: whatever is left will never be sent. */
  abandon(): void {
    for (const callId of [...this.entries.keys()]) this.giveUp(callId);
  }

  private giveUp(callId: string): void {
    const entry = this.entries.get(callId);
    if (!entry) return;
    this.entries.delete(callId);
    this.deps.clock.clearTimeout(entry.timer);
    this.deps.onGiveUp(callId, UNDELIVERED_HANGUP_MESSAGE);
  }
}
