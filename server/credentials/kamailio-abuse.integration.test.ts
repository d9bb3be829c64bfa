/**
 * Kamailio against abuse (issue 15.11): spoofed in-dialog requests are refused instead of relayed
 * (dialog tracking), one user cannot bind more than MAX_CONTACTS contacts, and an address that floods
 * is banned (pike + htable), WebSocket handshakes included.
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { kamailio, reportAvailability, useKamailio } from './testing/kamailio-harness';
import { rand as newToken } from '../sip/testing';

reportAvailability();

describe.runIf(kamailio.ok)('Kamailio in-dialog checks and contact limit', () => {
  const k = useKamailio({ defines: ['MAX_CONTACTS=3'] });
  const { connect, connectUdp, track } = k;

  it(
    'refuses a spoofed in-dialog BYE (made-up To-tag, our Route) aimed at any address with 403',
    track(async () => {
      const mallory = await connect('8001');
      expect((await mallory.register()).status).toBe(200);
      // Any SIP endpoint the attacker wants to reach through the proxy, e.g. a desk phone on UDP.
      const victim = await connectUdp('8002');
      const route = `<sip:${k.kam.listenIp}:${k.kam.wsPort};transport=ws;lr>`;
      for (const method of ['BYE', 'INFO', 'INVITE', 'MESSAGE']) {
        const { final } = await mallory.transaction({
          method,
          ruri: `sip:8002@${victim.host}`,
          from: `<sip:8001@${k.kam.domain}>;tag=${newToken(4)}`,
          to: `<sip:8002@${k.kam.domain}>;tag=${newToken(4)}`,
          callId: `${newToken()}@spoofed`,
          cseq: 7,
          route: [route],
        });
        expect([method, final.status, final.reason]).toEqual([method, 403, 'Forbidden - No Such Dialog']);
      }
      expect(victim.received).toEqual([]);
    }),
  );

  it(
    'binds at most MAX_CONTACTS contacts per user; the next REGISTER is refused',
    track(async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await (await connect('8100')).register()).status);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses[3]).toBe(503);
    }),
  );
});

describe.runIf(kamailio.ok)('Kamailio flood ban', () => {
  const k = useKamailio({ defines: ['PIKE_DENSITY=16', 'BAN_SECONDS=60'] });
  const { connect, track } = k;

  const handshake = () =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(k.kam.wsUrl, 'sip');
      ws.once('open', () => {
        ws.close();
        resolve(101);
      });
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('error', () => resolve(0));
    });

  it(
    'bans an address that floods: most requests unanswered, then new WebSockets refused with 403',
    track(async () => {
      expect(await handshake()).toBe(101);
      const flooder = await connect('8200');
      const FLOOD = 200;
      for (let i = 0; i < FLOOD; i++) {
        flooder.send(
          flooder.buildRequest({
            method: 'OPTIONS',
            ruri: `sip:${k.kam.listenIp}:${k.kam.wsPort};transport=ws`,
            from: `<sip:8200@${k.kam.domain}>;tag=${newToken(4)}`,
            to: `<sip:${k.kam.listenIp}:${k.kam.wsPort}>`,
            callId: `${newToken()}@flood`,
            cseq: i + 1,
          }).raw,
        );
      }
      // Once the flood has been counted, the address is banned: new handshakes get 403.
      await expect.poll(handshake, { timeout: 10_000 }).toBe(403);
      const keepalives = flooder.received.filter((m) => m.isResponse && m.status === 200).length;
      expect(keepalives).toBeGreaterThan(0);
      expect(keepalives).toBeLessThan(FLOOD / 2);
    }),
  );
});
