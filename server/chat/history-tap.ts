/**
 * Chat history on the embedded server (ADR 0024): the proxy (and offline delivery, for a recipient
 * who is signed out) hands over each out-of-dialog MESSAGE between accounts; a readable text one
 * (`text/plain`, not empty, at most {@link MAX_BODY_BYTES}) is recorded once for each side, keyed by
 * its Message-ID (else Call-ID), the id the app deduplicates by. Typing indications and receipts are
 * not history.
 */
import type { SipRequest } from '../sip/message';
import type { MessageTap } from '../sip/unreachable';
import type { ChatHistoryStore } from './history-store';
import type { OfflineMessage } from './offline-store';

/** 4000 characters (the app's limit) of up to four UTF-8 bytes each. */
const MAX_BODY_BYTES = 16_000;

/** What Kamailio's copy says happened to a MESSAGE. */
export type HistoryEvent = 'routed' | 'stored' | 'delivered';

/** What a message is, from its routed request or its stored copy. */
export interface Seen {
  contentType: string;
  body: string;
  messageId: string | undefined;
  callId: string;
}

export class ChatHistoryTap implements MessageTap {
  constructor(
    private readonly store: ChatHistoryStore,
    private readonly domain: string,
    private readonly accountExists: (user: string) => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** Routed to the recipient's phones: both sides have it. */
  routed(req: SipRequest, sender: string, recipient: string): void {
    this.record(fromRequest(req), sender, recipient, ['out', 'in']);
  }

  /**
   * Stored for a signed-out recipient: the sender's side now, the recipient's once a phone of theirs
   * took it ({@link delivered}), so that a device signing in shows it as new, not as old history.
   */
  stored(req: SipRequest, sender: string, recipient: string): void {
    this.record(fromRequest(req), sender, recipient, ['out']);
  }

  delivered(message: OfflineMessage): void {
    const messageId = message.headers.find(([name]) => name.toLowerCase() === 'message-id')?.[1];
    const seen = { contentType: message.contentType, body: message.body, messageId, callId: message.callId };
    this.record(seen, message.sender, message.recipient, ['in']);
  }

  /**
   * Kamailio mode (ADR 0033, server/chat/kamailio-history.ts): Kamailio's copy of a MESSAGE it
   * routed (both sides), stored with msilo (the sender's side) or delivered from msilo (the recipient's),
   * filed at `at` (when it happened: a copy Kamailio sent again arrives late, ADR 0035).
   */
  copied(event: HistoryEvent, m: Seen, sender: string, recipient: string, at?: number): void {
    const sides: ('in' | 'out')[] =
      event === 'routed' ? ['out', 'in'] : event === 'stored' ? ['out'] : ['in'];
    this.record(m, sender, recipient, sides, at);
  }

  private record(
    m: Seen,
    sender: string,
    recipient: string,
    sides: ('in' | 'out')[],
    at: number = this.now(),
  ): void {
    const type = m.contentType.split(';')[0]!.trim().toLowerCase();
    if (type !== 'text/plain' || !this.accountExists(sender)) return;
    const bytes = Buffer.byteLength(m.body);
    if (bytes === 0 || bytes > MAX_BODY_BYTES) return;
    const messageId = (m.messageId ?? '').trim().slice(0, 128) || m.callId;
    const address = (user: string) => `sip:${user}@${this.domain}`;
    const common = { messageId, body: m.body, at };
    // A note to yourself is one message in your history, as sent (whichever way it was copied).
    const kept = sender === recipient ? (['out'] as const) : sides;
    for (const direction of kept) {
      const [owner, peer] = direction === 'out' ? [sender, recipient] : [recipient, sender];
      this.store.record({ ...common, owner, peer: address(peer), direction });
    }
  }
}

const fromRequest = (req: SipRequest): Seen => ({
  contentType: req.get('content-type') ?? '',
  body: req.body,
  messageId: req.get('message-id'),
  callId: req.callId,
});
