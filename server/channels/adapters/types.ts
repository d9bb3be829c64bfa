/** What every channel adapter does: check the signature, parse the payload, shape the outbound body. */
import type { ChannelKind } from '../../../src/api/channels-schemas';

export interface InboundMessage {
  /** The provider's message id (dedupe key). */
  id: string;
  /** The customer's address on the channel (phone number, Viber user id...). */
  from: string;
  name: string;
  text: string;
  /** When the provider says the message was sent (epoch ms). */
  timestampMs: number;
  /** A deep-link / QR parameter (`ref`), e.g. `agent:1002`. */
  ref?: string;
  /** The three free session fields, when the payload carries them. */
  fields?: [string, string, string];
}

export type Parsed =
  { ok: true; messages: InboundMessage[]; ignored: number } | { ok: false; problem: string };

export type Verified = { ok: true; signedAtMs?: number } | { ok: false };

export interface OutboundMessage {
  to: string;
  conversationId: number;
  kind: 'text' | 'template' | 'call' | 'notice';
  text: string;
  template?: string;
}

export interface ChannelAdapter {
  kind: ChannelKind;
  /** The header carrying the signature (named in 401 answers). */
  signatureHeader: string;
  verify(secret: string, raw: Buffer, header: (name: string) => string | undefined): Verified;
  parse(raw: Buffer, signedAtMs?: number): Parsed;
  outboundBody(message: OutboundMessage): unknown;
}

/** JSON.parse with the problem as text. */
export function parseJson(raw: Buffer): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { ok: false, problem: 'The body is not valid JSON.' };
  }
}
