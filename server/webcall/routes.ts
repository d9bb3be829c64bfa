/**
 * `/api/webcall/*` (signed-in agents):
 * - `GET  /api/webcall/config`             which provider rooms use, whether "Send via channel" works
 * - `POST /api/webcall/rooms`              prepare a room; answers the join parameters
 * - `POST /api/webcall/rooms/:roomId/send` post the link to the outbound webhook
 * - `POST /api/webcall/rooms/:roomId/close` end the room: its guest credentials stop working at once
 * The Sendbird API token and the ephemeral secret stay here; only minted credentials go out.
 */
import { errorMessage } from '../../src/lib/errors';
import {
  WebcallRoomRequest,
  WebcallSendRequest,
  type IceServerJson,
  type WebcallCloseResult,
  type WebcallConfig,
  type WebcallRoom,
  type WebcallSendResult,
} from '../../src/api/schemas';
import type { RouteModule } from '../api/routes';
import { HttpError } from '../api/router';
import type { Db } from '../db';
import type { Logger } from '../log';
import { WebcallAudit } from './audit';
import { ChannelError, postToChannel } from './channel';
import { chatKeyFor } from './chat-auth';
import { createRoom } from './rooms';
import { SendbirdClient, SendbirdError } from './sendbird-client';
import type { LinkSigner } from './signing';

export interface WebcallRouteOptions {
  db: Db;
  /** Ephemeral-credential secret (shared with Kamailio in external mode). */
  ephemeralSecret: string;
  sipDomain: string;
  /** `/sip` for the embedded server, or the external SIP server's URL. */
  sipWsUrl: string;
  iceServers?: () => IceServerJson[];
  sendbirdAppId: string;
  sendbirdApiToken: string;
  sendbirdApiBase: string;
  sendbirdCallsApiBase: string;
  webcallWebhookUrl: string;
  /** Signs customer link payloads (server/webcall/signing.ts). */
  signer: LinkSigner;
  log: Logger;
  fetchImpl?: typeof fetch;
  now?: () => number;
}

function providerError(error: unknown): HttpError {
  if (error instanceof SendbirdError) {
    if (error.status === 0) {
      return new HttpError(
        502,
        'provider_unreachable',
        'The call service (Sendbird) cannot be reached. Try again.',
      );
    }
    if (error.status === 429) {
      const headers: Record<string, string> =
        error.retryAfterS !== null ? { 'Retry-After': String(error.retryAfterS) } : {};
      return new HttpError(503, 'provider_busy', 'The call service is busy. Try again in a moment.', headers);
    }
    if (error.status === 401 || error.status === 403) {
      return new HttpError(
        502,
        'provider_auth',
        'The server’s Sendbird credentials were refused. Tell your administrator.',
      );
    }
    return new HttpError(
      502,
      'provider_error',
      `The call service refused the request: ${error.message} (${error.code || error.status}).`,
    );
  }
  throw error;
}

export function webcallRoutes(o: WebcallRouteOptions): RouteModule {
  const audit = new WebcallAudit(o.db);
  const sendbird =
    o.sendbirdAppId && o.sendbirdApiToken
      ? {
          appId: o.sendbirdAppId,
          client: new SendbirdClient({
            appId: o.sendbirdAppId,
            apiToken: o.sendbirdApiToken,
            apiBase: o.sendbirdApiBase || undefined,
            callsApiBase: o.sendbirdCallsApiBase || undefined,
            fetchImpl: o.fetchImpl,
          }),
        }
      : undefined;
  const now = o.now ?? Date.now;

  return (router) => {
    router.get(
      '/api/webcall/config',
      (): WebcallConfig => ({ provider: sendbird ? 'sendbird' : 'sip', channel: o.webcallWebhookUrl !== '' }),
      { auth: true },
    );

    router.post(
      '/api/webcall/rooms',
      async (ctx): Promise<WebcallRoom> => {
        const request = await ctx.body(WebcallRoomRequest);
        const agent = ctx.user!;
        try {
          const room = await createRoom(
            {
              audit,
              sendbird,
              sip: {
                secret: o.ephemeralSecret,
                domain: o.sipDomain,
                wsUrl: o.sipWsUrl,
                iceServers: o.iceServers ?? (() => []),
              },
              signer: o.signer,
              chatKey: (roomId) => chatKeyFor(o.ephemeralSecret, roomId),
              now,
            },
            agent,
            request,
          );
          o.log.info(
            `room ${room.roomId} (${room.provider}) for ${agent.username}, until ${new Date(room.expiresAt).toISOString()}`,
          );
          return room;
        } catch (error) {
          const mapped = providerError(error);
          o.log.warn(`room for ${agent.username} failed: ${errorMessage(error)}`);
          throw mapped;
        }
      },
      { auth: true },
    );

    router.post(
      '/api/webcall/rooms/:roomId/close',
      (ctx): WebcallCloseResult => {
        const room = audit.get(ctx.params.roomId ?? '');
        if (!room || room.agent !== ctx.user!.username)
          throw new HttpError(404, 'not_found', 'No such call link.');
        // The SIP guest policy reads this: the guest's sockets close within a second (server/sip).
        audit.markClosed(room.roomId, now());
        o.log.info(`room ${room.roomId} closed by ${room.agent}`);
        return { closed: true };
      },
      { auth: true },
    );

    router.post(
      '/api/webcall/rooms/:roomId/send',
      async (ctx): Promise<WebcallSendResult> => {
        const request = await ctx.body(WebcallSendRequest);
        const agent = ctx.user!;
        const room = audit.get(ctx.params.roomId ?? '');
        if (!room || room.agent !== agent.username)
          throw new HttpError(404, 'not_found', 'No such call link.');
        if (room.expiresAt < now())
          throw new HttpError(410, 'expired', 'This call link has expired. Create a new one.');
        if (!o.webcallWebhookUrl) {
          throw new HttpError(
            501,
            'no_channel',
            'No messaging channel is configured on the server (WEBCALL_WEBHOOK_URL).',
          );
        }
        try {
          const status = await postToChannel(
            o.webcallWebhookUrl,
            {
              systemId: 'openline',
              channel: request.channel,
              channelId: request.channelId.replace(/[^\d+]/g, ''),
              action: 'initiateConversation',
              agentId: agent.username,
              contactName: request.contactName || room.customerName || '',
              roomId: room.roomId,
              message: { type: 'text', text: request.message },
              timestamp: now(),
            },
            o.fetchImpl,
          );
          audit.markSent(room.roomId, request.channel, now());
          return { delivered: true, status };
        } catch (error) {
          if (error instanceof ChannelError) throw new HttpError(502, 'channel_failed', error.message);
          throw error;
        }
      },
      { auth: true },
    );
  };
}
