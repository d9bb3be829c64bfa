/**
 * Delivery and read receipts: a subset of IMDN (RFC 5438). A text MESSAGE carries its id in a
 * `Message-ID` SIP header and asks for receipts with `Disposition-Notification: positive-delivery,
 * display`; the receiver answers with separate MESSAGEs whose `message/imdn+xml` body names that id
 * and the status `delivered` (once stored) or `displayed` (once shown). CPIM wrapping is not used.
 */
import { childText, parseXml } from './xml';

export const IMDN_TYPE = 'message/imdn+xml';
export const MESSAGE_ID_HEADER = 'Message-ID';
export const DISPOSITION_HEADER = 'Disposition-Notification';
export const DISPOSITION_REQUEST = 'positive-delivery, display';
const NS = 'urn:ietf:params:xml:ns:imdn';
const MAX_BODY = 4096;
/** Ids we generate and accept: letters, digits and a few marks, bounded. */
export const MESSAGE_ID = /^[A-Za-z0-9._@:+-]{1,128}$/;

export type ReceiptStatus = 'delivered' | 'displayed';

export interface Receipt {
  messageId: string;
  status: ReceiptStatus;
}

export function wantsReceipt(dispositionHeader: string | undefined): {
  delivered: boolean;
  displayed: boolean;
} {
  const asked = (dispositionHeader ?? '')
    .toLowerCase()
    .split(',')
    .map((s) => s.trim());
  return { delivered: asked.includes('positive-delivery'), displayed: asked.includes('display') };
}

export function buildImdn(receipt: Receipt, at: Date): string {
  const element = receipt.status === 'delivered' ? 'delivery-notification' : 'display-notification';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<imdn xmlns="${NS}">` +
    `<message-id>${receipt.messageId}</message-id><datetime>${at.toISOString()}</datetime>` +
    `<${element}><status><${receipt.status}/></status></${element}></imdn>`
  );
}

export function parseImdn(body: string): Receipt | { error: string } {
  const doc = parseXml(body, MAX_BODY);
  if ('error' in doc) return doc;
  const root = doc.documentElement;
  if (root.localName !== 'imdn' || root.namespaceURI !== NS) {
    return { error: 'root element is not imdn in the IMDN namespace' };
  }
  const messageId = childText(root, NS, 'message-id');
  if (!messageId || !MESSAGE_ID.test(messageId)) return { error: 'missing or malformed message-id' };
  const status = root.getElementsByTagNameNS(NS, 'status')[0];
  const value = status?.firstElementChild?.localName;
  if (value === 'delivered' || value === 'displayed') return { messageId, status: value };
  return { error: `unsupported status ${value ?? '(none)'}` };
}
