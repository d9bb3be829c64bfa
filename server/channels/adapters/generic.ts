/**
 * The generic webhook: `{id, from, name?, text, timestamp?, ref?, fields?}` (timestamp in epoch ms),
 * signed with `X-Openline-Signature: t=<unix s>,v1=<hex HMAC of "<t>.<body>">`.
 * Files (ADR 0029): inbound `media: {url, type?, name?}` with an optional `text` caption; outbound, the
 * file's URL is written in the text (a webhook has no media message of its own).
 */
import { z } from 'zod';
import { describeZodError } from '../../api/router';
import { verifyOpenlineSignature } from '../signature';
import { mediaUrlProblem, parseJson, type ChannelAdapter } from './types';

const Field = z.string().max(256);
const GenericPayload = z.object({
  id: z.string().trim().min(1).max(128),
  from: z
    .string()
    .trim()
    .regex(/^[\w+.@:-]{1,64}$/, 'a channel address (letters, digits, + . @ : _ -)'),
  name: z.string().trim().max(80).optional(),
  text: z.string().trim().max(4096).default(''),
  media: z
    .object({
      url: z.string().refine((u) => mediaUrlProblem(u) === null, 'an http(s) media URL'),
      type: z.string().max(100).optional(),
      name: z.string().max(240).optional(),
    })
    .optional(),
  timestamp: z.number().int().positive().optional(),
  ref: z.string().trim().max(64).optional(),
  fields: z.tuple([Field, Field, Field]).optional(),
});

export const genericAdapter: ChannelAdapter = {
  kind: 'generic',
  signatureHeader: 'X-Openline-Signature',
  verify(secret, raw, header) {
    const signedAtMs = verifyOpenlineSignature(secret, raw, header('x-openline-signature'));
    return signedAtMs === null ? { ok: false } : { ok: true, signedAtMs };
  },
  parse(raw, signedAtMs) {
    const json = parseJson(raw);
    if (!json.ok) return json;
    const p = GenericPayload.safeParse(json.value);
    if (!p.success) return { ok: false, problem: describeZodError(p.error) };
    const m = p.data;
    if (!m.text && !m.media) return { ok: false, problem: 'text: empty message' };
    return {
      ok: true,
      ignored: 0,
      messages: [
        {
          id: m.id,
          from: m.from,
          name: m.name ?? '',
          text: m.text,
          ...(m.media
            ? {
                media: {
                  url: m.media.url,
                  type: m.media.type ?? '',
                  name: m.media.name ?? 'file',
                  kind: null,
                },
              }
            : {}),
          timestampMs: m.timestamp ?? signedAtMs ?? Number.NaN,
          ...(m.ref ? { ref: m.ref } : {}),
          ...(m.fields ? { fields: m.fields } : {}),
        },
      ],
    };
  },
  mediaRoute: () => 'link',
  outboundBody: (m) => ({
    to: m.to,
    conversationId: m.conversationId,
    type: m.kind,
    text: m.media ? [m.text, m.media.url].filter(Boolean).join('\n') : m.text,
    ...(m.template ? { template: m.template } : {}),
  }),
};
