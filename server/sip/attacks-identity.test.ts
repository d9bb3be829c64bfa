/**
 * Attacks on identities and dialogs, performed over real WebSockets against a real server (issue 15,
 * items 1–3): each must fail.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isRequest, rand, sipMessage, waitUntil, type TestPhone } from './testing';
import { establishCall } from './testing/calls';
import { startSipTestServer, type SipTestServer } from './testing/server';

let harness: SipTestServer;

beforeAll(async () => {
  harness = await startSipTestServer();
});
afterAll(() => harness.stop());
afterEach(async () => {
  await harness.closePhones();
  await waitUntil(() => harness.server.sipStats().connections === 0);
});

const phone = (user: string, o: { register?: boolean } = {}) => harness.phone(user, o);

/** `thief` registers `victim`'s Contact URI under its own account. */
function copyContact(thief: TestPhone, victim: TestPhone) {
  thief.contactUser = victim.contactUser;
  thief.contactHost = victim.contactHost;
  return thief.register();
}

describe('call takeover through a copied Contact (15.1)', () => {
  it('refuses (403) a Contact that is bound to another user', async () => {
    const alice = await phone('1001');
    const mallory = await phone('1003');
    const res = await copyContact(mallory, alice);
    expect(res.statusCode).toBe(403);
    expect(harness.server.registrar.contacts('1003')).not.toContain(alice.contact);
    expect(harness.server.registrar.contacts('1001')).toEqual([alice.contact]);
  });

  it('keeps refusing it after the victim socket drops, and the victim can re-register it', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    const call = await establishCall(bob, alice);
    const { contactUser, contactHost } = alice;
    await alice.close();
    await waitUntil(() => harness.server.registrar.contacts('1001').length === 0);

    const mallory = await phone('1003');
    expect((await copyContact(mallory, alice)).statusCode).toBe(403);

    // The victim comes back on a new socket with its old contact: its dialog still reaches it.
    const alice2 = await phone('1001', { register: false });
    alice2.contactUser = contactUser;
    alice2.contactHost = contactHost;
    expect((await alice2.register()).statusCode).toBe(200);
    bob.inDialog('INFO', call.caller, { body: 'still you?' });
    expect((await alice2.request('INFO')).body).toBe('still you?');
    await mallory.nothing((m) => isRequest(m, 'INFO'));
  });
});

describe('unauthenticated relay and forged routes (15.2)', () => {
  it('does not relay an ACK from a socket that never authenticated', async () => {
    const bob = await phone('1002');
    const anon = await phone('1003', { register: false });
    anon.send(
      sipMessage(
        'ACK sip:1002@openline.local SIP/2.0',
        [
          ['Via', anon.via()],
          ['Max-Forwards', '70'],
          ['From', `<sip:1001@openline.local>;tag=${rand()}`],
          ['To', `<sip:1002@openline.local>;tag=${rand()}`],
          ['Call-ID', rand()],
          ['CSeq', '1 ACK'],
          ['Content-Type', 'text/plain'],
        ],
        'spam from nobody',
      ),
    );
    await bob.nothing((m) => isRequest(m, 'ACK'), 300);
  });

  it('does not let an ACK with the dialog route through from a non-party', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    const mallory = await phone('1003');
    const call = await establishCall(alice, bob);
    mallory.inDialog('ACK', call.caller, { body: 'injected' });
    await bob.nothing((m) => isRequest(m, 'ACK'), 300);
  });

  it('answers 403 to in-dialog requests from a non-party or with a forged route token', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    const mallory = await phone('1003');
    const call = await establishCall(alice, bob);

    // A non-party that learned the Record-Route (e.g. from a log) tries to hang up the call.
    mallory.inDialog('BYE', call.caller);
    expect((await mallory.final('BYE')).statusCode).toBe(403);
    await bob.nothing((m) => isRequest(m, 'BYE'));

    // A party altering the token (to point it elsewhere) is refused as well.
    const forged = call.recordRoute.map((r) =>
      r.replace(/ol\.(.)/, (_, c: string) => `ol.${c === 'A' ? 'B' : 'A'}`),
    );
    alice.inDialog('INFO', { ...call.caller, routes: forged });
    expect((await alice.final('INFO')).statusCode).toBe(403);
  });

  it('hides connection ids: no Via branch or Record-Route of ours repeats across calls', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    const first = await establishCall(alice, bob);
    const second = await establishCall(alice, bob);
    // The same two connections, yet the tokens share nothing a peer could take apart.
    expect(first.recordRoute[0]).not.toBe(second.recordRoute[0]);
    const token = (rr: string) => /ol\.([\w-]+)@/.exec(rr)?.[1] ?? '';
    expect(token(first.recordRoute[0]!).slice(0, 12)).not.toBe(token(second.recordRoute[0]!).slice(0, 12));
  });
});

describe('in-dialog From spoofing (15.3)', () => {
  it('refuses an in-dialog MESSAGE without our route whose From is not proven on the connection', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    const mallory = await phone('1003');
    for (const method of ['MESSAGE', 'INVITE', 'NOTIFY']) {
      mallory.send(
        sipMessage(
          `${method} sip:1002@openline.local SIP/2.0`,
          [
            ['Via', mallory.via()],
            ['Max-Forwards', '70'],
            ['From', `<${alice.aor}>;tag=${rand()}`],
            ['To', `<sip:1002@openline.local>;tag=${rand()}`],
            ['Call-ID', rand()],
            ['CSeq', `1 ${method}`],
            ['Contact', `<${mallory.contact}>`],
            ['Event', 'message-summary'],
            ['Content-Type', 'text/plain'],
          ],
          'I am alice, trust me',
        ),
      );
      expect((await mallory.final(method)).statusCode).toBe(403);
    }
    await bob.nothing((m) => isRequest(m));
    // The real alice, over her own connection, still can.
    alice.send(
      sipMessage(
        'MESSAGE sip:1002@openline.local SIP/2.0',
        [
          ['Via', alice.via()],
          ['Max-Forwards', '70'],
          ['From', `<${alice.aor}>;tag=${rand()}`],
          ['To', `<sip:1002@openline.local>;tag=${rand()}`],
          ['Call-ID', rand()],
          ['CSeq', '1 MESSAGE'],
          ['Content-Type', 'text/plain'],
        ],
        'hi',
      ),
    );
    const got = await bob.request('MESSAGE');
    bob.reply(got, 200);
    expect((await alice.final('MESSAGE')).statusCode).toBe(200);
  });
});
