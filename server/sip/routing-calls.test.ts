/**
 * Proxy call flows over the wire: routing, forking, CANCEL, failures.
 * Real `ws` clients speaking hand-built SIP to a server started on port 0 (server/sip/testing).
 */
import { describe, expect, it } from 'vitest';
import { isRequest, isResponse, uriOf, waitUntil } from './testing';
import { invite, onInviteBranch, useSipTestServer } from './testing/server';

const sip = useSipTestServer();
const { phone } = sip;

/** 1001 calls 1002, who rings (180 with `toTag`); the caller has seen the 180. */
async function ringingCall(toTag?: string) {
  const alice = await phone('1001');
  const bob = await phone('1002');
  const inv = invite(alice);
  const incoming = await bob.request('INVITE');
  bob.reply(incoming, 180, { toTag });
  await alice.response(180);
  return { alice, bob, inv, incoming };
}

describe('proxy: calls', () => {
  it('routes INVITE 1001 → 1002 with Record-Route; 180/200 flow back; ACK and BYE follow the route', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    const inv = invite(alice);

    expect((await alice.response(100, 'INVITE')).statusCode).toBe(100);
    const incoming = await bob.request('INVITE');
    expect(incoming.ruri?.toString()).toBe(bob.contact);
    const rr = incoming.getHeaders('record-route');
    expect(rr).toHaveLength(1);
    expect(rr[0]).toMatch(/^<sip:ol\.[\w-]+@openline\.local;transport=ws;lr>$/);
    expect(incoming.getHeaders('via')).toHaveLength(2);
    expect(incoming.getHeader('max-forwards')).toBe('69');
    expect(incoming.body).toBe('v=0\r\n');

    bob.reply(incoming, 180, { toTag: 'bobtag' });
    const ringing = await alice.response(180, 'INVITE');
    expect(ringing.toTag).toBe('bobtag');
    expect(ringing.getHeaders('via')).toHaveLength(1);
    bob.reply(incoming, 200, { toTag: 'bobtag', body: 'v=0\r\n' });
    const ok = await alice.response(200, 'INVITE');
    expect(ok.getHeaders('record-route')).toEqual(rr);
    expect(uriOf(ok.getHeader('contact'))).toBe(bob.contact);

    const aliceSide = {
      target: bob.contact,
      routes: rr,
      callId: inv.callId,
      localTag: inv.fromTag,
      remoteTag: 'bobtag',
      remoteUri: 'sip:1002@openline.local',
    };
    alice.inDialog('ACK', aliceSide, { cseq: inv.cseq });
    const ack = await bob.request('ACK');
    expect(ack.callId).toBe(inv.callId);
    expect(ack.getHeaders('route')).toEqual([]);

    // In-dialog INFO / MESSAGE / OPTIONS from the callee reach the caller, and back.
    const bobSide = {
      target: alice.contact,
      routes: rr,
      callId: inv.callId,
      localTag: 'bobtag',
      remoteTag: inv.fromTag,
      remoteUri: alice.aor,
    };
    for (const method of ['INFO', 'MESSAGE', 'OPTIONS']) {
      bob.inDialog(method, bobSide, { body: method === 'OPTIONS' ? undefined : `hello ${method}` });
      const got = await alice.request(method);
      expect(got.ruri?.toString()).toBe(alice.contact);
      alice.reply(got, 200);
      expect((await bob.response(200, method)).callId).toBe(inv.callId);

      alice.inDialog(method, aliceSide);
      const back = await bob.request(method);
      bob.reply(back, 200);
      expect((await alice.response(200, method)).statusCode).toBe(200);
    }

    bob.inDialog('BYE', bobSide);
    const bye = await alice.request('BYE');
    expect(bye.callId).toBe(inv.callId);
    alice.reply(bye, 200);
    expect((await bob.response(200, 'BYE')).statusCode).toBe(200);
    await waitUntil(() => sip.server.sipStats().transactions === 0);
  });

  it('forks to every registration; the first 2xx wins and the other branch is cancelled', async () => {
    const alice = await phone('1001');
    const desk = await phone('1002');
    const mobile = await phone('1002');
    expect(sip.server.registrar.contacts('1002')).toHaveLength(2);
    const inv = invite(alice);

    const atDesk = await desk.request('INVITE');
    const atMobile = await mobile.request('INVITE');
    desk.reply(atDesk, 180, { toTag: 'desk' });
    mobile.reply(atMobile, 180, { toTag: 'mobile' });
    await alice.response(180);
    await alice.response(180);

    mobile.reply(atMobile, 200, { toTag: 'mobile' });
    expect((await alice.final('INVITE')).toTag).toBe('mobile');

    const cancel = await desk.request('CANCEL');
    expect(cancel.getHeader('reason')).toBe('SIP;cause=200;text="Call completed elsewhere"');
    expect(cancel.getHeader('via')).toBe(atDesk.getHeaders('via')[0]);
    expect(cancel.ruri?.toString()).toBe(desk.contact);
    desk.reply(cancel, 200);
    desk.reply(atDesk, 487, { toTag: 'desk' });
    // The proxy acknowledges the 487 itself (hop-by-hop) ...
    const hopAck = await desk.request('ACK');
    expect(hopAck.toTag).toBe('desk');
    // ... and the caller never sees it.
    await alice.nothing((m) => isResponse(m) && m.statusCode === 487);

    const rr = atMobile.getHeaders('record-route');
    alice.inDialog(
      'ACK',
      {
        target: mobile.contact,
        routes: rr,
        callId: inv.callId,
        localTag: inv.fromTag,
        remoteTag: 'mobile',
        remoteUri: 'sip:1002@openline.local',
      },
      { cseq: inv.cseq },
    );
    await mobile.request('ACK');
    await desk.nothing((m) => isRequest(m, 'ACK'));
  });

  it('CANCEL before answer: 200 for the CANCEL, the callee is cancelled, 487 reaches the caller', async () => {
    const { alice, bob, inv, incoming } = await ringingCall('b');

    alice.send(onInviteBranch(alice, inv, 'CANCEL'));
    expect((await alice.response(200, 'CANCEL')).statusCode).toBe(200);
    const cancel = await bob.request('CANCEL');
    bob.reply(cancel, 200);
    bob.reply(incoming, 487, { toTag: 'b' });
    const terminated = await alice.final('INVITE');
    expect(terminated.statusCode).toBe(487);
    expect(terminated.toTag).toBe('b');
    await bob.request('ACK'); // hop-by-hop from the proxy

    // The caller's ACK for the 487 is absorbed by the proxy.
    alice.send(onInviteBranch(alice, inv, 'ACK', { toTag: 'b' }));
    await bob.nothing((m) => isRequest(m, 'ACK'));
    await waitUntil(() => sip.server.sipStats().transactions === 0);
  });

  it('answers 481 to a CANCEL that matches nothing', async () => {
    const alice = await phone('1001');
    const c = alice.outOfDialog('CANCEL', 'sip:1002@openline.local');
    alice.send(c.text);
    expect((await alice.final('CANCEL')).statusCode).toBe(481);
  });

  it('forwards the best final response when every branch fails', async () => {
    const alice = await phone('1001');
    const a = await phone('1002');
    const b = await phone('1002');
    invite(alice);
    const ia = await a.request('INVITE');
    const ib = await b.request('INVITE');
    a.reply(ia, 486, { reason: 'Busy Here' });
    await a.request('ACK');
    b.reply(ib, 480, { reason: 'Temporarily Unavailable' });
    await b.request('ACK');
    const final = await alice.final('INVITE');
    expect(final.statusCode).toBe(486);
    await alice.nothing((m) => isResponse(m, 480));
  });

  it('a 6xx on one branch cancels the others and wins', async () => {
    const alice = await phone('1001');
    const a = await phone('1002');
    const b = await phone('1002');
    invite(alice);
    const ia = await a.request('INVITE');
    const ib = await b.request('INVITE');
    b.reply(ib, 180);
    a.reply(ia, 603, { reason: 'Decline' });
    const cancel = await b.request('CANCEL');
    expect(cancel.getHeader('reason')).toContain('cause=603');
    b.reply(cancel, 200);
    b.reply(ib, 487);
    expect((await alice.final('INVITE')).statusCode).toBe(603);
  });

  it('relays only the first final response of a forked MESSAGE', async () => {
    const alice = await phone('1001');
    const a = await phone('1002');
    const b = await phone('1002');
    alice.send(alice.outOfDialog('MESSAGE', 'sip:1002@openline.local', { body: 'hi both' }).text);
    const ma = await a.request('MESSAGE');
    const mb = await b.request('MESSAGE');
    a.reply(ma, 200);
    b.reply(mb, 200);
    expect((await alice.final('MESSAGE')).statusCode).toBe(200);
    await alice.nothing((m) => isResponse(m, 200));
  });

  it('cancels the callee when the caller disconnects while ringing', async () => {
    const { alice, bob, incoming } = await ringingCall();
    await alice.close();
    const cancel = await bob.request('CANCEL');
    bob.reply(cancel, 200);
    bob.reply(incoming, 487);
    await bob.request('ACK');
  });

  it('fails the branch with 480 when the callee disconnects while ringing', async () => {
    const { alice, bob } = await ringingCall();
    await bob.close();
    expect((await alice.final('INVITE')).statusCode).toBe(480);
  });

  it('answers 404 for unknown users and 480 for known users without a registration', async () => {
    const alice = await phone('1001');
    invite(alice, 'sip:9999@openline.local');
    expect((await alice.final('INVITE')).statusCode).toBe(404);
    invite(alice, 'sip:1003@openline.local');
    expect((await alice.final('INVITE')).statusCode).toBe(480);
    invite(alice, 'sip:1002@elsewhere.example');
    expect((await alice.final('INVITE')).statusCode).toBe(404);
  });

  it('calling your own number rings your other phones, never the one calling (it would answer 482)', async () => {
    const desk = await phone('1003');
    const mobile = await phone('1003');
    invite(desk, 'sip:1003@openline.local');
    const incoming = await mobile.request('INVITE');
    expect(incoming.ruri?.toString()).toBe(mobile.contact);
    mobile.reply(incoming, 486, { toTag: 'm' });
    expect((await desk.final('INVITE')).statusCode).toBe(486);
    await desk.nothing((m) => isRequest(m, 'INVITE'));
  });

  it('calling your own number with no other phone registered is a call to an offline user: 480', async () => {
    const only = await phone('1003');
    invite(only, 'sip:1003@openline.local');
    expect((await only.final('INVITE')).statusCode).toBe(480);
    await only.nothing((m) => isRequest(m, 'INVITE'));
  });

  it('a message to your own number reaches your other phones, never the one sending it', async () => {
    const desk = await phone('1003');
    const mobile = await phone('1003');
    desk.send(desk.outOfDialog('MESSAGE', 'sip:1003@openline.local', { body: 'note to self' }).text);
    const incoming = await mobile.request('MESSAGE');
    expect(incoming.body).toBe('note to self');
    mobile.reply(incoming, 200);
    expect((await desk.final('MESSAGE')).statusCode).toBe(200);
    await desk.nothing((m) => isRequest(m, 'MESSAGE'));
  });

  it('a message to your own number with no other phone signed in is delivered to the phone that sent it: 200', async () => {
    const only = await phone('1003');
    only.send(only.outOfDialog('MESSAGE', 'sip:1003@openline.local', { body: 'note to self' }).text);
    expect((await only.final('MESSAGE')).statusCode).toBe(200);
    await only.nothing((m) => isRequest(m, 'MESSAGE'));
  });

  it('answers 483 when Max-Forwards is 0', async () => {
    const alice = await phone('1001');
    await phone('1002');
    const inv = alice
      .outOfDialog('INVITE', 'sip:1002@openline.local')
      .text.replace('Max-Forwards: 70', 'Max-Forwards: 0');
    alice.send(inv);
    expect((await alice.final('INVITE')).statusCode).toBe(483);
  });

  it('adds Max-Forwards: 70 when it is missing', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    alice.send(
      alice
        .outOfDialog('MESSAGE', 'sip:1002@openline.local', { body: 'hi' })
        .text.replace('Max-Forwards: 70\r\n', ''),
    );
    const msg = await bob.request('MESSAGE');
    expect(msg.getHeader('max-forwards')).toBe('70');
    expect(msg.getHeaders('record-route')).toEqual([]);
    bob.reply(msg, 202);
    expect((await alice.final('MESSAGE')).statusCode).toBe(202);
  });
});
