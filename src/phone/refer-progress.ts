/**
 * Transfer progress as the transferee reports it: each NOTIFY of the implicit REFER subscription
 * (RFC 3515 §2.4.5) carries a `message/sipfrag` body (RFC 3420) whose first line is the status line
 * of the response the transferee got for its INVITE to the target, e.g. `SIP/2.0 180 Ringing`.
 * Pure functions, no sip.js.
 */
import { endReasonForStatus } from './end-reason';

/** The largest sipfrag we read (a status line and perhaps a few headers). */
export const MAX_SIPFRAG_BYTES = 2048;

export type SipfragResult =
  { ok: true; statusCode: number; reasonPhrase: string } | { ok: false; error: string };

const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d)(?: ([^\r\n]*))?$/;

/** Reads the status line of a `message/sipfrag` body; says exactly what is wrong with bad input. */
export function parseSipfrag(body: string | undefined): SipfragResult {
  if (body === undefined || body.trim() === '') return { ok: false, error: 'The sipfrag body is empty' };
  if (body.length > MAX_SIPFRAG_BYTES) {
    return { ok: false, error: `The sipfrag body is longer than ${MAX_SIPFRAG_BYTES} bytes` };
  }
  const firstLine = body.replace(/^\s+/, '').split(/\r?\n/, 1)[0]!.trimEnd();
  const match = STATUS_LINE.exec(firstLine);
  if (!match) {
    return {
      ok: false,
      error: `The sipfrag does not start with a SIP/2.0 status line: "${firstLine.slice(0, 60)}"`,
    };
  }
  return { ok: true, statusCode: Number(match[1]), reasonPhrase: (match[2] ?? '').trim() };
}

/** What a transfer status means for the transfer: still going, done, or failed. */
export type ReferOutcome =
  { done: false } | { done: true; succeeded: true } | { done: true; succeeded: false };

export function referOutcome(statusCode: number): ReferOutcome {
  if (statusCode < 200) return { done: false };
  return statusCode < 300 ? { done: true, succeeded: true } : { done: true, succeeded: false };
}

const FAILURE_WORDS: Record<string, string> = {
  busy: 'busy',
  declined: 'declined',
  unavailable: 'not available',
  'not-found': 'no such number',
  'no-answer': 'no answer',
  cancelled: 'cancelled',
};

/** "Transfer failed: busy" and the like, for a final failure status of the transfer target. */
export function transferFailureMessage(statusCode: number, reasonPhrase = ''): string {
  const word = FAILURE_WORDS[endReasonForStatus(statusCode)];
  if (word) return `Transfer failed: ${word}`;
  const phrase = reasonPhrase.trim().slice(0, 60);
  return `Transfer failed: ${statusCode}${phrase ? ` ${phrase}` : ''}`;
}
