/**
 * Webcall guests in Kamailio mode (issue 15.10, 15.12): a guest credential `webcall.<room>.<agent>`
 * may register itself and call or message its agent only (agent names may contain dots); anyone else
 * gets 403. The credential's lifetime is the link's (server/webcall/sip-guests.ts), so an expired
 * link's credential is refused.
 */
import { describe, expect, it } from 'vitest';
import { mintGuestCredentials } from '../webcall/sip-guests';
import {
  SECRET,
  inviteWithAuth,
  kamailio,
  reportAvailability,
  useKamailio,
} from './testing/kamailio-harness';
import type { SipClient } from '../sip/testing';

reportAvailability();

const ROOM = '0123456789abcdef';
const AGENT = 'ada.smith';
const GUEST = `webcall.${ROOM}.${AGENT}`;

describe.runIf(kamailio.ok)('Kamailio guest scope (deploy/kamailio/kamailio.cfg)', () => {
  const k = useKamailio();
  const { connect, track } = k;
  const guestCreds = (expiresAtMs = Date.now() + 600_000, now?: number) =>
    mintGuestCredentials({ secret: SECRET, roomId: ROOM, agent: AGENT, expiresAtMs, now });

  /** The callee answers the next request of `method` with `status`: proves the request reached it. */
  const answerNext = (callee: SipClient, method: string, status: number) =>
    callee
      .waitFor((m) => !m.isResponse && m.method === method, 5000)
      .then((m) => callee.reply(m, status, status === 200 ? 'OK' : 'Busy Here', { toTag: 'callee' }));

  it(
    'lets the guest register and reach its agent (a name with dots), and nobody else (403)',
    track(async () => {
      const agent = await connect(AGENT);
      const other = await connect('2222');
      expect((await agent.register()).status).toBe(200);
      expect((await other.register()).status).toBe(200);
      const guest = await connect(GUEST, guestCreds());
      expect((await guest.register()).status).toBe(200);

      const agentRings = answerNext(agent, 'INVITE', 486);
      expect(await inviteWithAuth(guest, `sip:${AGENT}@${k.kam.domain}`)).toBe(486);
      await agentRings;
      const agentGetsMessage = answerNext(agent, 'MESSAGE', 200);
      expect(await inviteWithAuth(guest, `sip:${AGENT}@${k.kam.domain}`, GUEST, 'MESSAGE')).toBe(200);
      await agentGetsMessage;

      for (const target of ['2222', 'ada', `${AGENT}.x`, 'smith']) {
        expect([target, await inviteWithAuth(guest, `sip:${target}@${k.kam.domain}`)]).toEqual([target, 403]);
      }
      expect(await inviteWithAuth(guest, `sip:2222@${k.kam.domain}`, GUEST, 'MESSAGE')).toBe(403);
      expect(other.received.filter((m) => !m.isResponse)).toEqual([]);
    }),
  );

  it(
    'refuses a guest whose link (and so its credential) has expired',
    track(async () => {
      const expired = guestCreds(Date.now() - 60_000, Date.now() - 3_600_000);
      const guest = await connect(GUEST, expired);
      expect((await guest.register()).status).toBe(401);
      expect(await inviteWithAuth(guest, `sip:${AGENT}@${k.kam.domain}`)).toBe(407);
    }),
  );
});
