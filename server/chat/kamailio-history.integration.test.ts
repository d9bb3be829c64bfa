/**
 * Chat history in Kamailio mode (ADR 0033): a real Kamailio (deploy/kamailio/kamailio.cfg with
 * CHAT_HISTORY_SIP and OFFLINE_MSG_DB) copies each text MESSAGE between users to the reference server's
 * loopback SIP/TCP listener, which records it as the embedded proxy would: a routed message for both
 * sides, a stored one for the sender, and the recipient's side once Kamailio delivers it from its store;
 * typing indications are not history. Read back through `GET /api/messages`. A copy the listener could
 * not take (the reference server down) is sent again once it is back, recorded once, at its own time (ADR 0035).
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryPage } from '../../src/api/message-history-schemas';
import { kamailio, reportAvailability, useKamailio } from '../credentials/testing/kamailio-harness';
import { hdr, rand as newToken } from '../sip/testing';
import { startSipTestServer, type SipTestServer } from '../sip/testing/server';
import { sessionCookie } from '../testing/signed-in-server';
import { EXTERNAL_LISTENER_OPTIONS } from '../voicemail/testing/listener-options';
import { startFakeHistoryListener, type FakeHistoryListener } from './testing/fake-history-listener';
import { answered, isMessage, knownButOffline, sendMessage } from './testing/kamailio-chat';

reportAvailability();

const address = (user: string) => `sip:${user}@openline.local`;
const POLL = { timeout: 5000 };

async function history(url: string, user: string, peer: string) {
  const cookie = await sessionCookie(url, user, 'openline');
  const res = await fetch(`${url}/api/messages?peer=${encodeURIComponent(address(peer))}`, {
    headers: { Cookie: cookie },
  });
  expect(res.status).toBe(200);
  return HistoryPage.parse(await res.json()).messages;
}

/** A loopback TCP port nothing listens on (for now). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

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

  const rows = async (user: string, peer: string) =>
    (await history(harness.url, user, peer)).map((m) => [m.direction, m.id, m.body]);

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
      await expect.poll(() => rows('1001', '1002'), POLL).toEqual([['out', routedId, 'Hello Ben ✓']]);
      await expect.poll(() => rows('1002', '1001'), POLL).toEqual([['in', routedId, 'Hello Ben ✓']]);

      // Cleo (1003) is known to Kamailio and signed out: msilo keeps the message (202)
      await knownButOffline(connect, ada, '1003');
      const storedId = `s-${newToken()}`;
      expect(
        (await sendMessage(ada, '1003', 'For later', { extra: [`Message-ID: ${storedId}`] })).status,
      ).toBe(202);
      await expect.poll(() => rows('1001', '1003'), POLL).toEqual([['out', storedId, 'For later']]);
      expect(await rows('1003', '1001')).toEqual([]);

      const cleo = await connect('1003');
      const delivered = cleo.waitFor(isMessage, 5000);
      expect((await cleo.register()).status).toBe(200);
      cleo.reply(await delivered, 200, 'OK');
      await expect.poll(() => rows('1003', '1001'), POLL).toEqual([['in', storedId, 'For later']]);
    }),
  );
});

describe.runIf(kamailio.ok)('chat history copies Kamailio sends again', { timeout: 30_000 }, () => {
  let harness: SipTestServer | undefined;
  let port = 0;
  const defines: string[] = [];
  beforeAll(async () => {
    port = await freePort();
    defines.push(`CHAT_HISTORY_SIP="127.0.0.1:${port}"`, 'CHAT_HISTORY_RETRY_FIRST=1');
  });
  afterAll(() => harness?.stop());
  const { connect, track } = useKamailio({ defines, workers: 2 });

  it(
    'a copy made while the server is down arrives once it is back, recorded once, at the time of the message',
    track(async () => {
      const ada = await connect('1001');
      const ben = await connect('1002');
      expect((await ada.register()).status).toBe(200);
      expect((await ben.register()).status).toBe(200);

      // nothing listens on the history port: the message itself is not held up
      const id = `late-${newToken()}`;
      const taken = answered(ben);
      const before = Date.now();
      const sent = await sendMessage(ada, '1002', 'While you were restarting', {
        extra: [`Message-ID: ${id}`],
      });
      expect(sent.status, sent.raw).toBe(200);
      await taken;
      const after = Date.now();
      // the first send fails (connection refused), and the retry 1 s later too
      await new Promise((r) => setTimeout(r, 2500));

      harness = await startSipTestServer({
        options: { ...EXTERNAL_LISTENER_OPTIONS, voicemailSipListen: `127.0.0.1:${port}` },
      });
      const url = harness.url;
      const mine = async (user: string, peer: string) =>
        (await history(url, user, peer)).map((m) => [m.direction, m.id, m.body]);
      await expect
        .poll(() => mine('1001', '1002'), { timeout: 20_000, interval: 500 })
        .toEqual([['out', id, 'While you were restarting']]);
      await expect.poll(() => mine('1002', '1001'), POLL).toEqual([['in', id, 'While you were restarting']]);
      // filed when Kamailio routed it, not when the copy finally arrived (seconds later)
      const [row] = await history(url, '1001', '1002');
      expect(row!.at).toBeGreaterThanOrEqual(before - 1000);
      expect(row!.at).toBeLessThanOrEqual(after);

      // taken: not sent again (the next retry would have come by now), still one row on each side
      await new Promise((r) => setTimeout(r, 5000));
      expect(await mine('1001', '1002')).toEqual([['out', id, 'While you were restarting']]);
      expect(await mine('1002', '1001')).toEqual([['in', id, 'While you were restarting']]);
    }),
  );
});

describe.runIf(kamailio.ok)('how often Kamailio sends a history copy', { timeout: 30_000 }, () => {
  let listener: FakeHistoryListener | undefined;
  const defines: string[] = [];
  // the first copy of a message answered 503 (restarting), later ones 200; a "refused" message 400
  beforeAll(async () => {
    listener = await startFakeHistoryListener((req, received) => {
      const id = hdr(req, 'message-id') ?? '';
      if (id.startsWith('refused-')) return 400;
      return received.filter((m) => hdr(m, 'message-id') === id).length === 1 ? 503 : 200;
    });
    defines.push(`CHAT_HISTORY_SIP="${listener.address}"`, 'CHAT_HISTORY_RETRY_FIRST=2');
  });
  afterAll(() => listener?.close());
  const { connect, track } = useKamailio({ defines, workers: 2 });

  it(
    'sends again after a 503 until the listener takes it (200), then never again; a 400 is not retried',
    track(async () => {
      const ada = await connect('1001');
      const ben = await connect('1002');
      expect((await ada.register()).status).toBe(200);
      expect((await ben.register()).status).toBe(200);
      const retried = `retried-${newToken()}`;
      const refused = `refused-${newToken()}`;
      for (const id of [retried, refused]) {
        const taken = answered(ben);
        expect((await sendMessage(ada, '1002', id, { extra: [`Message-ID: ${id}`] })).status).toBe(200);
        await taken;
      }
      const copies = (id: string) => listener!.received.filter((m) => hdr(m, 'message-id') === id);
      await expect.poll(() => copies(retried).length, { timeout: 8000 }).toBe(2);
      // the same copy both times: same event, original Call-ID and time
      const [first, second] = copies(retried);
      for (const name of ['x-openline-history', 'x-openline-call-id', 'x-openline-history-at']) {
        expect(hdr(second!, name), name).toBe(hdr(first!, name));
      }
      expect(second!.body).toBe(first!.body);
      // had it not been taken, the next sends would have come 4 and 12 s after the second
      await new Promise((r) => setTimeout(r, 5000));
      expect(copies(retried)).toHaveLength(2);
      expect(copies(refused)).toHaveLength(1);
    }),
  );
});
