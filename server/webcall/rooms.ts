/**
 * Preparing a webcall room: Sendbird when the server holds Sendbird credentials, the self-hosted SIP
 * path otherwise. Either way the answer holds what the customer's link needs (and, for Sendbird, the
 * agent's own credentials for entering the room), and an audit row is written.
 */
import { randomBytes } from 'node:crypto';
import type { IceServerJson, WebcallRoom, WebcallRoomRequest } from '../../src/api/schemas';
import { JoinPayload } from '../../src/webcall/payload';
import type { SessionUser } from '../api/router';
import type { WebcallAudit } from './audit';
import type { SendbirdClient } from './sendbird-client';
import type { LinkSigner } from './signing';
import { mintGuestCredentials } from './sip-guests';

export interface RoomServiceDeps {
  audit: WebcallAudit;
  /** Present when Sendbird is configured. */
  sendbird?: { client: SendbirdClient; appId: string };
  sip: {
    secret: string;
    domain: string;
    /** `/sip` (embedded server) or the external SIP server's ws(s):// URL. */
    wsUrl: string;
    iceServers: () => IceServerJson[];
  };
  /** Signs every customer payload this server hands out (the join page checks it). */
  signer: LinkSigner;
  /** The room conversation's key, carried in the link (server/webcall/chat-auth.ts). */
  chatKey?: (roomId: string) => string;
  now?: () => number;
}

/** `service_user_<ticket>` (or a random id): the customer's Sendbird identity. */
export function serviceUserId(ticket: string | undefined): string {
  const id = ticket && ticket.length > 0 ? ticket : randomBytes(6).toString('hex');
  return `service_user_${id}`;
}

export async function createRoom(
  deps: RoomServiceDeps,
  agent: SessionUser,
  request: WebcallRoomRequest,
): Promise<WebcallRoom> {
  const now = deps.now?.() ?? Date.now();
  const expiresAt = now + request.expiresInS * 1000;
  const agentName = agent.displayName || agent.username;
  const base = { expiresAt, agentName, media: request.media ?? ('video' as const) };
  const common = {
    exp: Math.floor(expiresAt / 1000),
    agentName: agentName.trim().slice(0, 80) || undefined,
    customerName: request.customerName?.trim() || undefined,
    // Video links stay as they were (no field); only an audio-only room says so.
    ...(request.media === 'audio' ? { media: 'audio' as const } : {}),
  };
  const signed = (payload: JoinPayload) =>
    deps.signer.sign(
      JSON.stringify(
        JoinPayload.parse(deps.chatKey ? { ...payload, chatKey: deps.chatKey(payload.roomId) } : payload),
      ),
    );
  let room: WebcallRoom;
  let guestUser: string;
  if (deps.sendbird) {
    const { client, appId } = deps.sendbird;
    const customerId = serviceUserId(request.ticket);
    const customer = await client.issueSessionToken(
      customerId,
      expiresAt,
      request.customerName || customerId,
    );
    const agentToken = await client.issueSessionToken(`agent_${agent.username}`, expiresAt, base.agentName);
    const roomId = await client.createRoom();
    guestUser = customerId;
    room = {
      provider: 'sendbird',
      roomId,
      ...base,
      link: signed({
        provider: 'sendbird',
        roomId,
        ...common,
        sendbird: { appId, userId: customerId, accessToken: customer.token },
      }),
      sendbird: {
        appId,
        customer: { userId: customerId, accessToken: customer.token },
        agent: { userId: agentToken.userId, accessToken: agentToken.token },
      },
    };
  } else {
    const roomId = randomBytes(8).toString('hex');
    const creds = mintGuestCredentials({
      secret: deps.sip.secret,
      roomId,
      agent: agent.username,
      expiresAtMs: expiresAt,
      now,
    });
    guestUser = creds.user;
    const sip = {
      wsUrl: deps.sip.wsUrl,
      domain: deps.sip.domain,
      username: creds.username,
      password: creds.password,
      target: `sip:${agent.username}@${deps.sip.domain}`,
      iceServers: deps.sip.iceServers(),
    };
    const { iceServers, ...sipLink } = sip;
    room = {
      provider: 'sip',
      roomId,
      ...base,
      link: signed({
        provider: 'sip',
        roomId,
        ...common,
        sip: { ...sipLink, ...(iceServers.length > 0 ? { iceServers } : {}) },
      }),
      sip,
    };
  }
  deps.audit.record({
    roomId: room.roomId,
    provider: room.provider,
    agent: agent.username,
    customerName: request.customerName || null,
    ticket: request.ticket || null,
    guestUser,
    createdAt: now,
    expiresAt,
  });
  return room;
}
