/**
 * How a chat attachment travels in a SIP MESSAGE (ADR 0024): a plain `text/plain` body that any RFC
 * 3428 client shows readably, two lines:
 *
 *     photo.png (34 KB)
 *     https://phone.example.com/api/attachments/<id>#type=image%2Fpng&size=34567&name=photo.png
 *
 * The fragment (never sent to the server) tells Openline how to show it (inline image or file chip);
 * the URL itself needs a signed-in uploader or recipient. Only links to the app's own origin are
 * recognised: a message cannot make the app load an image from elsewhere (no tracking pixels).
 */
import {
  ATTACHMENT_ID,
  ATTACHMENT_TYPES,
  ATTACHMENTS_PATH,
  cleanAttachmentName,
  formatBytes,
  type AttachmentType,
} from './attachments';

export interface AttachmentLink {
  /** Absolute, same-origin URL without the fragment. */
  url: string;
  type: AttachmentType;
  name: string;
  size: number;
}

/** The message body for an uploaded attachment (`url` absolute). */
export function attachmentMessageBody(link: AttachmentLink): string {
  const fragment = new URLSearchParams({ type: link.type, size: String(link.size), name: link.name });
  return `${link.name} (${formatBytes(link.size)})\n${link.url}#${fragment.toString()}`;
}

/** The attachment a message body carries, or null when it is ordinary text (or a link elsewhere). */
export function parseAttachmentMessage(body: string, origin: string): AttachmentLink | null {
  const lines = body.trim().split('\n');
  if (lines.length !== 2) return null;
  let url: URL;
  try {
    url = new URL(lines[1]!.trim());
  } catch {
    return null;
  }
  if (url.origin !== origin || url.search !== '') return null;
  const prefix = `${ATTACHMENTS_PATH}/`;
  if (!url.pathname.startsWith(prefix) || !ATTACHMENT_ID.test(url.pathname.slice(prefix.length))) return null;
  const params = new URLSearchParams(url.hash.slice(1));
  const type = ATTACHMENT_TYPES.find((t) => t === params.get('type'));
  const size = Number(params.get('size'));
  const name = params.get('name');
  if (!type || !Number.isSafeInteger(size) || size <= 0 || !name) return null;
  return { url: `${url.origin}${url.pathname}`, type, size, name: cleanAttachmentName(name) };
}
