/** Builds signed inbound requests the way each provider does (tests, scripts/channel-send.ts). */
import { hmacHex, openlineSignature } from '../signature';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** A WhatsApp Cloud API text message webhook, signed with `X-Hub-Signature-256`. */
export function whatsappInbound(
  secret: string,
  m: { id: string; from: string; name?: string; text: string; timestampMs: number; ref?: string },
): SignedRequest {
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
                  type: 'text',
                  text: { body: m.text },
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
