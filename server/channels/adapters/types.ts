/** What every channel adapter does: check the signature, parse the payload, shape the outbound body. */
import type { ChannelKind, ChannelMediaKind } from '../../../src/api/channels-schemas';

export interface InboundMessage {
  /** The provider's message id (dedupe key). */
  id: string;
  /** The customer's address on the channel (phone number, Viber user id...). */
  from: string;
  name: string;
  /** The text, or a media message's caption ('' when it has none). */
  text: string;
  /** A media message's file at the provider (fetched and checked by server/channels/media.ts). */
  media?: InboundMedia;
  /** When the provider says the message was sent (epoch ms). */
  timestampMs: number;
  /** A deep-link / QR parameter (`ref`), e.g. `agent:1002`. */
  ref?: string;
  /** The three free session fields, when the payload carries them. */
  fields?: [string, string, string];
}

export interface InboundMedia {
  /** http(s) URL where the provider serves the file. */
  url: string;
  /** The type the provider declares ('' when it declares none); our magic-byte check decides. */
  type: string;
  name: string;
  /** What the provider says it is (a voice note, a sticker…); null when it does not say (generic). */
  kind: ChannelMediaKind | null;
}

/** A provider media URL we may fetch: http or https, no credentials, at most 2048 characters. */
export function mediaUrlProblem(url: string): string | null {
  if (url.length > 2048) return 'too long';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'not an http(s) URL';
  if (u.username || u.password) return 'has credentials';
  return null;
}

/** How a file goes out on a channel: as an image, as a document, as a link in text, or not at all. */
export type MediaRoute = 'image' | 'document' | 'link' | null;

export type Parsed =
  { ok: true; messages: InboundMessage[]; ignored: number } | { ok: false; problem: string };

export type Verified = { ok: true; signedAtMs?: number } | { ok: false };

export interface OutboundMessage {
  to: string;
  conversationId: number;
  kind: 'text' | 'template' | 'call' | 'notice';
  text: string;
  template?: string;
  /** A file to send (the agent's upload at a URL the provider can fetch); `text` is its caption. */
  media?: { url: string; type: string; name: string; size: number };
}

export interface ChannelAdapter {
  kind: ChannelKind;
  /** The header carrying the signature (named in 401 answers). */
  signatureHeader: string;
  verify(secret: string, raw: Buffer, header: (name: string) => string | undefined): Verified;
  parse(raw: Buffer, signedAtMs?: number): Parsed;
  outboundBody(message: OutboundMessage): unknown;
  /** How a file of this (sniffed) type is sent; null: the channel does not take it. */
  mediaRoute(type: string): MediaRoute;
}

/** JSON.parse with the problem as text. */
export function parseJson(raw: Buffer): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { ok: false, problem: 'The body is not valid JSON.' };
  }
}
