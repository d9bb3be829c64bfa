/**
 * Lines (issue 11): how many calls the engine keeps at once, and putting the other lines on hold
 * before one is placed, answered or resumed. The hold is strict: when a line cannot be held, the new
 * call is not placed (or answered, or resumed), so two lines never send the microphone at once.
 */
import { errorMessage } from '../lib/errors';
import { CallState } from './types';

/** At most this many calls that have not ended (ringing ones included). */
export const MAX_LINES = 4;

export const LINES_FULL_MESSAGE = `All ${MAX_LINES} lines are in use: hang up one of them first`;

/** What lines.ts needs of a call. */
export interface LineCall {
  readonly id: string;
  readonly state: CallState;
  readonly held: boolean;
  hold(): Promise<void>;
}

export function linesInUse(calls: Iterable<LineCall>): number {
  let count = 0;
  for (const call of calls) if (call.state !== CallState.Ended) count += 1;
  return count;
}

export function linesFull(calls: Iterable<LineCall>): boolean {
  return linesInUse(calls) >= MAX_LINES;
}

/**
 * Holds every active, unheld call except `except`, one after the other (each re-INVITE completes
 * before the next request); rejects with `what` in the message when one of them cannot be held.
 */
export async function holdOtherLines(
  calls: Iterable<LineCall>,
  except: LineCall | null,
  what: string,
): Promise<void> {
  const others = [...calls].filter(
    (call) => call !== except && call.state === CallState.Active && !call.held,
  );
  for (const other of others) {
    try {
      await other.hold();
    } catch (error) {
      // The call may have ended meanwhile: then it no longer talks, which is all we need.
      if (other.state === CallState.Ended) continue;
      throw new Error(`Could not put the current call on hold, so ${what}: ${errorMessage(error)}`);
    }
  }
}
