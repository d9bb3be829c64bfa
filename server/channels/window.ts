/**
 * WhatsApp's customer-service window: a business may send free-form messages for 24 hours after the
 * customer's last message; outside it only pre-approved templates. Other channels have no window.
 */
import type { ChannelKind, ServiceWindow } from '../../src/api/channels-schemas';

export const SERVICE_WINDOW_MS = 24 * 60 * 60_000;

export function serviceWindow(kind: ChannelKind, lastInboundAt: number | null, now: number): ServiceWindow {
  if (kind !== 'whatsapp') return { state: 'none' };
  if (lastInboundAt === null) return { state: 'closed' };
  const closesAt = lastInboundAt + SERVICE_WINDOW_MS;
  return closesAt > now ? { state: 'open', closesAt } : { state: 'closed' };
}

/** Whether free text (not a template) may be sent now. */
export function freeTextAllowed(window: ServiceWindow): boolean {
  return window.state !== 'closed';
}
