/**
 * Chat history in Kamailio mode (ADR 0033): a real Kamailio (deploy/kamailio/kamailio.cfg with
 * CHAT_HISTORY_SIP and OFFLINE_MSG_DB) copies each text MESSAGE between users to the reference server's
 * loopback SIP/TCP listener, which records it as the embedded proxy would: a routed message for both
 * sides, a stored one for the sender, and the recipient's side once Kamailio delivers it from its store;
 * typing indications are not history. Read back through `GET /api/messages`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryPage } from '../../src/api/message-history-schemas';
import { kamailio, reportAvailability, useKamailio } from '../credentials/testing/kamailio-harness';
import { rand as newToken } from '../sip/testing';
import { startSipTestServer, type SipTestServer } from '../sip/testing/server';
import { sessionCookie } from '../testing/signed-in-server';
import { EXTERNAL_LISTENER_OPTIONS } from '../voicemail/testing/listener-options';
import { answered, isMessage, knownButOffline, sendMessage } from './testing/kamailio-chat';

reportAvailability();

const address = (user: string) => `sip:${user}@openline.local`;
const POLL = { timeout: 5000 };

describe.runIf(kamailio.ok)('chat history through Kamailio (CHAT_HISTORY_SIP)', { timeout: 30_000 }, () => {
  let harness: SipTestServer;
  // filled in once the server knows its listener's port; read by useKamailio's beforeAll
  const defines: string[] = [];
  beforeAll(async () => {
    harness = await startSipTestServer({ options: { ...EXTERNAL_LISTENER_OPTIONS } });
    defines.push(`CHAT_HISTORY_SIP="${harness.server.voicemailSipAddress!}"`);
  });
  afterAll(() => harness?.stop());
  const { connect, track } = useKamailio({ defines, offlineMessages: { checkSeconds: 1 }, workers: 2 });

  async function history(user: string, peer: string) {
    const cookie = await sessionCookie(harness.url, user, 'openline');
    const res = await fetch(`${harness.url}/api/messages?peer=${encodeURIComponent(address(peer))}`, {
      headers: { Cookie: cookie },
    });
    expect(res.status).toBe(200);
    return HistoryPage.parse(await res.json()).messages.map((m) => [m.direction, m.id, m.body]);
  }

  it(
    'records a routed message for both sides and a stored one for the sender, then the recipient on delivery',
    track(async () => {
      const ada = await connect('1001');
      const ben = await connect('1002');
      expect((await ada.register()).status).toBe(200);
      expect((await ben.register()).status).toBe(200);

      const routedId = `r-${newToken()}`;
      const taken = answered(ben);
      const sent = await sendMessage(ada, '1002', 'Hello Ben ✓', { extra: [`Message-ID: ${routedId}`] });
      expect(sent.status, sent.raw).toBe(200);
      await taken;
      // typing is not history
      const typing = answered(ben);
      await sendMessage(ada, '1002', '<isComposing/>', { contentType: 'application/im-iscomposing+xml' });
      await typing;

      // the copy travels on its own transaction: poll until the listener has it
      await expect.poll(() => history('1001', '1002'), POLL).toEqual([['out', routedId, 'Hello Ben ✓']]);
      await expect.poll(() => history('1002', '1001'), POLL).toEqual([['in', routedId, 'Hello Ben ✓']]);

      // Cleo (1003) is known to Kamailio and signed out: msilo keeps the message (202)
      await knownButOffline(connect, ada, '1003');
      const storedId = `s-${newToken()}`;
      expect(
        (await sendMessage(ada, '1003', 'For later', { extra: [`Message-ID: ${storedId}`] })).status,
      ).toBe(202);
      await expect.poll(() => history('1001', '1003'), POLL).toEqual([['out', storedId, 'For later']]);
      expect(await history('1003', '1001')).toEqual([]);

      const cleo = await connect('1003');
      const delivered = cleo.waitFor(isMessage, 5000);
      expect((await cleo.register()).status).toBe(200);
      cleo.reply(await delivered, 200, 'OK');
      await expect.poll(() => history('1003', '1001'), POLL).toEqual([['in', storedId, 'For later']]);
    }),
  );
});
