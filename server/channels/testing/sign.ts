/** Builds signed inbound requests the way each provider does (tests, scripts/channel-send.ts). */
import { hmacHex, openlineSignature } from '../signature';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** A media message's file: `link` is the provider's media URL (ADR 0029). */
export interface WhatsappMedia {
  kind: 'image' | 'document' | 'audio' | 'video' | 'sticker';
  link: string;
  mimeType: string;
  filename?: string;
  /** `audio`: recorded as a voice note (ADR 0036). */
  voice?: boolean;
}

/**
 * A WhatsApp Cloud API message webhook, signed with `X-Hub-Signature-256`: text, or with `media` an
 * image/document/audio/video/sticker message whose caption is `text`.
 */
export function whatsappInbound(
  secret: string,
  m: {
    id: string;
    from: string;
    name?: string;
    text: string;
    timestampMs: number;
    ref?: string;
    media?: WhatsappMedia;
  },
): SignedRequest {
  const content = m.media
    ? {
        type: m.media.kind,
        [m.media.kind]: {
          id: `media-${m.id}`,
          mime_type: m.media.mimeType,
          link: m.media.link,
          ...(m.text ? { caption: m.text } : {}),
          ...(m.media.filename ? { filename: m.media.filename } : {}),
          ...(m.media.voice !== undefined ? { voice: m.media.voice } : {}),
        },
      }
    : { type: 'text', text: { body: m.text } };
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA_ID',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: 'PHONE_ID' },
              contacts: [{ wa_id: m.from, profile: { name: m.name ?? '' } }],
              messages: [
                {
                  from: m.from,
                  id: m.id,
                  timestamp: String(Math.floor(m.timestampMs / 1000)),
                  ...content,
                  ...(m.ref ? { referral: { ref: m.ref } } : {}),
                },
              ],
            },
          },
        ],
      },
    ],
  });
  return {
    body,
    headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': `sha256=${hmacHex(secret, body)}` },
  };
}

/** A generic webhook message, signed with `X-Openline-Signature`. */
export function genericInbound(secret: string, payload: object, nowMs: number): SignedRequest {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-Openline-Signature': openlineSignature(secret, body, Math.floor(nowMs / 1000)),
    },
  };
}
