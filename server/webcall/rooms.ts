/**
 * Preparing a webcall room: Sendbird when the server holds Sendbird credentials, the self-hosted SIP
 * path otherwise. Either way the answer holds what the customer's link needs (and, for Sendbird, the
 * agent's own credentials for entering the room), and an audit row is written.
 */
import { randomBytes } from 'node:crypto';
import type { IceServerJson, WebcallRoom, WebcallRoomRequest } from '../../src/api/schemas';
import type { SessionUser } from '../api/router';
import type { WebcallAudit } from './audit';
import type { SendbirdClient } from './sendbird-client';
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
  const base = { expiresAt, agentName: agent.displayName || agent.username };
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
    room = {
      provider: 'sip',
      roomId,
      ...base,
      sip: {
        wsUrl: deps.sip.wsUrl,
        domain: deps.sip.domain,
        username: creds.username,
        password: creds.password,
        target: `sip:${agent.username}@${deps.sip.domain}`,
        iceServers: deps.sip.iceServers(),
      },
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
