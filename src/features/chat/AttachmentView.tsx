import { Trans, useLingui } from '@lingui/react/macro';
import { useState } from 'react';
import { parseAttachmentMessage, type AttachmentLink } from '../../lib/attachment-link';
import { isImageType } from '../../lib/attachments';
import { Icon } from '../../ui/icons';
import { useFileSize } from './file-size';

/** The attachment a message carries (a link to this app's own server only), or null for text. */
export const attachmentOf = (body: string): AttachmentLink | null =>
  parseAttachmentMessage(body, window.location.origin);

/** A short line for the conversation list: "Photo: cat.png" / "File: offer.pdf"; text as it is. */
export function useAttachmentSummary(): (body: string) => string {
  const { t } = useLingui();
  return (body) => {
    const a = attachmentOf(body);
    if (!a) return body;
    const name = a.name;
    return isImageType(a.type) ? t`Photo: ${name}` : t`File: ${name}`;
  };
}

/**
 * An image inline (a thumbnail that opens full size in a new tab) or a file chip with name and size.
 * The server sends the bytes only to the sender and the recipient, so a broken image means the file
 * is gone (past retention) or not ours: then it is shown as an unavailable file.
 */
export function AttachmentView({ attachment }: { attachment: AttachmentLink }) {
  const { t } = useLingui();
  const fileSize = useFileSize();
  const [broken, setBroken] = useState(false);
  const { url, name, type } = attachment;
  const size = fileSize(attachment.size);
  if (isImageType(type) && !broken) {
    return (
      <a className="chat-image-link" href={url} target="_blank" rel="noopener noreferrer">
        <img className="chat-image" src={url} alt={name} loading="lazy" onError={() => setBroken(true)} />
        <span className="visually-hidden">
          {' '}
          <Trans>(opens full size)</Trans>
        </span>
      </a>
    );
  }
  if (broken) {
    return (
      <span className="chat-file chat-file-gone">
        <Icon name="doc" className="chat-file-icon" />
        <bdi className="chat-file-name">{name}</bdi>
        <span className="chat-file-size">
          <Trans>no longer available</Trans>
        </span>
      </span>
    );
  }
  return (
    <a className="chat-file" href={url} download={name} aria-label={t`Download ${name}, PDF, ${size}`}>
      <Icon name="doc" className="chat-file-icon" />
      <bdi className="chat-file-name">{name}</bdi>
      <span className="chat-file-size">
        <Trans>PDF · {size}</Trans>
      </span>
    </a>
  );
}
