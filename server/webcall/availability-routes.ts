/**
 * `POST /api/webcall/rooms/:roomId/availability` (public, ADR 0026): the join page asks before the
 * customer joins whether the room's agent is free, busy (in another call through this server's SIP
 * proxy) or closed (outside the operator's opening hours, with the next opening). The link's chat key
 * proves the asker holds the link; an unknown room and a wrong key get the same 404, so room ids cannot
 * be probed. The answer is only the state: never whom the agent talks to, nor the opening hours.
 */
import { AvailabilityRequest, type Availability } from '../../src/api/webcall-availability';
import { openingStateAt } from '../../src/api/opening-hours';
import { HttpError } from '../api/router';
import type { RouteModule } from '../api/routes';
import type { Db } from '../db';
import { WebcallAudit } from './audit';
import { isChatKey } from './chat-auth';

export interface AvailabilityRouteOptions {
  db: Db;
  /** The secret chat keys are HMACs with (server/webcall/chat-auth.ts). */
  secret: string;
  /** The operator's opening hours now (webphone configuration, `joinWidget.openingHours`). */
  openingHours: () => unknown;
  /** Users `username` is in a confirmed call with (the embedded SIP proxy; none behind Kamailio). */
  callPeers: (username: string) => string[];
  /** A valid, open link's join page asked (the channel call timeline's "opened", ADR 0029). */
  onAsked?: (roomId: string) => void;
  now?: () => number;
}

export function availabilityRoutes(o: AvailabilityRouteOptions): RouteModule {
  const audit = new WebcallAudit(o.db);
  const now = o.now ?? Date.now;
  return (router) => {
    router.post('/api/webcall/rooms/:roomId/availability', (ctx): Availability => {
      ctx.reply.header('Cache-Control', 'no-store');
      const parsed = AvailabilityRequest.safeParse(ctx.request.body);
      if (!parsed.success) throw new HttpError(400, 'invalid_request', 'key: the link’s key is missing.');
      const room = audit.get(ctx.params.roomId ?? '');
      if (!room || !isChatKey(o.secret, room.roomId, parsed.data.key))
        throw new HttpError(404, 'not_found', 'No such call link.');
      const at = now();
      if (room.expiresAt <= at || room.closedAt !== null)
        throw new HttpError(410, 'expired', 'This call link is no longer valid.');
      o.onAsked?.(room.roomId);
      const hours = openingStateAt(o.openingHours(), at);
      if (!hours.open) return { state: 'closed', opensAt: hours.opensAt };
      // The customer's own call (a rejoin) does not make the agent busy for them.
      const busy = o.callPeers(room.agent).some((peer) => peer !== room.guestUser);
      return { state: busy ? 'busy' : 'free' };
    });
  };
}
