/**
 * `/api/channels/*` for signed-in agents (and admins):
 * - `GET  /api/channels/conversations`                 mine + the unassigned queue
 * - `GET  /api/channels/conversations/:id`             timeline, session fields, templates (marks read)
 * - `POST /api/channels/conversations/:id/claim`       take a queued conversation
 * - `POST /api/channels/conversations/:id/messages`    reply: `{text}`, `{template}` or `{attachment, text?}`
 * - `GET  /api/channels/conversations/:id/media/:mid`  a message's kept file (ADR 0029)
 * - `GET  /api/channels/media/:attachment`             public: a file an agent sent, for the provider
 * - `POST /api/channels/conversations/:id/call-link`   send a webcall link the app created `{roomId, url}`
 * - `POST /api/channels/calls/:roomId`                 the agent's app: its room's call `{event}` (ADR 0034)
 * - `POST /api/channels/conversations/:id/close`       close; the customer is told how to start again
 * - `GET  /api/channels/events`                        SSE: `conversation` events
 */
import { z } from 'zod';
import {
  ChannelCallReport,
  ChannelReplyRequest,
  type ChannelCallReportResult,
  type ChannelMessageResult,
  type ConversationDetail,
  type ConversationList,
  type ConversationSummary,
} from '../../src/api/channels-schemas';
import { HttpError, sendError, type RequestContext } from '../api/router';
import type { RouteModule } from '../api/routes';
import type { WebcallAudit } from '../webcall/audit';
import { SendRate } from '../webcall/chat-rate';
import type { CallWatch } from './call-watch';
import type { ConversationEventHub } from './events';
import type { Attachment } from '../chat/attachment-store';
import type { FastifyReply } from 'fastify';
import { isImageType } from '../../src/lib/attachments';
import { isPlayableType } from '../../src/lib/media-types';
import { parseRange } from '../http/range';
import { CHANNEL_MEDIA_PATH, type ChannelService } from './service';

export const CallLinkRequest = z
  .object({
    roomId: z.string().min(1).max(64),
    url: z
      .string()
      .max(8192)
      .regex(/^https?:\/\/[^\s/#]+\/join(?:\.html)?#\S+$/, 'a webcall join link (…/join#…)'),
  })
  .strict();

/**
 * Sends a kept file the way /api/attachments does: sniffed type, nosniff, sandboxed, inline images,
 * audio and video (ADR 0036), with byte ranges so a media element can seek (206, or 416 past the end).
 */
function sendFile(ctx: RequestContext, file: Attachment, bytes: Buffer): FastifyReply {
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  const kind = isImageType(file.type) || isPlayableType(file.type) ? 'inline' : 'attachment';
  const range = parseRange(ctx.request.headers.range, bytes.length);
  if (range.kind === 'unsatisfiable') {
    ctx.reply.header('Content-Range', `bytes */${bytes.length}`);
    return sendError(ctx.reply, 416, 'range_not_satisfiable', `The file has ${bytes.length} bytes.`);
  }
  const reply = ctx.reply
    .header('Content-Type', file.type)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "sandbox; default-src 'none'")
    .header('Cache-Control', 'private, max-age=3600')
    .header('Accept-Ranges', 'bytes')
    .header(
      'Content-Disposition',
      `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
  if (range.kind === 'full') return reply.send(bytes);
  return reply
    .code(206)
    .header('Content-Range', `bytes ${range.start}-${range.end}/${bytes.length}`)
    .send(bytes.subarray(range.start, range.end + 1));
}

export interface ChannelRouteDeps {
  service: ChannelService;
  events: ConversationEventHub;
  audit: WebcallAudit;
  /** The call rows of the timeline: takes the agents' reports (ADR 0034). */
  calls: Pick<CallWatch, 'report'>;
  isAgent(username: string): boolean;
  now?: () => number;
}

/** Per agent: a call makes two reports; this is room for a few dozen calls' retries. */
const REPORTS_PER_MINUTE = 30;

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
  const reportRate = new SendRate(REPORTS_PER_MINUTE, 60_000);
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
        const message = d.service.sendCallLink(who, id(ctx), request.url, room);
        d.audit.markSent(room.roomId, 'channel', now());
        return { message };
      },
      { auth: true },
    );
    router.post(
      '/api/channels/calls/:roomId',
      async (ctx): Promise<ChannelCallReportResult> => {
        const who = agent(ctx);
        const wait = reportRate.take(who, now());
        if (wait > 0) {
          ctx.reply.header('Retry-After', String(Math.ceil(wait / 1000)));
          throw new HttpError(429, 'rate_limited', 'Too many call reports: wait a moment.');
        }
        const { event } = await ctx.body(ChannelCallReport);
        // Another agent's room and an unknown one answer alike: room ids cannot be probed.
        const room = d.audit.get(ctx.params.roomId ?? '');
        if (!room || room.agent !== who) throw new HttpError(404, 'not_found', 'No such call link.');
        // A room whose link was not sent on a conversation has no timeline: `not_linked`, nothing stored.
        const outcome = d.calls.report(room.roomId, event);
        if (outcome === 'expired')
          throw new HttpError(410, 'expired', 'This call link has expired: the call is no longer followed.');
        if (outcome === 'not_answered')
          throw new HttpError(409, 'not_answered', 'event: no answered call in this room to end.');
        return { recorded: outcome === 'recorded' };
      },
      { auth: true },
    );
    router.get(
      '/api/channels/conversations/:id/media/:mid',
      (ctx) => {
        const who = agent(ctx);
        const mid = Number(ctx.params.mid);
        if (!Number.isSafeInteger(mid) || mid < 1) throw new HttpError(404, 'not_found', 'No such file.');
        const { file, bytes } = d.service.messageMedia(who, id(ctx), mid);
        return sendFile(ctx, file, bytes);
      },
      { auth: true },
    );
    router.get(`${CHANNEL_MEDIA_PATH}/:attachment`, (ctx) => {
      const { file, bytes } = d.service.outboundMedia(ctx.params.attachment ?? '');
      return sendFile(ctx, file, bytes);
    });
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
