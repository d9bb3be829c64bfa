/**
 * Channel configuration (environment variables → ServerOptions), spread into server/config.ts:
 *
 *   CHANNELS       JSON array of channels: [{"id","kind":"generic|whatsapp|viber","secret","outboundUrl",
 *                  "templates":[{"name","text"}]}]. `secret` keys the inbound signature check and signs
 *                  outbound posts; `outboundUrl` is where agents' replies are posted.
 *   CHANNELS_DEMO  1: seed the `demo-whatsapp` channel (documented demo secret) and the local fake
 *                  provider under /api/dev/fake-provider; 0: neither. Default: on when HOST is loopback.
 *   CHANNELS_MEDIA_MAX_BYTES  largest customer's audio or video kept (ADR 0036); default 16000000
 *                  (WhatsApp's own limit for audio and video), 1024 to 100000000. Images and PDFs keep
 *                  the attachment limit (ATTACHMENTS_MAX_BYTES). Larger files stay a link.
 */
import { z } from 'zod';
import { ChannelKind, ChannelTemplate } from '../../src/api/channels-schemas';

export const ChannelConfig = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a channel id (lower-case letters, digits, -)'),
  kind: ChannelKind,
  secret: z.string().min(16, 'at least 16 characters'),
  outboundUrl: z
    .string()
    .trim()
    .regex(/^(?:https?:\/\/[^\s/]+|\/api\/dev\/)/i, 'an http(s) URL (or this server’s /api/dev/ path)'),
  templates: z.array(ChannelTemplate).max(50).default([]),
});
export type ChannelConfig = z.infer<typeof ChannelConfig>;

export interface ChannelsOptions {
  channels: ChannelConfig[];
  /** Seed the demo channel and the fake provider; undefined: when HOST is loopback. */
  channelsDemo: boolean | undefined;
  /** Outbound retry delays in ms (one more attempt after each): 3 attempts by default. */
  channelRetryDelaysMs: number[];
  /** Largest customer's audio or video file kept (bytes); images and PDFs keep the attachment limit. */
  channelMediaMaxBytes: number;
}

/** WhatsApp's limit for audio and video (16 MB): what a customer can send there. */
export const CHANNEL_MEDIA_MAX_BYTES = 16_000_000;

export const DEFAULT_CHANNELS_OPTIONS: ChannelsOptions = {
  channels: [],
  channelsDemo: undefined,
  channelRetryDelaysMs: [1000, 4000],
  channelMediaMaxBytes: CHANNEL_MEDIA_MAX_BYTES,
};

export const CHANNELS_ENV = {
  CHANNELS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array of channels' });
        return z.NEVER;
      }
    })
    .pipe(z.array(ChannelConfig).max(50))
    .optional(),
  CHANNELS_DEMO: z.enum(['0', '1']).optional(),
  CHANNELS_MEDIA_MAX_BYTES: z.coerce.number().int('must be an integer').min(1024).max(100_000_000).optional(),
};

type ChannelsEnv = { [K in keyof typeof CHANNELS_ENV]?: z.infer<(typeof CHANNELS_ENV)[K]> };

export function channelsOptionsFromEnv(e: ChannelsEnv): Partial<ChannelsOptions> {
  const out: Partial<ChannelsOptions> = {};
  if (e.CHANNELS !== undefined) out.channels = e.CHANNELS;
  if (e.CHANNELS_DEMO !== undefined) out.channelsDemo = e.CHANNELS_DEMO === '1';
  if (e.CHANNELS_MEDIA_MAX_BYTES !== undefined) out.channelMediaMaxBytes = e.CHANNELS_MEDIA_MAX_BYTES;
  return out;
}

/** The seeded demo channel: documented secret, replies go to the in-process fake provider. */
export const DEMO_CHANNEL: ChannelConfig = {
  id: 'demo-whatsapp',
  kind: 'whatsapp',
  secret: 'openline-demo-whatsapp-secret',
  outboundUrl: '/api/dev/fake-provider/demo-whatsapp',
  templates: [
    {
      name: 'follow_up',
      text: 'Hello, this is Openline support following up on your request. Reply to continue.',
    },
    {
      name: 'call_back',
      text: 'We tried to reach you. Reply to this message and an agent will call you back.',
    },
  ],
};
