/**
 * Parser for `application/simple-message-summary` (RFC 3842 §5.2), the body of an MWI NOTIFY:
 *
 *   Messages-Waiting: yes
 *   Message-Account: sip:1001@openline.local
 *   Voice-Message: 2/8 (0/2)          new/old (urgent new/urgent old)
 *
 * Pure and total: bad input gives `{ error }`, never a throw, so a server's typo cannot break the phone.
 */

export interface MessageCounts {
  new: number;
  old: number;
  urgentNew: number;
  urgentOld: number;
}

export interface MessageSummary {
  waiting: boolean;
  account: string | null;
  /** Counts per message class (`voice-message`, `fax-message`...), lower-case keys. */
  classes: Record<string, MessageCounts>;
}

/** Bodies larger than this are refused unread. */
export const MAX_SUMMARY_BYTES = 4096;
const MAX_COUNT = 1_000_000;

const CLASSES = new Set([
  'voice-message',
  'fax-message',
  'pager-message',
  'multimedia-message',
  'text-message',
  'none',
]);
const COUNTS = /^(\d{1,7})\/(\d{1,7})(?:\s*\((\d{1,7})\/(\d{1,7})\))?$/;

export function parseMessageSummary(body: string): MessageSummary | { error: string } {
  if (body.length > MAX_SUMMARY_BYTES) return { error: `message summary over ${MAX_SUMMARY_BYTES} bytes` };
  let waiting: boolean | undefined;
  let account: string | null = null;
  const classes: Record<string, MessageCounts> = {};
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { error: `not a "Name: value" line: ${JSON.stringify(line.slice(0, 40))}` };
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'messages-waiting') {
      if (!/^(yes|no)$/i.test(value))
        return { error: `Messages-Waiting must be yes or no, not ${JSON.stringify(value)}` };
      waiting = value.toLowerCase() === 'yes';
    } else if (name === 'message-account') {
      account = value;
    } else if (CLASSES.has(name)) {
      const m = COUNTS.exec(value);
      if (!m) return { error: `${name}: counts must look like "2/8 (0/2)", not ${JSON.stringify(value)}` };
      const [n, o, un, uo] = [m[1], m[2], m[3] ?? '0', m[4] ?? '0'].map(Number) as [
        number,
        number,
        number,
        number,
      ];
      if ([n, o, un, uo].some((x) => x > MAX_COUNT)) return { error: `${name}: count out of range` };
      classes[name] = { new: n, old: o, urgentNew: un, urgentOld: uo };
    }
    // Other lines (extension headers, message headers after a blank line) are ignored.
  }
  if (waiting === undefined) return { error: 'Messages-Waiting is missing' };
  return { waiting, account, classes };
}

/** Unheard voicemail to show on the tab: the voice-message new count, or 1 when only "yes" is known. */
export function unheardVoicemail(summary: MessageSummary): number {
  const voice = summary.classes['voice-message'];
  if (voice) return voice.new;
  return summary.waiting ? 1 : 0;
}
