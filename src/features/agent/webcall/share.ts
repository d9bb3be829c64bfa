/** The invitation text and the SMS / WhatsApp deep links that carry it. */
import { t } from '@lingui/core/macro';

/** The invitation, in the agent's active language (whole sentences per call type and greeting). */
export function invitationText(o: {
  customerName: string;
  agentName: string;
  url: string;
  expiresAt: Date;
  /** Audio-only links say so (ADR 0026); default video. */
  media?: 'video' | 'audio';
  locale?: string;
}): string {
  const { customerName, agentName, url } = o;
  const until = new Intl.DateTimeFormat(o.locale, { timeStyle: 'short' }).format(o.expiresAt);
  if (o.media === 'audio') {
    return customerName
      ? t`Hello ${customerName}, ${agentName} invites you to an audio call. Join from your browser: ${url} (valid until ${until})`
      : t`Hello, ${agentName} invites you to an audio call. Join from your browser: ${url} (valid until ${until})`;
  }
  return customerName
    ? t`Hello ${customerName}, ${agentName} invites you to a video call. Join from your browser: ${url} (valid until ${until})`
    : t`Hello, ${agentName} invites you to a video call. Join from your browser: ${url} (valid until ${until})`;
}

/** Digits only, keeping a leading +: what `sms:` and wa.me expect. */
export function normalizePhone(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

/** `sms:<number>?&body=…` works on both iOS (`&body`) and Android (`?body`). */
export function smsHref(phone: string, text: string): string {
  return `sms:${normalizePhone(phone)}?&body=${encodeURIComponent(text)}`;
}

/** `https://wa.me/<digits>?text=…` (international number without + or leading zeros). */
export function whatsAppHref(phone: string, text: string): string {
  const digits = normalizePhone(phone).replace(/^\+/, '').replace(/^00/, '');
  return `https://wa.me/${digits}?text=${encodeURIComponent(text)}`;
}
