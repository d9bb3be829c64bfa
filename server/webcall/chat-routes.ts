/**
 * `/api/webcall/rooms/:roomId/chat/*`: the room's conversation (issue 14).
 * - `POST .../chat/guest`     the customer trades the link's chat key for a guest id + token (resume:
 *                             sends the guest id it kept and gets the same one back)
 * - `GET  .../chat/messages`  history (`?after=<id>`)
 * - `POST .../chat/messages`  send `{clientId, text}`; the same clientId again answers the stored message
 * - `GET  .../chat/stream`    Server-Sent Events; resumes after `Last-Event-ID` (or `?after=`); first a
 *                             `room` event (`{fileTransfer}`), then messages; `typing` events live only
 * - `POST .../chat/typing`    `{state: 'active' | 'idle'}`: tells the other side's streams (not stored)
 * Files (`.../chat/files`, multipart) are in ./chat-file-routes.ts (ADR 0030).
 * The customer sends `Authorization: Guest <token>`; the agent its session cookie and must own the
 * room. The customer may post until the link expires or the agent stops the room; both may read until
 * the link expires, when the conversation is purged.
 * A refusal's `error` is a stable code (`closed`, `expired`, `not_found`, `forbidden`, `unauthenticated`,
 * `too_many_messages` with Retry-After seconds, `too_many_streams`, `invalid_request`): the join page words
 * the code in the customer's language (src/ui/chat/chat-problem-text.ts); `message` is English for logs
 * and API users, never shown. A new code needs its sentence there.
 */
import type { z } from 'zod/mini';
import {
  ChatGuestRequest,
  ChatSendRequest,
  ChatTypingRequest,
  describeChatIssue,
  type ChatGuestSession,
  type ChatHistory,
  type ChatMessage,
  type ChatSender,
} from '../../src/api/webcall-chat-schemas';
import type { PreChat } from '../../src/api/join-widget-schemas';
import { checkPreChatAnswers } from '../../src/api/pre-chat';
import type { RequestContext, SessionUser } from '../api/router';
import { HttpError } from '../api/router';
import type { RouteModule } from '../api/routes';
import type { Db } from '../db';
import { WebcallAudit, type WebcallAuditRow } from './audit';
import type { ChatFileDir } from './chat-files';
import { guestOfToken, guestTokenFor, isChatKey, newGuestId } from './chat-auth';
import type { WebcallChatHub } from './chat-hub';
import { SendRate } from './chat-rate';
import { WebcallChatStore } from './chat-store';

export interface WebcallChatRouteOptions {
  db: Db;
  /** The server secret the chat keys and guest tokens are HMACs with. */
  secret: string;
  hub: WebcallChatHub;
  /** The operator's pre-chat form now (Admin → Configuration → Join page); answers are checked against it. */
  preChat?: () => PreChat;
  /** The join widget's file transfer switch now (told to streams as they open). */
  fileTransfer?: () => boolean;
  /** Where room files live (purged with the conversation). */
  files?: ChatFileDir;
  rate?: SendRate;
  now?: () => number;
}

export interface Viewer {
  sender: ChatSender;
  author: string;
}

/**
 * Who is asking about `room`: its guest (`Authorization: Guest <token>` of this room, else 403) or its
 * agent (the session; 401 without, and another agent's room answers 404 like an unknown one).
 */
export function roomViewer(
  secret: string,
  room: WebcallAuditRow,
  authorization: string | string[] | undefined,
  user: SessionUser | null | undefined,
): Viewer {
  if (typeof authorization === 'string' && authorization.startsWith('Guest ')) {
    const guestId = guestOfToken(secret, room.roomId, authorization.slice('Guest '.length).trim());
    if (!guestId) throw new HttpError(403, 'forbidden', 'This conversation belongs to another call link.');
    return { sender: 'guest', author: guestId };
  }
  if (!user) throw new HttpError(401, 'unauthenticated', 'Open the call link again, or sign in.');
  // Another agent's room answers as an unknown one: room ids are not for probing.
  if (user.username !== room.agent) throw new HttpError(404, 'not_found', 'No such call link.');
  return { sender: 'agent', author: user.username };
}

/** The room, while its link is valid (404 unknown, 410 `expired`). */
export function liveRoomOf(audit: WebcallAudit, roomId: string, now: number): WebcallAuditRow {
  const room = audit.get(roomId);
  if (!room) throw new HttpError(404, 'not_found', 'No such call link.');
  if (room.expiresAt <= now) {
    throw new HttpError(410, 'expired', 'This call link has expired; its conversation is gone.');
  }
  return room;
}

/** A guest may write (text, files, typing) until the agent stops the room. */
export function refuseClosedForGuest(viewer: Viewer, room: WebcallAuditRow): void {
  if (viewer.sender === 'guest' && room.closedAt !== null) {
    throw new HttpError(410, 'closed', 'The agent has ended this call link; messages can no longer be sent.');
  }
}

/** Typing events forwarded per author: at most one `active` a second (the client sends one per 3 s). */
const TYPING_MIN_GAP_MS = 1000;

function body<S extends z.ZodMiniType>(ctx: RequestContext, schema: S): z.infer<S> {
  if (!/^application\/json\b/i.test(ctx.request.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the request body as application/json.');
  }
  const parsed = schema.safeParse(ctx.request.body);
  if (!parsed.success) throw new HttpError(400, 'invalid_request', describeChatIssue(parsed.error));
  return parsed.data;
}

function afterId(raw: string | null | undefined): number {
  if (raw === null || raw === undefined || raw === '') return 0;
  if (!/^\d{1,15}$/.test(raw)) throw new HttpError(400, 'invalid_request', 'after: a whole number from 0.');
  return Number(raw);
}

export function webcallChatRoutes(o: WebcallChatRouteOptions): RouteModule {
  const audit = new WebcallAudit(o.db);
  const store = new WebcallChatStore(o.db, o.files);
  const lastTyping = new Map<string, number>();
  const rate = o.rate ?? new SendRate();
  const now = o.now ?? Date.now;

  const liveRoom = (ctx: RequestContext): WebcallAuditRow =>
    liveRoomOf(audit, ctx.params.roomId ?? '', now());
  const viewerOf = (ctx: RequestContext, room: WebcallAuditRow): Viewer =>
    roomViewer(o.secret, room, ctx.request.headers.authorization, ctx.user);

  return (router) => {
    router.post('/api/webcall/rooms/:roomId/chat/guest', (ctx): ChatGuestSession => {
      const request = body(ctx, ChatGuestRequest);
      const room = liveRoom(ctx);
      if (!isChatKey(o.secret, room.roomId, request.key)) {
        throw new HttpError(403, 'forbidden', 'This link does not open this conversation.');
      }
      const guestId = request.guestId ?? newGuestId();
      let preChat;
      if (request.preChat) {
        const form = o.preChat?.();
        if (!form?.enabled) {
          throw new HttpError(400, 'invalid_request', 'preChat: this site has no pre-chat form.');
        }
        const checked = checkPreChatAnswers(form.fields, request.preChat);
        if (!checked.ok) throw new HttpError(400, 'invalid_request', `preChat.${checked.problem}`);
        preChat = checked.answers;
      }
      const guest = { guestId, info: request.info ?? {}, ...(preChat ? { preChat } : {}), at: now() };
      store.saveGuest(room.roomId, guest, room.expiresAt);
      o.hub.publishGuest(room.roomId, guest);
      return { guestId, token: guestTokenFor(o.secret, room.roomId, guestId), expiresAt: room.expiresAt };
    });

    router.get('/api/webcall/rooms/:roomId/chat/messages', (ctx): ChatHistory => {
      const room = liveRoom(ctx);
      viewerOf(ctx, room);
      store.purgeExpired(now());
      return {
        messages: store.list(room.roomId, afterId(ctx.url.searchParams.get('after'))),
        expiresAt: room.expiresAt,
      };
    });

    router.post('/api/webcall/rooms/:roomId/chat/messages', (ctx): ChatMessage => {
      const room = liveRoom(ctx);
      const viewer = viewerOf(ctx, room);
      const request = body(ctx, ChatSendRequest);
      refuseClosedForGuest(viewer, room);
      const at = now();
      const waitMs = rate.take(`${room.roomId}\0${viewer.author}`, at);
      if (waitMs > 0) {
        const s = Math.max(1, Math.ceil(waitMs / 1000));
        throw new HttpError(
          429,
          'too_many_messages',
          `Too many messages at once. Wait ${s} s and send again.`,
          {
            'Retry-After': String(s),
          },
        );
      }
      const { message, created } = store.add({
        roomId: room.roomId,
        ...viewer,
        clientId: request.clientId,
        text: request.text,
        at,
        expiresAt: room.expiresAt,
      });
      if (created) o.hub.publish(room.roomId, message);
      return message;
    });

    router.post('/api/webcall/rooms/:roomId/chat/typing', (ctx) => {
      const room = liveRoom(ctx);
      const viewer = viewerOf(ctx, room);
      const { state } = body(ctx, ChatTypingRequest);
      refuseClosedForGuest(viewer, room);
      const key = `${room.roomId}\0${viewer.author}`;
      const at = now();
      if (state === 'idle') lastTyping.delete(key);
      else if (at - (lastTyping.get(key) ?? -Infinity) < TYPING_MIN_GAP_MS) return { ok: true };
      else lastTyping.set(key, at);
      if (lastTyping.size > 10_000) lastTyping.clear();
      o.hub.publishTyping(room.roomId, viewer.sender, state);
      return { ok: true };
    });

    router.get('/api/webcall/rooms/:roomId/chat/stream', (ctx) => {
      const room = liveRoom(ctx);
      const viewer = viewerOf(ctx, room);
      const lastEventId = ctx.request.headers['last-event-id'];
      const after = afterId(
        typeof lastEventId === 'string' ? lastEventId : ctx.url.searchParams.get('after'),
      );
      const refused = o.hub.refusal(room.roomId);
      if (refused) throw new HttpError(429, 'too_many_streams', refused);
      ctx.reply.hijack();
      const backlog = {
        messages: store.list(room.roomId, after),
        guests: store.guests(room.roomId),
        room: { fileTransfer: o.fileTransfer?.() ?? false },
      };
      o.hub.open(room.roomId, viewer.sender, ctx.reply.raw, backlog, room.expiresAt - now());
      return ctx.reply;
    });
  };
}
