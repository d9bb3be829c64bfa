/**
 * Chat history in Kamailio mode (ADR 0033): Kamailio does not tell the reference server what it routes,
 * so for every text MESSAGE between users it sends a copy (deploy/kamailio/kamailio.cfg,
 * route[HISTORY_COPY], `uac_req_send`) to the loopback SIP/TCP listener (sip-tcp-listener.ts), marked
 * `X-Openline-History: routed | stored | delivered`. This turns such a copy into history rows, as the
 * embedded proxy's tap does for what it routes itself. The listener takes loopback peers only: the copy is
 * trusted as the voicemail relays are (Kamailio authenticated the sender).
 *
 * Kamailio sends a copy again when the listener did not take it (ADR 0035): the same copy may arrive
 * twice (its answer was lost) and late. Rows are keyed by Message-ID, so it is recorded once; and
 * `X-Openline-History-At` (Kamailio's `$TV(Sn)`, "<seconds>.<microseconds>") files it at the time it
 * happened, not when it finally arrived.
 */
import type { SipRequest } from '../sip/message';
import type { ChatHistoryTap, HistoryEvent } from './history-tap';

const EVENTS: readonly HistoryEvent[] = ['routed', 'stored', 'delivered'];
const USER = /^[A-Za-z0-9._+-]{1,64}$/;
const AT = /^(\d{1,12})\.(\d{1,6})$/;

/**
 * When the copied event happened, in ms, from `X-Openline-History-At`: `now` when it is absent (an older
 * config), never later than `now` (clocks of one host; a copy is not filed in the future); `null` when malformed.
 */
export function historyAt(header: string | undefined, now: number): number | null {
  if (header === undefined) return now;
  const m = AT.exec(header.trim());
  if (!m) return null;
  const ms = Number(m[1]) * 1000 + Math.floor(Number(m[2]!.padEnd(6, '0')) / 1000);
  return Math.min(ms, now);
}

/**
 * For the listener: `undefined` when the request is not a history copy (someone else's business), else
 * the status to answer (200 recorded or deliberately skipped, 400 malformed).
 */
export type HistoryCopyHandler = (req: SipRequest) => number | undefined;

export function kamailioHistoryCopies(
  tap: Pick<ChatHistoryTap, 'copied'>,
  domain: string,
  now: () => number = Date.now,
): HistoryCopyHandler {
  const local = (host: string | undefined) => host?.toLowerCase() === domain.toLowerCase();
  return (req) => {
    if (req.method !== 'MESSAGE') return undefined;
    const event = req.get('x-openline-history');
    if (event === undefined) return undefined;
    if (!(EVENTS as readonly string[]).includes(event)) return 400;
    const sender = req.from.uri.user ?? '';
    const recipient = req.to.uri.user ?? '';
    if (!USER.test(sender) || !USER.test(recipient) || !local(req.from.uri.host) || !local(req.to.uri.host)) {
      return 400;
    }
    const at = historyAt(req.get('x-openline-history-at'), now());
    if (at === null) return 400;
    const seen = {
      contentType: req.get('content-type') ?? '',
      body: req.body,
      messageId: req.get('message-id'),
      // the original request's Call-ID (the copy is a request of its own): the id of a message without Message-ID
      callId: req.get('x-openline-call-id') ?? req.callId,
    };
    tap.copied(event as HistoryEvent, seen, sender, recipient, at);
    return 200;
  };
}
