/**
 * Message-waiting indication for the signed-in user (RFC 3842): once registered, SUBSCRIBE to
 * `message-summary` on our own AOR, accept every NOTIFY and hand its parsed counts on. sip.js's
 * Subscriber refreshes the subscription itself; when it ends (server said terminated, connection
 * lost) the next registration subscribes again. Bodies that do not parse are logged and ignored.
 */
import { SubscriptionState } from 'sip.js';
import { parseMessageSummary, type MessageSummary } from './message-summary';
import type { SubscriberLike } from './ports';
import type { Logger } from './util';

export const MWI_EVENT = 'message-summary';
/** Asked lifetime of the subscription (seconds); the server may grant less. */
export const MWI_EXPIRES_S = 3600;

export interface MessageWaitingOptions {
  /** Creates a Subscriber for `message-summary` on our own AOR. */
  create(): SubscriberLike;
  onSummary(summary: MessageSummary): void;
  logger: Logger;
}

export class MessageWaiting {
  private current: SubscriberLike | null = null;

  constructor(private readonly o: MessageWaitingOptions) {}

  /** Subscribes unless a subscription is already live (call on every successful registration). */
  ensure(): void {
    if (this.current) return;
    let subscriber: SubscriberLike;
    try {
      subscriber = this.o.create();
    } catch (error) {
      this.o.logger.warn('MWI: could not create the subscription', error);
      return;
    }
    this.current = subscriber;
    subscriber.delegate = {
      onNotify: (notification) => {
        void notification.accept().catch(() => undefined);
        const summary = parseMessageSummary(notification.request.body);
        if ('error' in summary) this.o.logger.warn(`MWI: ignored a NOTIFY body (${summary.error})`);
        else this.o.onSummary(summary);
      },
    };
    subscriber.stateChange.addListener((state) => {
      if (state === SubscriptionState.Terminated && this.current === subscriber) this.current = null;
    });
    subscriber.subscribe().catch((error: unknown) => {
      if (this.current === subscriber) this.current = null;
      this.o.logger.warn('MWI: SUBSCRIBE failed', error);
    });
  }

  /** Ends the subscription (sign-out); sip.js sends the un-SUBSCRIBE when it can. */
  async stop(): Promise<void> {
    const subscriber = this.current;
    this.current = null;
    await subscriber?.dispose().catch(() => undefined);
  }
}
