/**
 * What a webcall link carries (format version 2): the provider, when the link expires, display
 * names, and what the customer's browser needs to join. Validated with zod (mini) on the way in.
 */
// zod/mini: the same validation as zod's classic API at a fraction of the size, because the customer's
// join page validates links before it shows anything and must stay small (issue 10, goal 2).
import { z } from 'zod/mini';

export const PROVIDERS = ['sip', 'sendbird'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** What the call sends: `video` (camera and microphone) or `audio` (microphone only). */
export const CALL_MEDIA = ['video', 'audio'] as const;
export type CallMedia = (typeof CALL_MEDIA)[number];

const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(80));
const common = {
  /** Unix seconds; the link (and the credentials in it) are no good after this. */
  exp: z.int().check(z.positive(), z.maximum(2 ** 32 - 1)),
  roomId: text(1, 128),
  agentName: z.optional(name),
  customerName: z.optional(name),
  /**
   * Opens the room's conversation (issue 14; server/webcall/chat-auth.ts): a server HMAC of the room
   * id. Links made before the conversation existed have none, and their page shows no chat.
   */
  chatKey: z.optional(text(16, 128)),
  /**
   * Audio-only or video call (issue 14, ADR 0026). Absent in links made before the choice existed:
   * those are video calls, as they always were ({@link callMediaOf}).
   */
  media: z.optional(z.enum(CALL_MEDIA)),
};

const IceServer = z.object({
  urls: z.union([text(0, 512), z.array(text(0, 512)).check(z.maxLength(8))]),
  username: z.optional(text(0, 256)),
  credential: z.optional(text(0, 256)),
});

export const SipJoin = z.object({
  provider: z.literal('sip'),
  ...common,
  sip: z.object({
    /** ws(s):// URL, or a path (`/sip`) on the origin serving the join page. */
    wsUrl: z
      .string()
      .check(
        z.maxLength(512),
        z.regex(/^(wss?:\/\/[^\s/?#]+[^\s]*|\/[^\s/][^\s]*)$/i, 'must be a ws:// or wss:// URL or a path'),
      ),
    domain: text(1, 253),
    /** Ephemeral digest username `"<unix-expiry>:<guest user>"`. */
    username: z
      .string()
      .check(z.maxLength(200), z.regex(/^\d{1,12}:[A-Za-z0-9._~-]{1,160}$/, 'must be "<expiry>:<user>"')),
    password: text(1, 200),
    /** The agent's room target, e.g. `sip:1001@openline.local`. */
    target: z.string().check(z.maxLength(300), z.regex(/^sips?:[^\s]+$/, 'must be a sip: URI')),
    iceServers: z.optional(z.array(IceServer).check(z.maxLength(8))),
  }),
});
export type SipJoin = z.infer<typeof SipJoin>;

export const SendbirdJoin = z.object({
  provider: z.literal('sendbird'),
  ...common,
  sendbird: z.object({
    appId: text(1, 64),
    userId: text(1, 128),
    accessToken: text(1, 512),
  }),
});
export type SendbirdJoin = z.infer<typeof SendbirdJoin>;

export const JoinPayload = z.discriminatedUnion('provider', [SipJoin, SendbirdJoin]);
export type JoinPayload = z.infer<typeof JoinPayload>;

/** The guest's SIP user part: the ephemeral username without its `<expiry>:` prefix. */
export function guestUserOf(username: string): string {
  return username.slice(username.indexOf(':') + 1);
}

/** The call's media: links without the field (made before the choice existed) are video calls. */
export function callMediaOf(payload: Pick<JoinPayload, 'media'>): CallMedia {
  return payload.media ?? 'video';
}
