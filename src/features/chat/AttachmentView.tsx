import { useState } from 'react';
import { parseAttachmentMessage, type AttachmentLink } from '../../lib/attachment-link';
import { formatBytes, isImageType } from '../../lib/attachments';
import { Icon } from '../../ui/icons';

/** The attachment a message carries (a link to this app's own server only), or null for text. */
export const attachmentOf = (body: string): AttachmentLink | null =>
  parseAttachmentMessage(body, window.location.origin);

/** A short line for the conversation list: "Photo: cat.png" / "File: offer.pdf". */
export function attachmentSummary(body: string): string {
  const a = attachmentOf(body);
  if (!a) return body;
  return `${isImageType(a.type) ? 'Photo' : 'File'}: ${a.name}`;
}

/**
 * An image inline (a thumbnail that opens full size in a new tab) or a file chip with name and size.
 * The server sends the bytes only to the sender and the recipient, so a broken image means the file
 * is gone (past retention) or not ours: then it is shown as an unavailable file.
 */
export function AttachmentView({ attachment }: { attachment: AttachmentLink }) {
  const [broken, setBroken] = useState(false);
  const { url, name, size, type } = attachment;
  if (isImageType(type) && !broken) {
    return (
      <a className="chat-image-link" href={url} target="_blank" rel="noopener noreferrer">
        <img className="chat-image" src={url} alt={name} loading="lazy" onError={() => setBroken(true)} />
        <span className="visually-hidden"> (opens full size)</span>
      </a>
    );
  }
  const label = `${name}, ${type === 'application/pdf' ? 'PDF' : 'image'}, ${formatBytes(size)}`;
  if (broken) {
    return (
      <span className="chat-file chat-file-gone">
        <Icon name="doc" className="chat-file-icon" />
        <span className="chat-file-name">{name}</span>
        <span className="chat-file-size">no longer available</span>
      </span>
    );
  }
  return (
    <a className="chat-file" href={url} download={name} aria-label={`Download ${label}`}>
      <Icon name="doc" className="chat-file-icon" />
      <span className="chat-file-name">{name}</span>
      <span className="chat-file-size">PDF · {formatBytes(size)}</span>
    </a>
  );
}
