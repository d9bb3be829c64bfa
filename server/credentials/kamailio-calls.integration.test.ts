/**
 * Calls route through Kamailio the way a browser call will: WS to WS (record-routing, contact aliases,
 * handle_ruri_alias) and WS to a UDP desk phone on the same host (double Record-Route); closed tabs and
 * unknown users get 480, caller-ID spoofing 403.
 */
import { describe, expect, it } from 'vitest';
import { inviteWithAuth, kamailio, reportAvailability, useKamailio } from './testing/kamailio-harness';
import { fakeSdp, hdr, hdrs, rand as newToken, type SipMessage } from '../sip/testing';

reportAvailability();

describe.runIf(kamailio.ok)('Kamailio call routing (deploy/kamailio/kamailio.cfg)', () => {
  const k = useKamailio();
  const { connect, connectUdp, track } = k;

  describe('a call between two WebSocket clients through Kamailio', () => {
    it(
      'INVITE (407, auth) → 180 → 200 → ACK → BYE → 200, routed by Record-Route and contact aliases',
      track(async () => {
        const alice = await connect('2001');
        const bob = await connect('2002');
        expect((await alice.register()).status).toBe(200);
        expect((await bob.register()).status).toBe(200);

        const callId = `${newToken()}@${alice.host}`;
        const from = `<${alice.aor}>;tag=${newToken(4)}`;
        const to = `<${bob.aor}>`;
        // ~20 KB: larger than a typical WebRTC offer (5-10 KB) and than Kamailio's default 16 KB TCP read
        // buffer, which drops such a message silently; proves tcp_rd_buf_size in the config
        const offer = fakeSdp(1, 250);
        expect(offer.length).toBeGreaterThan(17_000);
        // 1. unauthenticated INVITE → 407, which the caller ACKs on the same branch
        const { challenge, raw, branch } = await alice.challengedRequest({
          method: 'INVITE',
          ruri: bob.aor,
          from,
          to,
          callId,
          body: offer,
        });
        expect(challenge.status, challenge.raw).toBe(407);

        // 2. INVITE with Proxy-Authorization reaches Bob over his WebSocket
        const bobGetsInvite = bob.waitFor((m) => !m.isResponse && m.method === 'INVITE');
        const aliceGets = (status: number) =>
          alice.waitFor((m) => m.isResponse && m.status === status && hdr(m, 'via')!.includes(branch));
        const ringing = aliceGets(180);
        const answered = aliceGets(200);
        alice.send(raw);
        const inv: SipMessage = await bobGetsInvite;
        expect(inv.body).toBe(offer);
        expect(hdr(inv, 'proxy-authorization'), 'credentials are consumed, not forwarded').toBeUndefined();
        // Kamailio stays in the path and aliased Alice's made-up Contact with her real WebSocket source
        expect(hdrs(inv, 'record-route').length).toBeGreaterThan(0);
        expect(hdr(inv, 'contact')).toMatch(new RegExp(`${alice.host}.*;alias=127\\.0\\.0\\.1~\\d+~5`));

        // 3. Bob rings and answers
        const toTag = newToken(4);
        bob.reply(inv, 180, 'Ringing', { toTag, contact: true });
        bob.reply(inv, 200, 'OK', { toTag, contact: true, body: fakeSdp(2) });
        await ringing;
        const ok = await answered;
        // Bob's Contact is aliased too (onreply_route), so Alice's in-dialog requests can reach him
        expect(hdr(ok, 'contact')).toMatch(new RegExp(`${bob.host}.*;alias=127\\.0\\.0\\.1~\\d+~5`));

        // 4. ACK for the 2xx: remote target = Bob's Contact, route set = reversed Record-Route
        const bobGetsAck = bob.waitFor((m) => !m.isResponse && m.method === 'ACK');
        alice.ackAnswer(ok, { from, callId, cseq: 2 });
        const ack = await bobGetsAck;
        // handle_ruri_alias turned the alias into the destination and removed it from the R-URI
        expect(ack.ruri).not.toContain('alias=');

        // 5. Bob hangs up: BYE to Alice's Contact along the Record-Route, 200 back
        const aliceGetsBye = alice.waitFor((m) => !m.isResponse && m.method === 'BYE');
        const byeDone = bob.calleeBye(inv, toTag);
        const bye = await aliceGetsBye;
        alice.reply(bye, 200, 'OK');
        expect((await byeDone).final.status).toBe(200);
      }),
    );

    it(
      'browser (WS) calls a desk phone (UDP) on the same host: double Record-Route, BYE back to the browser',
      track(async () => {
        const browser = await connect('7001');
        const phone = await connectUdp('7002');
        expect((await browser.register()).status).toBe(200);
        expect((await phone.register()).status).toBe(200);

        const callId = `${newToken()}@${browser.host}`;
        const from = `<${browser.aor}>;tag=${newToken(4)}`;
        const { challenge, raw, branch } = await browser.challengedRequest({
          method: 'INVITE',
          ruri: phone.aor,
          from,
          to: `<${phone.aor}>`,
          callId,
          body: fakeSdp(),
        });
        expect(challenge.status).toBe(407);
        const phoneGetsInvite = phone.waitFor((m) => !m.isResponse && m.method === 'INVITE');
        const answered = browser.waitFor(
          (m) => m.isResponse && m.status === 200 && hdr(m, 'via')!.includes(branch),
        );
        browser.send(raw);
        const inv = await phoneGetsInvite;
        // the phone is reached at its registered UDP contact, i.e. another port on 127.0.0.1: not "myself"
        expect(inv.ruri).toBe(`sip:7002@${phone.host}`);
        // transport changes WS -> UDP: Kamailio record-routes twice (one entry per side)
        const rr = hdrs(inv, 'record-route');
        expect(rr).toHaveLength(2);
        expect(rr.join(' ')).toMatch(/transport=ws/);

        const toTag = newToken(4);
        phone.reply(inv, 200, 'OK', { toTag, contact: true, body: fakeSdp(3) });
        const ok = await answered;
        // a desk phone with a correct Contact is not aliased
        expect(hdr(ok, 'contact')).not.toContain('alias=');

        const phoneGetsAck = phone.waitFor((m) => !m.isResponse && m.method === 'ACK');
        browser.ackAnswer(ok, { from, callId, cseq: 2 });
        await phoneGetsAck;

        const browserGetsBye = browser.waitFor((m) => !m.isResponse && m.method === 'BYE');
        const byeDone = phone.calleeBye(inv, toTag);
        const bye = await browserGetsBye;
        browser.reply(bye, 200, 'OK');
        expect((await byeDone).final.status).toBe(200);
      }),
    );

    it(
      'a closed tab is forgotten at once: calling it gets 480, not a ring into a dead WebSocket',
      track(async () => {
        const alice = await connect('3001');
        const gone = await connect('3002');
        expect((await alice.register()).status).toBe(200);
        expect((await gone.register({ expires: 600 })).status).toBe(200);
        await gone.close();
        await new Promise((r) => setTimeout(r, 300));

        const status = await inviteWithAuth(alice, 'sip:3002@' + k.kam.domain);
        expect(status).toBe(480);
      }),
    );

    it(
      'calling a user who never registered gets 480 Temporarily Unavailable',
      track(async () => {
        const alice = await connect('4001');
        expect((await alice.register()).status).toBe(200);
        expect(await inviteWithAuth(alice, 'sip:4999@' + k.kam.domain)).toBe(480);
      }),
    );

    it(
      'refuses with 403 an INVITE whose From is not the credentials user (caller-ID spoofing)',
      track(async () => {
        const mallory = await connect('5001');
        expect((await mallory.register()).status).toBe(200);
        const status = await inviteWithAuth(mallory, 'sip:5002@' + k.kam.domain, '5003');
        expect(status).toBe(403);
      }),
    );
  });
});
