import { useId, useState } from 'react';
import type { WebcallAgentState, WebcallLink } from '../../../stores/webcall-agent';
import { invitationText, smsHref, whatsAppHref } from './share';

interface LinkCardProps {
  link: WebcallLink;
  channel: boolean;
  sendNote: string | null;
  onSend(channel: 'sms' | 'whatsapp', text: string): void;
}

type ShareNavigator = Navigator & { share?: (data: ShareData) => Promise<void> };

/** The created link with every way to hand it over, and the password shown on its own. */
export function LinkCard({ link, channel, sendNote, onSend }: LinkCardProps) {
  const id = useId();
  const [copied, setCopied] = useState<string | null>(null);
  const text = invitationText({
    customerName: link.customerName,
    agentName: link.agentName,
    url: link.url,
    expiresAt: new Date(link.expiresAt),
  });
  const nav = navigator as ShareNavigator;
  const canShare = typeof nav.share === 'function';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied('Link copied.');
    } catch {
      (document.getElementById(`${id}-url`) as HTMLInputElement | null)?.select();
      setCopied('Press Ctrl+C (or ⌘C) to copy the selected link.');
    }
  };

  return (
    <div className="webcall-link">
      <div className="field">
        <label className="field-label" htmlFor={`${id}-url`}>
          Call link
        </label>
        <input
          id={`${id}-url`}
          className="field-input webcall-url"
          readOnly
          value={link.url}
          onFocus={(e) => e.target.select()}
        />
      </div>
      <div className="webcall-actions">
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          Copy link
        </button>
        {canShare && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              void nav.share?.({ title: 'Video call', text, url: link.url }).catch(() => undefined)
            }
          >
            Share…
          </button>
        )}
        {link.phone && (
          <>
            <a className="button button-secondary" href={smsHref(link.phone, text)}>
              Send by SMS
            </a>
            <a
              className="button button-secondary"
              href={whatsAppHref(link.phone, text)}
              target="_blank"
              rel="noopener noreferrer"
            >
              Send by WhatsApp
            </a>
          </>
        )}
        {channel && link.phone && (
          <button type="button" className="button button-secondary" onClick={() => onSend('sms', text)}>
            Send via channel
          </button>
        )}
      </div>
      <p className="webcall-note" role="status">
        {copied ??
          sendNote ??
          (!link.phone ? 'Add the customer’s phone number to send by SMS or WhatsApp.' : '')}
      </p>
      {link.password && (
        <div className="webcall-password">
          <p id={`${id}-pw`} className="field-label">
            Password
          </p>
          <p className="webcall-password-value" data-testid="webcall-password">
            {link.password}
          </p>
          <p className="field-hint">
            Send it by a different channel than the link, for example read it out on the phone.
          </p>
        </div>
      )}
    </div>
  );
}

export function statusText(state: Pick<WebcallAgentState, 'phase' | 'link'>): string {
  const who = state.link?.customerName || 'The customer';
  switch (state.phase) {
    case 'waiting':
      return `Waiting for ${state.link?.customerName || 'the customer'} to join…`;
    case 'connected':
      return `${who} joined the call.`;
    case 'ended':
      return `${who} left the call. They can rejoin while the link is valid.`;
    case 'stopped':
      return 'Not waiting any more: calls from this link are not answered.';
    default:
      return '';
  }
}
