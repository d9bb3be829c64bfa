/**
 * MWI through Kamailio (deploy/kamailio/kamailio.cfg with VOICEMAIL_SIP, route[MWI] / route[MWI_INDLG]):
 * a real Kamailio in front of the real server in external mode, raw SIP over WebSocket for the phones.
 * The subscription is relayed to the voicemail listener, NOTIFYs come back through Kamailio on every
 * deposit, heard and delete, and the ways in are closed to everyone but the subscriber and the notifier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kamailio, reportAvailability, useKamailio } from '../credentials/testing/kamailio-harness';
import { startSipTestServer, type SipTestServer } from '../sip/testing/server';
import { sessionCookie, TEST_PASSWORD } from '../testing/signed-in-server';
import { fakeSdp, hdr, hdrs, rand as newToken, uriOf, type SipMessage } from '../sip/testing';
import type { SipClient } from '../sip/testing/sip-client';
import { ingest, oggTone } from './testing/fixtures';
import { EXTERNAL_LISTENER_OPTIONS } from './testing/listener-options';

reportAvailability();

const KEY = 'kamailio-mwi-key-'.padEnd(40, 'x');
const MWI = ['Event: message-summary', 'Accept: application/simple-message-summary'];
const isNotify = (m: SipMessage) => !m.isResponse && m.method === 'NOTIFY';

describe.runIf(kamailio.ok)('MWI through Kamailio → the voicemail listener', { timeout: 40_000 }, () => {
  let harness: SipTestServer;
  // The define is far above the 5 s a user sets below: only the user's own time can end the ringing early.
  const defines: string[] = ['VOICEMAIL_NO_ANSWER_MS=60000'];
  beforeAll(async () => {
    harness = await startSipTestServer({
      options: {
        ...EXTERNAL_LISTENER_OPTIONS,
        voicemailIngestKey: KEY,
        demoPassword: TEST_PASSWORD,
      },
    });
    defines.push(`VOICEMAIL_SIP="${harness.server.voicemailSipAddress!}"`);
  });
  afterAll(() => harness?.stop());
  const { connect, track } = useKamailio({ defines, workers: 2 });

  /** An authenticated SUBSCRIBE (407, then credentials) from `phone` to `target`'s mailbox. */
  async function subscribe(phone: SipClient, target = phone.aor) {
    const from = `<${phone.aor}>;tag=${newToken(4)}`;
    const callId = `${newToken()}@${phone.host}`;
    const spec = { method: 'SUBSCRIBE', ruri: target, from, to: `<${target}>`, callId };
    const { challenge, raw, branch } = await phone.challengedRequest({
      ...spec,
      extra: [...MWI, 'Expires: 600'],
    });
    expect(challenge.status).toBe(407);
    const final = phone.waitFor((m) => m.isResponse && hdr(m, 'via')!.includes(branch), 5000);
    const notify = phone.waitFor(isNotify, 5000);
    notify.catch(() => undefined); // a refused SUBSCRIBE gets none; awaiting it still fails
    phone.send(raw);
    return { ...spec, final: await final, notify };
  }

  /** The next NOTIFY's Voice-Message line and state, answered 200 as sip.js does. */
  async function counts(phone: SipClient, next: Promise<SipMessage> = phone.waitFor(isNotify, 5000)) {
    const notify = await next;
    phone.reply(notify, 200, 'OK');
    return {
      voice: /Voice-Message: (\S+)/.exec(notify.body)?.[1],
      state: hdr(notify, 'subscription-state'),
      notify,
    };
  }

  const signIn = (user: string) => sessionCookie(harness.url, user);

  it(
    'a deposit, heard and delete each NOTIFY the subscriber through Kamailio; Expires: 0 ends it',
    track(async () => {
      const ada = await connect('1001');
      const sub = await subscribe(ada);
      expect(sub.final.status, sub.final.raw).toBe(200);
      const contact = hdr(sub.final, 'contact')!;
      expect(contact).toContain(`@${harness.server.voicemailSipAddress!};transport=tcp`);
      expect(hdrs(sub.final, 'record-route').length).toBeGreaterThan(0);
      const first = await counts(ada, sub.notify);
      expect(first).toMatchObject({ voice: '0/0', state: 'active;expires=600' });
      expect(first.notify.body).toContain(`Message-Account: ${ada.aor}`);

      const arrived = counts(ada); // the NOTIFY may come before the HTTP answer
      const deposited = await ingest(harness.url, {
        key: KEY,
        fields: { mailbox: '1001', caller: '1003' },
        file: { bytes: oggTone(400), type: 'audio/ogg' },
      });
      expect(deposited.status).toBe(201);
      expect((await arrived).voice).toBe('1/0');

      const id = (deposited.json as { id: string }).id;
      const cookie = await signIn('1001');
      const heard = counts(ada);
      const headers = { cookie };
      expect(
        (await fetch(`${harness.url}/api/voicemail/${id}/heard`, { method: 'POST', headers })).status,
      ).toBe(200);
      expect((await heard).voice).toBe('0/1');
      const deleted = counts(ada);
      expect((await fetch(`${harness.url}/api/voicemail/${id}`, { method: 'DELETE', headers })).status).toBe(
        200,
      );
      expect((await deleted).voice).toBe('0/0');

      const ended = ada.waitFor(isNotify, 5000);
      const refresh = await ada.transaction({
        method: 'SUBSCRIBE',
        ruri: uriOf(contact),
        from: sub.from,
        to: hdr(sub.final, 'to')!,
        callId: sub.callId,
        cseq: 3,
        route: hdrs(sub.final, 'record-route').reverse(),
        extra: [...MWI, 'Expires: 0'],
      });
      expect(refresh.final.status).toBe(200);
      expect((await counts(ada, ended)).state).toBe('terminated;reason=timeout');
    }),
  );

  it(
    'another user can neither subscribe to, refresh, end nor fake NOTIFYs for a mailbox not theirs',
    track(async () => {
      const grace = await connect('1002');
      const sub = await subscribe(grace);
      expect(sub.final.status).toBe(200);
      await counts(grace, sub.notify);
      const mallory = await connect('1003');

      // Someone else's mailbox: Kamailio refuses before the notifier sees it.
      const theirs = await subscribe(mallory, grace.aor);
      expect(theirs.final.status).toBe(403);

      // With the dialog's identifiers (Call-ID and both tags) but over another connection: 481.
      const dialog = {
        ruri: uriOf(hdr(sub.final, 'contact')),
        from: sub.from.replace('1002', '1003'),
        to: hdr(sub.final, 'to')!,
        callId: sub.callId,
        route: hdrs(sub.final, 'record-route').reverse(),
      };
      const hijack = await mallory.transaction({
        ...dialog,
        method: 'SUBSCRIBE',
        cseq: 5,
        extra: [...MWI, 'Expires: 0'],
      });
      expect(hijack.final.status).toBe(481);

      // A NOTIFY into the subscriber's dialog from a phone, not the notifier: Kamailio refuses it.
      const fake = await mallory.transaction({
        method: 'NOTIFY',
        ruri: `sip:1002@${harness.server.options.sipDomain}`,
        from: hdr(sub.final, 'to')!,
        to: sub.from,
        callId: sub.callId,
        cseq: 9,
        route: hdrs(sub.final, 'record-route'),
        extra: ['Event: message-summary', 'Subscription-State: active'],
        body: 'Messages-Waiting: yes\r\nVoice-Message: 9/0 (0/0)\r\n',
        contentType: 'application/simple-message-summary',
      });
      expect(fake.final.status).toBe(403);

      // The real subscription is untouched: the next change still reaches Grace.
      const next = counts(grace);
      const deposited = await ingest(harness.url, {
        key: KEY,
        fields: { mailbox: '1002', caller: '1001' },
        file: { bytes: oggTone(300), type: 'audio/ogg' },
      });
      expect(deposited.status).toBe(201);
      expect((await next).voice).toBe('1/0');
    }),
  );

  /** PUT /api/voicemail/settings as the Settings screen does. */
  async function saveSettings(user: string, body: { enabled: boolean; noAnswerS: number | null }) {
    const res = await fetch(`${harness.url}/api/voicemail/settings`, {
      method: 'PUT',
      headers: { cookie: await signIn(user), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  }

  /** Alice INVITEs `callee` (a plain offer: voicemail, if tried, refuses it with 488). */
  async function invite(alice: SipClient, callee: SipClient) {
    const spec = {
      method: 'INVITE',
      ruri: callee.aor,
      from: `<${alice.aor}>;tag=${newToken(4)}`,
      to: `<${callee.aor}>`,
      callId: `${newToken()}@${alice.host}`,
      body: fakeSdp(),
    };
    const { raw, branch } = await alice.challengedRequest(spec);
    const final = alice.waitFor(
      (m) => m.isResponse && m.status >= 200 && hdr(m, 'via')!.includes(branch),
      20_000,
    );
    const incoming = callee.waitFor((m) => !m.isResponse && m.method === 'INVITE', 5000);
    alice.send(raw);
    return { final, incoming: await incoming };
  }

  it(
    "the callee's own ring time and 'voicemail off' reach Kamailio on the NOTIFYs and decide the call",
    track(async () => {
      const cleo = await connect('1003');
      expect((await cleo.register()).status).toBe(200);
      const sub = await subscribe(cleo);
      expect(sub.final.status).toBe(200);
      await counts(cleo, sub.notify);
      const alice = await connect('1001');

      // 5 s of ringing (Settings → Voicemail), not Kamailio's 60 s: Kamailio CANCELs the phone.
      let notified = counts(cleo);
      await saveSettings('1003', { enabled: true, noAnswerS: 5 });
      expect(hdr((await notified).notify, 'x-openline-no-answer')).toBeUndefined(); // Kamailio keeps it
      const rung = await invite(alice, cleo);
      const toTag = newToken(4);
      cleo.reply(rung.incoming, 180, 'Ringing', { toTag, contact: true });
      const cancel = await cleo.waitFor((m) => !m.isResponse && m.method === 'CANCEL', 15_000);
      cleo.reply(cancel, 200, 'OK');
      cleo.reply(rung.incoming, 487, 'Request Terminated', { toTag });
      // then voicemail was tried: it refuses this plain (non-WebRTC) offer
      expect((await rung.final).status).toBe(488);

      // Voicemail off: a busy callee's 486 reaches the caller; voicemail is not tried.
      notified = counts(cleo);
      await saveSettings('1003', { enabled: false, noAnswerS: 5 });
      await notified;
      const busy = await invite(alice, cleo);
      cleo.reply(busy.incoming, 486, 'Busy Here', { toTag: newToken(4) });
      expect((await busy.final).status).toBe(486);
    }),
  );
});
