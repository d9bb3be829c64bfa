import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import { useLingui } from '@lingui/react/macro';
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
  const { t, i18n } = useLingui();
  const [copied, setCopied] = useState<MessageDescriptor | null>(null);
  const audio = link.media === 'audio';
  const text = invitationText({
    customerName: link.customerName,
    agentName: link.agentName,
    url: link.url,
    expiresAt: new Date(link.expiresAt),
    media: link.media,
    locale: i18n.locale,
  });
  const nav = navigator as ShareNavigator;
  const canShare = typeof nav.share === 'function';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(msg`Link copied.`);
    } catch {
      (document.getElementById(`${id}-url`) as HTMLInputElement | null)?.select();
      setCopied(msg`Press Ctrl+C (or ⌘C) to copy the selected link.`);
    }
  };

  return (
    <div className="webcall-link">
      <div className="field">
        <label className="field-label" htmlFor={`${id}-url`}>
          {t`Call link`}
        </label>
        <input
          id={`${id}-url`}
          className="field-input webcall-url"
          readOnly
          value={link.url}
          onFocus={(e) => e.target.select()}
        />
        {audio && (
          <p className="field-hint" data-testid="webcall-link-media">
            {t`Audio only: the customer’s camera is not used.`}
          </p>
        )}
      </div>
      <div className="webcall-actions">
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          {t`Copy link`}
        </button>
        {canShare && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              void nav
                .share?.({ title: audio ? t`Audio call` : t`Video call`, text, url: link.url })
                .catch(() => undefined)
            }
          >
            {t`Share…`}
          </button>
        )}
        {link.phone && (
          <>
            <a className="button button-secondary" href={smsHref(link.phone, text)}>
              {t`Send by SMS`}
            </a>
            <a
              className="button button-secondary"
              href={whatsAppHref(link.phone, text)}
              target="_blank"
              rel="noopener noreferrer"
            >
              {t`Send by WhatsApp`}
            </a>
          </>
        )}
        {channel && link.phone && (
          <button type="button" className="button button-secondary" onClick={() => onSend('sms', text)}>
            {t`Send via channel`}
          </button>
        )}
      </div>
      <p className="webcall-note" role="status">
        {(copied && i18n._(copied)) ??
          sendNote ??
          (!link.phone ? t`Add the customer’s phone number to send by SMS or WhatsApp.` : '')}
      </p>
      {link.password && (
        <div className="webcall-password">
          <p id={`${id}-pw`} className="field-label">
            {t`Password`}
          </p>
          <p className="webcall-password-value" data-testid="webcall-password">
            {link.password}
          </p>
          <p className="field-hint">
            {t`Send it by a different channel than the link, for example read it out on the phone.`}
          </p>
        </div>
      )}
    </div>
  );
}

/** The panel's status line: a descriptor, translated where it is shown. */
export function statusText(state: Pick<WebcallAgentState, 'phase' | 'link'>): MessageDescriptor | null {
  const name = state.link?.customerName ?? '';
  switch (state.phase) {
    case 'waiting':
      return name ? msg`Waiting for ${name} to join…` : msg`Waiting for the customer to join…`;
    case 'connected':
      return name ? msg`${name} joined the call.` : msg`The customer joined the call.`;
    case 'ended':
      return name
        ? msg`${name} left the call. They can rejoin while the link is valid.`
        : msg`The customer left the call. They can rejoin while the link is valid.`;
    case 'stopped':
      return msg`Not waiting any more: calls from this link are not answered.`;
    default:
      return null;
  }
}
