/**
 * Wire shapes of the channel conversations API (issue 14, "bring your own channel"), shared by the
 * server (server/channels) and the Agent tab's Conversations panel.
 */
import { z } from 'zod';
import { ATTACHMENT_ID } from '../lib/attachments';

export const ChannelKind = z.enum(['generic', 'whatsapp', 'viber']);
export type ChannelKind = z.infer<typeof ChannelKind>;

/**
 * WhatsApp's customer-service window: free text only within 24 h of the customer's last message.
 * `none` for channels without such a rule.
 */
export const ServiceWindow = z.discriminatedUnion('state', [
  z.object({ state: z.literal('none') }),
  z.object({ state: z.literal('open'), closesAt: z.number() }),
  z.object({ state: z.literal('closed') }),
]);
export type ServiceWindow = z.infer<typeof ServiceWindow>;

export const ChannelTemplate = z.object({ name: z.string(), text: z.string() });
export type ChannelTemplate = z.infer<typeof ChannelTemplate>;

export const ConversationSummary = z.object({
  id: z.number(),
  channel: z.string(),
  kind: ChannelKind,
  /** The customer's address on the channel, e.g. `447700900123`. */
  channelId: z.string(),
  customerName: z.string(),
  /** Username of the assigned agent; null while in the unassigned queue. */
  agent: z.string().nullable(),
  guestId: z.string().nullable(),
  state: z.enum(['open', 'closed']),
  fields: z.tuple([z.string(), z.string(), z.string()]),
  routedBy: z.string(),
  unread: z.number(),
  lastInboundAt: z.number().nullable(),
  updatedAt: z.number(),
  preview: z.string(),
  window: ServiceWindow,
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

/**
 * A message's file (ADR 0029). `stored`: fetched (inbound) or uploaded (outbound) and kept by our
 * attachment store after its magic-byte check; the app shows it from
 * `/api/channels/conversations/:id/media/:messageId`. `pending`: the provider's file is being fetched.
 * `link`: not kept (refused type, too big, unreachable): only the provider's URL, shown as a link.
 */
/**
 * What the customer sent, as the provider says (ADR 0036): it picks the player and the words
 * ("Voice message from …"); the sniffed `type` still decides whether the file is kept at all.
 */
export const ChannelMediaKind = z.enum(['image', 'document', 'voice', 'audio', 'video', 'sticker']);
export type ChannelMediaKind = z.infer<typeof ChannelMediaKind>;

export const ChannelMedia = z.object({
  type: z.string(),
  /** null: an agent's upload, or a row from before ADR 0036 (shown by its type). */
  kind: ChannelMediaKind.nullable().default(null),
  name: z.string(),
  size: z.number().nullable(),
  state: z.enum(['pending', 'stored', 'link']),
  /** The provider's URL when the file was not kept (http/https only); null otherwise. */
  link: z.string().nullable(),
});
export type ChannelMedia = z.infer<typeof ChannelMedia>;

/**
 * Why delivery gave up, as a code the app words: `status:<3 digits>` (the provider answered that),
 * `unreachable`, `timeout`.
 */
export const DeadLetterCode = z.string().regex(/^(?:status:\d{3}|unreachable|timeout)$/);

export const ChannelMessageView = z.object({
  id: z.number(),
  direction: z.enum(['in', 'out']),
  kind: z.enum(['text', 'template', 'call', 'notice']),
  body: z.string(),
  status: z.enum(['received', 'pending', 'sent', 'failed']),
  attempts: z.number(),
  /** Why delivery gave up (dead letter), when status is failed: the server's English, for logs. */
  reason: z.string().nullable(),
  /** The same as a code ({@link DeadLetterCode}); null for rows older than migration 19. */
  reasonCode: z.string().nullable().default(null),
  author: z.string().nullable(),
  createdAt: z.number(),
  media: ChannelMedia.nullable().default(null),
});
export type ChannelMessageView = z.infer<typeof ChannelMessageView>;

export const ConversationList = z.object({ conversations: z.array(ConversationSummary) });
export type ConversationList = z.infer<typeof ConversationList>;

/** What happened to a webcall whose link was sent on the conversation (ADR 0029). */
export const ChannelCallEvent = z.object({
  id: z.number(),
  roomId: z.string(),
  event: z.enum(['opened', 'answered', 'ended', 'expired']),
  /** How long the call lasted (`ended` only). */
  durationMs: z.number().nullable(),
  at: z.number(),
});
export type ChannelCallEvent = z.infer<typeof ChannelCallEvent>;

/**
 * `POST /api/channels/calls/:roomId` (ADR 0034): the agent's app tells the server its room's call was
 * answered or ended, where the server sees no SIP dialog (Kamailio, Sendbird rooms).
 */
export const ChannelCallReport = z.object({ event: z.enum(['answered', 'ended']) }).strict();
export type ChannelCallReport = z.infer<typeof ChannelCallReport>;

/** Whether the report made a timeline row (false: already there, or not this room's source). */
export const ChannelCallReportResult = z.object({ recorded: z.boolean() });
export type ChannelCallReportResult = z.infer<typeof ChannelCallReportResult>;

export const ConversationDetail = z.object({
  conversation: ConversationSummary,
  messages: z.array(ChannelMessageView),
  calls: z.array(ChannelCallEvent).default([]),
  templates: z.array(ChannelTemplate),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

/** `POST /api/channels/conversations/:id/messages`: free text, or a named template. */
export const ChannelReplyRequest = z.union([
  z.object({ text: z.string().trim().min(1, 'write a message').max(4096) }).strict(),
  z.object({ template: z.string().trim().min(1).max(128) }).strict(),
  /** A file the agent uploaded with `POST /api/attachments` (to themself), with an optional caption. */
  z
    .object({
      attachment: z.string().regex(ATTACHMENT_ID, 'an attachment id'),
      text: z.string().trim().max(1024).optional(),
    })
    .strict(),
]);
export type ChannelReplyRequest = z.infer<typeof ChannelReplyRequest>;

export const ChannelMessageResult = z.object({ message: ChannelMessageView });
export type ChannelMessageResult = z.infer<typeof ChannelMessageResult>;
