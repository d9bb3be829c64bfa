/**
 * Viber REST bot callbacks: `{event, timestamp (ms), message_token, sender:{id, name}, message:{type, text}}`,
 * signed with `X-Viber-Content-Signature: <hex HMAC-SHA256 of the raw body, keyed with the auth token>`.
 * `message_token` is a 64-bit integer (beyond JSON number precision): read from the raw text.
 * Events other than `message` (delivered, seen, subscribed...) are acknowledged, not stored.
 * Media (ADR 0029, ADR 0036): `picture`, `file`, `video` and `sticker` messages carry `media` (the
 * provider's URL), `file_name`, `size` and, for pictures and videos, an optional `text` caption; a
 * sticker also has its `sticker_id` (its `media` is the sticker's PNG). Replies with a file are `picture`
 * (JPEG, PNG, GIF) or `file` (PDF) messages by URL.
 */
import { z } from 'zod';
import { describeZodError } from '../../api/router';
import { verifyViberSignature } from '../signature';
import type { ChannelMediaKind } from '../../../src/api/channels-schemas';
import { mediaUrlProblem, parseJson, type ChannelAdapter, type InboundMedia } from './types';

/** Viber's media message types, as what the customer sent (a sticker without `media` is a marker). */
const MEDIA_KINDS = {
  picture: 'image',
  file: 'document',
  video: 'video',
  sticker: 'sticker',
} as const satisfies Record<string, ChannelMediaKind>;

const ViberPayload = z.object({
  event: z.string().min(1),
  timestamp: z.number().int().positive(),
  sender: z.object({ id: z.string().min(1).max(64), name: z.string().max(80).optional() }).optional(),
  message: z
    .object({
      type: z.string(),
      text: z.string().max(4096).optional(),
      media: z
        .string()
        .refine((u) => mediaUrlProblem(u) === null, 'an http(s) media URL')
        .optional(),
      file_name: z.string().max(240).optional(),
      size: z.number().int().nonnegative().optional(),
      duration: z.number().nonnegative().optional(),
      sticker_id: z.number().int().nonnegative().optional(),
    })
    .optional(),
  context: z.string().max(64).optional(),
});

export const viberAdapter: ChannelAdapter = {
  kind: 'viber',
  signatureHeader: 'X-Viber-Content-Signature',
  verify: (secret, raw, header) => ({
    ok: verifyViberSignature(secret, raw, header('x-viber-content-signature')),
  }),
  parse(raw) {
    const json = parseJson(raw);
    if (!json.ok) return json;
    const p = ViberPayload.safeParse(json.value);
    if (!p.success) return { ok: false, problem: describeZodError(p.error) };
    const v = p.data;
    if (v.event !== 'message') return { ok: true, messages: [], ignored: 1 };
    const token = /"message_token"\s*:\s*"?(\d{1,24})"?/.exec(raw.toString('utf8'))?.[1];
    if (!token) return { ok: false, problem: 'message_token: missing' };
    if (!v.sender) return { ok: false, problem: 'sender: missing' };
    if (!v.message) return { ok: false, problem: 'message: missing' };
    const type = v.message.type;
    const kind = Object.hasOwn(MEDIA_KINDS, type) ? MEDIA_KINDS[type as keyof typeof MEDIA_KINDS] : null;
    const media: InboundMedia | undefined =
      kind && v.message.media
        ? { url: v.message.media, type: '', name: v.message.file_name ?? type, kind }
        : undefined;
    const text = v.message.type === 'text' || media ? (v.message.text ?? '').trim() : `[${v.message.type}]`;
    if (!text && !media) return { ok: false, problem: 'message.text: empty message' };
    return {
      ok: true,
      ignored: 0,
      messages: [
        {
          id: token,
          from: v.sender.id,
          name: v.sender.name ?? '',
          text,
          timestampMs: v.timestamp,
          ...(media ? { media } : {}),
          ...(v.context ? { ref: v.context } : {}),
        },
      ],
    };
  },
  mediaRoute: (type) =>
    ['image/jpeg', 'image/png', 'image/gif'].includes(type)
      ? 'image'
      : type === 'application/pdf'
        ? 'document'
        : null,
  outboundBody: (m) =>
    m.media
      ? m.media.type.startsWith('image/')
        ? { receiver: m.to, type: 'picture', text: m.text, media: m.media.url, sender: { name: 'Openline' } }
        : {
            receiver: m.to,
            type: 'file',
            media: m.media.url,
            size: m.media.size,
            file_name: m.media.name,
            sender: { name: 'Openline' },
          }
      : { receiver: m.to, type: 'text', text: m.text, sender: { name: 'Openline' } },
};
