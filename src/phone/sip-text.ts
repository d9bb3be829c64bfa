/**
 * Reading SIP messages as wire text (RFC 3261 §7), for the code that sees them on the transport before
 * or after sip.js does (preemptive-digest.ts, boot-register.ts, early-socket.ts). Only what it needs:
 * the head, header values by name, the Call-ID and the CSeq method. Nothing here parses a body.
 */

/**
 * The message's start line and header block, and whatever follows them (the blank line, then the body);
 * null for a message without its blank line.
 */
export function splitMessage(message: string): { head: string; rest: string } | null {
  const end = message.indexOf('\r\n\r\n');
  return end < 0 ? null : { head: message.slice(0, end), rest: message.slice(end) };
}

/** The start line and header block; all of a message without its blank line. */
export const headOf = (message: string): string => splitMessage(message)?.head ?? message;

const headerLines = new Map<string, RegExp>();

/**
 * The values of the header lines in `head` with one of `names` (case-insensitive; pass a compact form as
 * a second name, e.g. `'Call-ID', 'i'`), in order, without the spaces around them. Folded lines are not
 * joined (neither sip.js nor the registrars here fold).
 */
export function headerValues(head: string, ...names: string[]): string[] {
  const key = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  let lines = headerLines.get(key);
  if (!lines) {
    lines = new RegExp(`^(?:${key})[ \\t]*:[ \\t]*(.*?)[ \\t]*$`, 'gim');
    headerLines.set(key, lines);
  }
  // matchAll works on a copy of the expression, so the shared one's lastIndex never carries over.
  return Array.from(head.matchAll(lines), (match) => match[1]!);
}

/** Call-ID of a message's head (long or compact form). */
export function callIdOf(message: string): string | null {
  return headerValues(headOf(message), 'Call-ID', 'i')[0] ?? null;
}

/** The method the head's CSeq names (upper case); undefined when no CSeq reads as one. */
export function cseqMethod(head: string): string | undefined {
  return headerValues(head, 'CSeq')
    .map((cseq) => /^\d+\s+([A-Z]+)\s*$/i.exec(cseq)?.[1]?.toUpperCase())
    .find(Boolean);
}
