/**
 * What a webcall link carries (format version 2): the provider, when the link expires, display
 * names, and what the customer's browser needs to join. Validated with zod on the way in.
 */
import { z } from 'zod';

export const PROVIDERS = ['sip', 'sendbird'] as const;
export type Provider = (typeof PROVIDERS)[number];

const name = z.string().trim().min(1).max(80);
const common = {
  /** Unix seconds; the link (and the credentials in it) are no good after this. */
  exp: z
    .number()
    .int()
    .positive()
    .max(2 ** 32 - 1),
  roomId: z.string().min(1).max(128),
  agentName: name.optional(),
  customerName: name.optional(),
};

const IceServer = z.object({
  urls: z.union([z.string().max(512), z.array(z.string().max(512)).max(8)]),
  username: z.string().max(256).optional(),
  credential: z.string().max(256).optional(),
});

export const SipJoin = z.object({
  provider: z.literal('sip'),
  ...common,
  sip: z.object({
    /** ws(s):// URL, or a path (`/sip`) on the origin serving the join page. */
    wsUrl: z
      .string()
      .max(512)
      .regex(/^(wss?:\/\/[^\s/?#]+[^\s]*|\/[^\s/][^\s]*)$/i, 'must be a ws:// or wss:// URL or a path'),
    domain: z.string().min(1).max(253),
    /** Ephemeral digest username `"<unix-expiry>:<guest user>"`. */
    username: z
      .string()
      .max(200)
      .regex(/^\d{1,12}:[A-Za-z0-9._~-]{1,160}$/, 'must be "<expiry>:<user>"'),
    password: z.string().min(1).max(200),
    /** The agent's room target, e.g. `sip:1001@openline.local`. */
    target: z
      .string()
      .max(300)
      .regex(/^sips?:[^\s]+$/, 'must be a sip: URI'),
    iceServers: z.array(IceServer).max(8).optional(),
  }),
});
export type SipJoin = z.infer<typeof SipJoin>;

export const SendbirdJoin = z.object({
  provider: z.literal('sendbird'),
  ...common,
  sendbird: z.object({
    appId: z.string().min(1).max(64),
    userId: z.string().min(1).max(128),
    accessToken: z.string().min(1).max(512),
  }),
});
export type SendbirdJoin = z.infer<typeof SendbirdJoin>;

export const JoinPayload = z.discriminatedUnion('provider', [SipJoin, SendbirdJoin]);
export type JoinPayload = z.infer<typeof JoinPayload>;

/** The guest's SIP user part: the ephemeral username without its `<expiry>:` prefix. */
export function guestUserOf(username: string): string {
  return username.slice(username.indexOf(':') + 1);
}
