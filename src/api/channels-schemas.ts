/**
 * Wire shapes of the channel conversations API (issue 14, "bring your own channel"), shared by the
 * server (server/channels) and the Agent tab's Conversations panel.
 */
import { z } from 'zod';

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

export const ChannelMessageView = z.object({
  id: z.number(),
  direction: z.enum(['in', 'out']),
  kind: z.enum(['text', 'template', 'call', 'notice']),
  body: z.string(),
  status: z.enum(['received', 'pending', 'sent', 'failed']),
  attempts: z.number(),
  /** Why delivery gave up (dead letter), when status is failed. */
  reason: z.string().nullable(),
  author: z.string().nullable(),
  createdAt: z.number(),
});
export type ChannelMessageView = z.infer<typeof ChannelMessageView>;

export const ConversationList = z.object({ conversations: z.array(ConversationSummary) });
export type ConversationList = z.infer<typeof ConversationList>;

export const ConversationDetail = z.object({
  conversation: ConversationSummary,
  messages: z.array(ChannelMessageView),
  templates: z.array(ChannelTemplate),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

/** `POST /api/channels/conversations/:id/messages`: free text, or a named template. */
export const ChannelReplyRequest = z.union([
  z.object({ text: z.string().trim().min(1, 'write a message').max(4096) }).strict(),
  z.object({ template: z.string().trim().min(1).max(128) }).strict(),
]);
export type ChannelReplyRequest = z.infer<typeof ChannelReplyRequest>;

export const ChannelMessageResult = z.object({ message: ChannelMessageView });
export type ChannelMessageResult = z.infer<typeof ChannelMessageResult>;
