/**
 * Kamailio's way to voicemail (deploy/kamailio/kamailio.cfg with VOICEMAIL_SIP): a real Kamailio in
 * front of the real server in external mode, raw SIP over WebSocket for the phones and a werift caller.
 * A busy callee (486) and one that does not answer in time (408 → CANCEL) both end in the server's
 * voicemail answering over SIP/TCP, for the dialled user; a 603 still reaches the caller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportAvailability, kamailio, useKamailio } from '../credentials/testing/kamailio-harness';
import { startSipTestServer, type SipTestServer } from '../sip/testing/server';
import { hdr, hdrs, rand as newToken, uriOf, waitUntil, type SipMessage } from '../sip/testing';
import type { SipClient } from '../sip/testing/sip-client';
import { GREETING_PACKETS } from './testing/deposit-call';
import { WeriftCaller } from './testing/werift-caller';
import { EXTERNAL_LISTENER_OPTIONS } from './testing/listener-options';

reportAvailability();

describe.runIf(kamailio.ok)('Kamailio failure route → voicemail over SIP/TCP', { timeout: 40_000 }, () => {
  let harness: SipTestServer;
  // Filled in once the server (started first) knows its listener's port; read by useKamailio's beforeAll.
  const defines: string[] = ['VOICEMAIL_NO_ANSWER_MS=3000'];
  beforeAll(async () => {
    harness = await startSipTestServer({
      options: {
        ...EXTERNAL_LISTENER_OPTIONS,
      },
    });
    defines.push(`VOICEMAIL_SIP="${harness.server.voicemailSipAddress!}"`);
  });
  afterAll(() => harness?.stop());
  const { connect, track } = useKamailio({ defines, workers: 2 });

  /** Alice INVITEs `callee` with a werift offer; returns what the test needs to go on. */
  async function call(alice: SipClient, callee: SipClient) {
    const media = new WeriftCaller();
    const from = `<${alice.aor}>;tag=${newToken(4)}`;
    const callId = `${newToken()}@${alice.host}`;
    const { challenge, raw, branch } = await alice.challengedRequest({
      method: 'INVITE',
      ruri: callee.aor,
      from,
      to: `<${callee.aor}>`,
      callId,
      body: await media.offer(),
    });
    expect(challenge.status).toBe(407);
    const final = alice.waitFor(
      (m) => m.isResponse && m.status >= 200 && hdr(m, 'via')!.includes(branch),
      15_000,
    );
    const incoming = callee.waitFor((m) => !m.isResponse && m.method === 'INVITE');
    alice.send(raw);
    return { media, from, callId, final, incoming: await incoming };
  }

  /** Voicemail answered: ACK, the greeting arrives, BYE, 200. */
  async function voicemailAnswers(alice: SipClient, c: Awaited<ReturnType<typeof call>>) {
    const ok: SipMessage = await c.final;
    expect(ok.status, ok.raw).toBe(200);
    expect(hdr(ok, 'contact')).toContain(`@${harness.server.voicemailSipAddress!};transport=tcp`);
    alice.ackAnswer(ok, { from: c.from, callId: c.callId, cseq: 2 });
    await c.media.answered(ok.body);
    c.media.start();
    await waitUntil(() => c.media.received >= GREETING_PACKETS / 2, 15_000);
    const bye = await alice.transaction({
      method: 'BYE',
      ruri: uriOf(hdr(ok, 'contact')),
      from: c.from,
      to: hdr(ok, 'to')!,
      callId: c.callId,
      cseq: 3,
      route: hdrs(ok, 'record-route').reverse(),
    });
    expect(bye.final.status).toBe(200);
    await c.media.close();
  }

  it(
    'a busy callee (486): voicemail answers for the dialled user and the caller hears the greeting',
    track(async () => {
      const alice = await connect('1001');
      const bob = await connect('1002');
      expect((await bob.register()).status).toBe(200);
      const before = harness.server.voicemailDeposits!().answered;
      const c = await call(alice, bob);
      bob.reply(c.incoming, 486, 'Busy Here', { toTag: newToken(4) });
      await voicemailAnswers(alice, c);
      expect(harness.server.voicemailDeposits!().answered).toBe(before + 1);
    }),
  );

  it(
    'no answer within VOICEMAIL_NO_ANSWER_MS: Kamailio cancels the phone and voicemail answers',
    track(async () => {
      const alice = await connect('1001');
      const bob = await connect('1003');
      expect((await bob.register()).status).toBe(200);
      const c = await call(alice, bob);
      const toTag = newToken(4);
      const cancelled = bob.waitFor((m) => !m.isResponse && m.method === 'CANCEL', 5000);
      bob.reply(c.incoming, 180, 'Ringing', { toTag, contact: true });
      bob.reply(await cancelled, 200, 'OK');
      bob.reply(c.incoming, 487, 'Request Terminated', { toTag });
      await voicemailAnswers(alice, c);
    }),
  );

  it(
    'a 603 Decline is global: the caller gets it, voicemail is not tried',
    track(async () => {
      const alice = await connect('1001');
      const bob = await connect('1004'); // a user no earlier test registered
      expect((await bob.register()).status).toBe(200);
      const before = harness.server.voicemailDeposits!();
      const c = await call(alice, bob);
      bob.reply(c.incoming, 603, 'Decline', { toTag: newToken(4) });
      expect((await c.final).status).toBe(603);
      await c.media.close();
      expect(harness.server.voicemailDeposits!()).toEqual(before);
    }),
  );
});
