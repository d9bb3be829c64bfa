/**
 * Chat history on the embedded server (ADR 0024): the proxy (and the offline store, for a recipient
 * who is signed out) hands over each out-of-dialog MESSAGE between accounts; a readable text one
 * (`text/plain`, not empty, at most {@link MAX_BODY_BYTES}) is recorded once for each side, keyed by
 * its Message-ID (else Call-ID), the id the app deduplicates by. Typing indications and receipts are
 * not history.
 */
import type { SipRequest } from '../sip/message';
import type { MessageTap } from '../sip/unreachable';
import type { ChatHistoryStore } from './history-store';

/** 4000 characters (the app's limit) of up to four UTF-8 bytes each. */
const MAX_BODY_BYTES = 16_000;

export class ChatHistoryTap implements MessageTap {
  constructor(
    private readonly store: ChatHistoryStore,
    private readonly domain: string,
    private readonly accountExists: (user: string) => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  routed(req: SipRequest, sender: string, recipient: string): void {
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'text/plain' || !this.accountExists(sender)) return;
    const bytes = Buffer.byteLength(req.body);
    if (bytes === 0 || bytes > MAX_BODY_BYTES) return;
    const messageId = (req.get('message-id') ?? '').trim().slice(0, 200) || req.callId;
    const at = this.now();
    const address = (user: string) => `sip:${user}@${this.domain}`;
    const common = { messageId, body: req.body, at };
    this.store.record({ ...common, owner: sender, peer: address(recipient), direction: 'out' });
    this.store.record({ ...common, owner: recipient, peer: address(sender), direction: 'in' });
  }
}
