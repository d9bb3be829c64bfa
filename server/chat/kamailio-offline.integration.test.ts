/**
 * Offline messages on Kamailio (deploy/kamailio/kamailio.cfg with OFFLINE_MSG_DB, msilo + db_text): a text
 * MESSAGE for a known user without a registration is answered 202 and delivered on their next REGISTER
 * with From, Message-ID, Disposition-Notification and a Date; kept until a phone answers 2xx; an IMDN
 * receipt for a signed-out sender is kept too, in a mailbox of its own, and delivered after the messages
 * (ADR 0035); typing indications, unknown users and guests are not stored; size and per-user limits; the
 * marker of msilo's own requests cannot be forged; stored messages and known users survive a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startKamailio, type KamailioHandle } from '../../e2e/support/kamailio';
import {
  SECRET,
  kamailio,
  mint,
  reportAvailability,
  useKamailio,
} from '../credentials/testing/kamailio-harness';
import { SipClient, hdr, rand as newToken, type SipMessage } from '../sip/testing';
import { TEXT, answered, isMessage, knownButOffline, sendMessage } from './testing/kamailio-chat';

reportAvailability();

const IMDN = { contentType: 'message/imdn+xml' };

/** An IMDN receipt as the app sends it (src/phone/chat/imdn.ts). */
function receipt(messageId: string, status: 'delivered' | 'displayed'): string {
  const kind = status === 'delivered' ? 'delivery' : 'display';
  return (
    '<?xml version="1.0" encoding="UTF-8"?><imdn xmlns="urn:ietf:params:xml:ns:imdn">' +
    `<message-id>${messageId}</message-id><datetime>2026-01-01T00:00:00Z</datetime>` +
    `<${kind}-notification><status><${status}/></status></${kind}-notification></imdn>`
  );
}

/** Each test waits for Kamailio to notice a closed WebSocket and for msilo's 1-second check. */
const TEST_TIMEOUT_MS = 20_000;

describe.runIf(kamailio.ok)('Kamailio offline messages (msilo, OFFLINE_MSG_DB)', () => {
  const k = useKamailio({ offlineMessages: { maxPerUser: 2, maxBytes: 1000, checkSeconds: 1 } });
  const { connect, track } = k;

  it(
    'stores a text MESSAGE for a known user who is offline (202) and delivers it once on their REGISTER',
    track(async () => {
      const ada = await connect('8101');
      expect((await ada.register()).status).toBe(200);
      await knownButOffline(connect, ada, '8102');

      const id = `m-${newToken()}`;
      const sent = await sendMessage(ada, '8102', 'Hello Cleo, ünïcode ✓', {
        extra: [`Message-ID: ${id}`, 'Disposition-Notification: positive-delivery, display'],
      });
      expect(sent.status, sent.raw).toBe(202);

      const cleo = await connect('8102');
      const delivered = cleo.waitFor(isMessage, 5000);
      expect((await cleo.register()).status).toBe(200);
      const msg = await delivered;
      expect(msg.body).toBe('Hello Cleo, ünïcode ✓');
      expect(hdr(msg, 'from')).toContain('sip:8101@');
      expect(hdr(msg, 'message-id')).toBe(id);
      expect(hdr(msg, 'disposition-notification')).toBe('positive-delivery, display');
      expect(hdr(msg, 'content-type')).toBe(TEXT);
      expect(hdr(msg, 'date')).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      // the marker of msilo's own requests never leaves the proxy
      expect(hdr(msg, 'x-openline-silo')).toBeUndefined();
      cleo.reply(msg, 200, 'OK');

      // registering again does not deliver it again: the next MESSAGE Cleo gets is a new one
      expect((await cleo.register()).status).toBe(200);
      const next = answered(cleo);
      expect((await sendMessage(ada, '8102', 'second')).status).toBe(200);
      expect((await next).body).toBe('second');
    }),
    TEST_TIMEOUT_MS,
  );

  it(
    'keeps a stored message its phone did not take (480) and sends it again on a later REGISTER',
    track(async () => {
      const ada = await connect('8201');
      expect((await ada.register()).status).toBe(200);
      await knownButOffline(connect, ada, '8202');
      const id = `m-${newToken()}`;
      expect((await sendMessage(ada, '8202', 'keep me', { extra: [`Message-ID: ${id}`] })).status).toBe(202);

      const cleo = await connect('8202');
      const first = cleo.waitFor(isMessage, 5000);
      expect((await cleo.register()).status).toBe(200);
      const refused = await first;
      expect(hdr(refused, 'message-id')).toBe(id);
      cleo.reply(refused, 480, 'Temporarily Unavailable');

      // msilo frees a refused message for sending again at its next check (OFFLINE_MSG_CHECK_SECONDS=1
      // here); each REGISTER until then finds it still in flight and sends nothing
      let again: SipMessage | undefined;
      while (!again) {
        const seen = cleo.received.length;
        expect((await cleo.register()).status).toBe(200);
        again = await cleo.waitFor(isMessage, 1500, seen).catch(() => undefined);
      }
      expect(hdr(again, 'message-id')).toBe(id);
      expect(again.body).toBe('keep me');
      cleo.reply(again, 200, 'OK');
    }),
    TEST_TIMEOUT_MS,
  );

  it(
    'does not store typing indications, other charsets, or messages for users it never saw: 480 as before',
    track(async () => {
      const ada = await connect('8301');
      expect((await ada.register()).status).toBe(200);
      await knownButOffline(connect, ada, '8302');
      expect(
        (await sendMessage(ada, '8302', '<isComposing/>', { contentType: 'application/im-iscomposing+xml' }))
          .status,
      ).toBe(480);
      // a receipt for a user never seen here is not stored either
      expect((await sendMessage(ada, '8399', receipt('abc', 'displayed'), IMDN)).status).toBe(480);
      expect(
        (await sendMessage(ada, '8302', 'latin-1', { contentType: 'text/plain;charset=iso-8859-1' })).status,
      ).toBe(480);
      // never registered here: unknown (there is no user database), not stored
      expect((await sendMessage(ada, '8399', 'anyone there?')).status).toBe(480);

      // nothing was stored for 8302: registering delivers nothing, the next MESSAGE is a live one
      const cleo = await connect('8302');
      expect((await cleo.register()).status).toBe(200);
      const next = answered(cleo);
      expect((await sendMessage(ada, '8302', 'live')).status).toBe(200);
      expect((await next).body).toBe('live');
    }),
    TEST_TIMEOUT_MS,
  );

  it(
    'stores receipts for a signed-out sender (202) and sends them on REGISTER with the stored messages',
    track(async () => {
      const ben = await connect('8701');
      expect((await ben.register()).status).toBe(200);
      // Ada sent two messages earlier and signed out; Ben's phone says they were delivered, then read
      await knownButOffline(connect, ben, '8702');
      expect((await sendMessage(ben, '8702', 'reply while you were away')).status).toBe(202);
      const sent = [receipt('m-1', 'delivered'), receipt('m-1', 'displayed')];
      for (const body of sent) expect((await sendMessage(ben, '8702', body, IMDN)).status).toBe(202);

      const ada = await connect('8702');
      const seen = ada.received.length;
      expect((await ada.register()).status).toBe(200);
      const got: SipMessage[] = [];
      while (got.length < 3) {
        const m = await ada.waitFor((x) => isMessage(x) && !got.includes(x), 5000, seen);
        ada.reply(m, 200, 'OK');
        got.push(m);
      }
      // msilo sends the messages, then the receipts, oldest first, each on its own transaction: they may
      // arrive in any order (several workers), which the app copes with (a "Read" stays "Read")
      const kinds = got.map((m) => [hdr(m, 'content-type'), m.body]);
      expect(kinds).toHaveLength(3);
      expect(kinds).toEqual(
        expect.arrayContaining([
          ['text/plain;charset=utf-8', 'reply while you were away'],
          ...sent.map((body) => ['message/imdn+xml', body]),
        ]),
      );
      for (const m of got) expect(hdr(m, 'from')).toContain('sip:8701@');
      for (const m of got) expect(hdr(m, 'x-openline-silo')).toBeUndefined();

      // taken (200): not sent again on the next REGISTER; the next MESSAGE Ada gets is a live one
      await new Promise((r) => setTimeout(r, 1500));
      expect((await ada.register()).status).toBe(200);
      const next = answered(ada);
      expect((await sendMessage(ben, '8702', 'live')).status).toBe(200);
      expect((await next).body).toBe('live');
    }),
    TEST_TIMEOUT_MS,
  );

  it(
    "receipts: their own mailbox (they never take a message's place), 413 over 1024 bytes, 400 when not IMDN",
    track(async () => {
      const ben = await connect('8801');
      expect((await ben.register()).status).toBe(200);
      await knownButOffline(connect, ben, '8802');
      // maxPerUser is 2 here: two receipts fill the receipts' mailbox ...
      expect((await sendMessage(ben, '8802', receipt('m-1', 'delivered'), IMDN)).status).toBe(202);
      expect((await sendMessage(ben, '8802', receipt('m-2', 'delivered'), IMDN)).status).toBe(202);
      const full = await sendMessage(ben, '8802', receipt('m-3', 'delivered'), IMDN);
      expect([full.status, full.reason]).toEqual([480, 'Temporarily Unavailable - Mailbox Full']);
      // ... and the messages' mailbox still takes two messages
      expect((await sendMessage(ben, '8802', 'one')).status).toBe(202);
      expect((await sendMessage(ben, '8802', 'two')).status).toBe(202);

      const big = receipt('m-4', 'delivered').replace('<imdn ', `<!--${'x'.repeat(1100)}--><imdn `);
      expect((await sendMessage(ben, '8802', big, IMDN)).status).toBe(413);
      const notImdn = await sendMessage(ben, '8802', '<receipt>read</receipt>', IMDN);
      expect([notImdn.status, notImdn.reason]).toEqual([400, 'Bad Request - Not An IMDN Document']);
    }),
    TEST_TIMEOUT_MS,
  );

  it(
    'limits: a body over OFFLINE_MSG_MAX_BYTES gets 413, a full mailbox 480 (nothing dropped)',
    track(async () => {
      const ada = await connect('8401');
      expect((await ada.register()).status).toBe(200);
      await knownButOffline(connect, ada, '8402');
      expect((await sendMessage(ada, '8402', 'x'.repeat(1001))).status).toBe(413);
      expect((await sendMessage(ada, '8402', 'one')).status).toBe(202);
      expect((await sendMessage(ada, '8402', 'two')).status).toBe(202);
      expect((await sendMessage(ada, '8402', 'three')).status).toBe(480);

      const cleo = await connect('8402');
      const seen = cleo.received.length;
      expect((await cleo.register()).status).toBe(200);
      const first = await cleo.waitFor(isMessage, 5000, seen);
      cleo.reply(first, 200, 'OK');
      const second = await cleo.waitFor((m) => isMessage(m) && m !== first, 5000, seen);
      cleo.reply(second, 200, 'OK');
      const got = [first.body, second.body];
      expect(got.sort()).toEqual(['one', 'two']);
    }),
    TEST_TIMEOUT_MS,
  );

  it(
    'a client cannot pass its MESSAGE off as a stored one: the marker header is removed, auth still asked',
    track(async () => {
      const mallory = await connect('8501');
      expect((await mallory.register()).status).toBe(200);
      const victim = await connect('8502');
      expect((await victim.register()).status).toBe(200);
      const { final } = await mallory.transaction({
        method: 'MESSAGE',
        ruri: victim.aor,
        from: `<sip:8503@${k.kam.domain}>;tag=${newToken(4)}`,
        to: `<${victim.aor}>`,
        callId: `${newToken()}@${mallory.host}`,
        cseq: 1,
        body: 'forged',
        contentType: TEXT,
        extra: ['X-Openline-Silo: guess'],
      });
      expect(final.status).toBe(407);
    }),
    TEST_TIMEOUT_MS,
  );
});

/** A stop as systemd does it (SIGTERM, tables written at shutdown), or a crash: nothing runs after it. */
const ENDINGS = {
  stops: (kam: KamailioHandle) => kam.stop(),
  // the whole process group, as an OOM kill or a power cut would; stop() then only waits for the exit
  'is killed': async (kam: KamailioHandle) => {
    process.kill(-kam.pid, 'SIGKILL');
    await kam.stop();
  },
};

describe.runIf(kamailio.ok)('Kamailio offline messages across a restart', () => {
  it.each(Object.keys(ENDINGS) as (keyof typeof ENDINGS)[])(
    'keeps the stored messages and the users it knows when Kamailio %s and restarts on the same database',
    async (ending) => {
      const dir = mkdtempSync(join(tmpdir(), 'openline-offline-db-'));
      const clients: SipClient[] = [];
      let kam: KamailioHandle | undefined;
      const connect = async (user: string) => {
        const creds = mint(user);
        const client = await SipClient.ws(kam!.wsUrl, {
          user,
          domain: kam!.domain,
          username: creds.username,
          password: creds.password,
        });
        clients.push(client);
        return client;
      };
      try {
        kam = await startKamailio({ secret: SECRET, offlineMessages: { dir } });
        const ada = await connect('8601');
        expect((await ada.register()).status).toBe(200);
        await knownButOffline(connect, ada, '8602');
        await knownButOffline(connect, ada, '8603');
        expect((await sendMessage(ada, '8602', 'before the restart')).status).toBe(202);
        await Promise.all(clients.splice(0).map((c) => c.close()));
        await ENDINGS[ending](kam);

        kam = await startKamailio({ secret: SECRET, offlineMessages: { dir } });
        const ada2 = await connect('8601');
        expect((await ada2.register()).status).toBe(200);
        // 8603 registered only before the restart: still known, so a message for them is stored
        expect((await sendMessage(ada2, '8603', 'after the restart')).status).toBe(202);
        const cleo = await connect('8602');
        const delivered = cleo.waitFor(isMessage, 5000);
        expect((await cleo.register()).status).toBe(200);
        const msg = await delivered;
        expect(msg.body).toBe('before the restart');
        cleo.reply(msg, 200, 'OK');
      } finally {
        await Promise.all(clients.map((c) => c.close()));
        await kam?.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    30_000,
  );
});
