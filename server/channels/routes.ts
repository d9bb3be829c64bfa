/**
 * `/api/channels/*` for signed-in agents (and admins):
 * - `GET  /api/channels/conversations`                 mine + the unassigned queue
 * - `GET  /api/channels/conversations/:id`             timeline, session fields, templates (marks read)
 * - `POST /api/channels/conversations/:id/claim`       take a queued conversation
 * - `POST /api/channels/conversations/:id/messages`    reply: `{text}` or `{template}`
 * - `POST /api/channels/conversations/:id/call-link`   send a webcall link the app created `{roomId, url}`
 * - `POST /api/channels/conversations/:id/close`       close; the customer is told how to start again
 * - `GET  /api/channels/events`                        SSE: `conversation` events
 */
import { z } from 'zod';
import {
  ChannelReplyRequest,
  type ChannelMessageResult,
  type ConversationDetail,
  type ConversationList,
  type ConversationSummary,
} from '../../src/api/channels-schemas';
import { HttpError, type RequestContext } from '../api/router';
import type { RouteModule } from '../api/routes';
import type { WebcallAudit } from '../webcall/audit';
import type { ConversationEventHub } from './events';
import type { ChannelService } from './service';

export const CallLinkRequest = z
  .object({
    roomId: z.string().min(1).max(64),
    url: z
      .string()
      .max(8192)
      .regex(/^https?:\/\/[^\s/#]+\/join(?:\.html)?#\S+$/, 'a webcall join link (…/join#…)'),
  })
  .strict();

export interface ChannelRouteDeps {
  service: ChannelService;
  events: ConversationEventHub;
  audit: WebcallAudit;
  isAgent(username: string): boolean;
  now?: () => number;
}

export function channelRoutes(d: ChannelRouteDeps): RouteModule {
  const now = d.now ?? Date.now;
  const agent = (ctx: RequestContext): string => {
    const username = ctx.user!.username;
    if (!d.isAgent(username))
      throw new HttpError(403, 'forbidden', 'Only agents handle channel conversations.');
    return username;
  };
  const id = (ctx: RequestContext): number => {
    const n = Number(ctx.params.id);
    if (!Number.isSafeInteger(n) || n < 1)
      throw new HttpError(400, 'invalid_request', 'id: a conversation number');
    return n;
  };
  return (router) => {
    router.get(
      '/api/channels/conversations',
      (ctx): ConversationList => ({ conversations: d.service.list(agent(ctx)) }),
      { auth: true },
    );
    router.get(
      '/api/channels/conversations/:id',
      (ctx): ConversationDetail => d.service.detail(agent(ctx), id(ctx)),
      { auth: true },
    );
    router.post(
      '/api/channels/conversations/:id/claim',
      (ctx): ConversationSummary => d.service.claim(agent(ctx), id(ctx)),
      { auth: true },
    );
    router.post(
      '/api/channels/conversations/:id/messages',
      async (ctx): Promise<ChannelMessageResult> => {
        const who = agent(ctx);
        const request = await ctx.body(ChannelReplyRequest);
        return { message: d.service.reply(who, id(ctx), request) };
      },
      { auth: true },
    );
    router.post(
      '/api/channels/conversations/:id/call-link',
      async (ctx): Promise<ChannelMessageResult> => {
        const who = agent(ctx);
        const request = await ctx.body(CallLinkRequest);
        const room = d.audit.get(request.roomId);
        if (!room || room.agent !== who) throw new HttpError(404, 'not_found', 'No such call link.');
        if (room.expiresAt < now()) throw new HttpError(410, 'expired', 'This call link has expired.');
        const message = d.service.sendCallLink(who, id(ctx), request.url, room.guestUser);
        d.audit.markSent(room.roomId, 'channel', now());
        return { message };
      },
      { auth: true },
    );
    router.post(
      '/api/channels/conversations/:id/close',
      (ctx): ConversationSummary => d.service.close(agent(ctx), id(ctx)),
      { auth: true },
    );
    router.get(
      '/api/channels/events',
      (ctx) => {
        const who = agent(ctx);
        const refused = d.events.refusal(who);
        if (refused) throw new HttpError(429, 'too_many_streams', refused);
        ctx.reply.hijack();
        d.events.open(who, ctx.reply.raw);
        return ctx.reply;
      },
      { auth: true },
    );
  };
}
