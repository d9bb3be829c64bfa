/**
 * WhatsApp Cloud API webhooks: `{object, entry[].changes[].value.{contacts[], messages[], statuses[]}}`,
 * signed with `X-Hub-Signature-256: sha256=<hex HMAC of the raw body, keyed with the app secret>`.
 * Message timestamps are unix seconds as strings. Delivery `statuses` are acknowledged, not stored.
 * A click-to-WhatsApp/QR `referral` (or an `agent:NNNN` first message) can name an agent.
 * Media (ADR 0029, ADR 0036): `image`/`document`/`audio`/`video`/`sticker` objects
 * `{id, mime_type, link, caption?, filename?, voice?, animated?}`, where `link` is the provider's media
 * URL (the real Cloud API hands out a media id to resolve first: the gateway in front of us does that);
 * without a link the message is stored as a `[audio]`-style marker. An `audio` is a voice note when it
 * says `voice: true` or is OGG (what WhatsApp records). Replies with a file are Cloud API
 * `image`/`document` messages by link (JPEG/PNG images, PDF documents).
 */
import { z } from 'zod';
import { describeZodError } from '../../api/router';
import { verifyHubSignature } from '../signature';
import type { ChannelMediaKind } from '../../../src/api/channels-schemas';
import {
  mediaUrlProblem,
  parseJson,
  type ChannelAdapter,
  type InboundMedia,
  type InboundMessage,
} from './types';

const WaMedia = z.object({
  id: z.string().max(256).optional(),
  mime_type: z.string().max(100).optional(),
  link: z
    .string()
    .refine((u) => mediaUrlProblem(u) === null, 'an http(s) media URL')
    .optional(),
  caption: z.string().max(1024).optional(),
  filename: z.string().max(240).optional(),
  /** `audio`: recorded in WhatsApp as a voice note. */
  voice: z.boolean().optional(),
  /** `sticker`: an animated WebP. */
  animated: z.boolean().optional(),
});
type WaMedia = z.infer<typeof WaMedia>;

/** The media message types we read, and the name a file gets when the provider gives none. */
const MEDIA_NAMES = {
  image: 'image',
  document: 'document',
  audio: 'audio',
  video: 'video',
  sticker: 'sticker',
} as const;
type WaMediaType = keyof typeof MEDIA_NAMES;
const isMediaType = (type: string): type is WaMediaType => Object.hasOwn(MEDIA_NAMES, type);

function mediaOf(type: WaMediaType, file: WaMedia): InboundMedia | undefined {
  if (!file.link) return undefined;
  const declared = file.mime_type ?? '';
  const kind: ChannelMediaKind =
    type === 'audio' ? (file.voice === true || /^audio\/ogg\b/i.test(declared) ? 'voice' : 'audio') : type;
  return { url: file.link, type: declared, name: file.filename ?? MEDIA_NAMES[type], kind };
}

const WaMessage = z.object({
  from: z.string().regex(/^\d{5,20}$/, 'a WhatsApp id (digits)'),
  id: z.string().min(1).max(256),
  timestamp: z.string().regex(/^\d{1,12}$/, 'unix seconds'),
  type: z.string(),
  text: z.object({ body: z.string().max(4096) }).optional(),
  image: WaMedia.optional(),
  document: WaMedia.optional(),
  audio: WaMedia.optional(),
  video: WaMedia.optional(),
  sticker: WaMedia.optional(),
  referral: z
    .object({ ref: z.string().max(64).optional(), source_id: z.string().max(64).optional() })
    .optional(),
});
const WaValue = z.object({
  contacts: z
    .array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string().max(80) }).optional() }))
    .optional(),
  messages: z.array(WaMessage).max(100).optional(),
  statuses: z.array(z.unknown()).optional(),
});
const WaPayload = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(z.object({ changes: z.array(z.object({ field: z.string().optional(), value: WaValue })).min(1) }))
    .min(1),
});

export const whatsappAdapter: ChannelAdapter = {
  kind: 'whatsapp',
  signatureHeader: 'X-Hub-Signature-256',
  verify: (secret, raw, header) => ({ ok: verifyHubSignature(secret, raw, header('x-hub-signature-256')) }),
  parse(raw) {
    const json = parseJson(raw);
    if (!json.ok) return json;
    const p = WaPayload.safeParse(json.value);
    if (!p.success) return { ok: false, problem: describeZodError(p.error) };
    const messages: InboundMessage[] = [];
    let ignored = 0;
    for (const entry of p.data.entry) {
      for (const { value } of entry.changes) {
        ignored += value.statuses?.length ?? 0;
        for (const m of value.messages ?? []) {
          const name = value.contacts?.find((c) => c.wa_id === m.from)?.profile?.name ?? '';
          const type = m.type;
          const file = isMediaType(type) ? m[type] : undefined;
          const media = isMediaType(type) && file ? mediaOf(type, file) : undefined;
          // Other types (and media without a link) arrive as a marker.
          const text =
            m.type === 'text'
              ? (m.text?.body ?? '').trim()
              : media
                ? (file?.caption ?? '').trim()
                : `[${m.type}]`;
          if (!text && !media)
            return { ok: false, problem: `entry.changes.value.messages: message ${m.id} has no text` };
          const ref = m.referral?.ref ?? m.referral?.source_id;
          messages.push({
            id: m.id,
            from: m.from,
            name,
            text,
            timestampMs: Number(m.timestamp) * 1000,
            ...(media ? { media } : {}),
            ...(ref ? { ref } : {}),
          });
        }
      }
    }
    return { ok: true, messages, ignored };
  },
  mediaRoute: (type) =>
    type === 'image/jpeg' || type === 'image/png' ? 'image' : type === 'application/pdf' ? 'document' : null,
  outboundBody: (m) =>
    m.media
      ? {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: m.to,
          ...(m.media.type.startsWith('image/')
            ? { type: 'image', image: { link: m.media.url, ...(m.text ? { caption: m.text } : {}) } }
            : {
                type: 'document',
                document: {
                  link: m.media.url,
                  filename: m.media.name,
                  ...(m.text ? { caption: m.text } : {}),
                },
              }),
        }
      : m.kind === 'template' && m.template
        ? {
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to: m.to,
            type: 'template',
            template: { name: m.template, language: { code: 'en' } },
          }
        : {
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to: m.to,
            type: 'text',
            text: { body: m.text, preview_url: m.kind === 'call' },
          },
};
