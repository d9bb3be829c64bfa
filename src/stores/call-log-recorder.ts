/**
 * Records every call when it ends, in the layer that owns calls (the engine link), not a screen:
 * the link hands each call event to `observe`; for an ended call it gets back the write, and shows
 * the call as ended only once the entry is stored. The account is the one signed in when the call
 * was first seen, so a call cut off by sign-out still lands in its own account's log.
 */
import { CallState, type CallSnapshot } from '../phone/types';
import type { CallLogEntry } from '../storage/call-log-schema';
import { callLogEntryOf } from './call-outcome';

export interface CallEndObserver {
  /** Every call event; for an ended call, a promise that settles once it is recorded. */
  observe(call: CallSnapshot): Promise<void> | null;
}

export interface CallLogRecorderDeps {
  /** The signed-in account (`user@domain`), null when signed out. */
  account(): string | null;
  record(entry: CallLogEntry): Promise<void>;
  /** Calls recorded elsewhere (a webcall room's guest: the room's entry covers it). */
  skip?(call: CallSnapshot): boolean;
  /** A write that failed: the call still ends on screen, the user is told the log missed it. */
  failed?(error: unknown, call: CallSnapshot): void;
}

/** Marks a live call that is not to be recorded. */
const SKIPPED = Symbol('skipped');

export function createCallLogRecorder(deps: CallLogRecorderDeps): CallEndObserver {
  /** Account per live call id, from its first event. */
  const accounts = new Map<string, string | null | typeof SKIPPED>();
  return {
    observe(call) {
      if (!accounts.has(call.id)) accounts.set(call.id, deps.skip?.(call) ? SKIPPED : deps.account());
      if (call.state !== CallState.Ended) return null;
      const seen = accounts.get(call.id);
      accounts.delete(call.id);
      if (seen === SKIPPED) return null;
      const account = seen ?? deps.account();
      const entry = account ? callLogEntryOf(call, account) : null;
      if (!entry) return null;
      return deps.record(entry).catch((error: unknown) => deps.failed?.(error, call));
    },
  };
}
