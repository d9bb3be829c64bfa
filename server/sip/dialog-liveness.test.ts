/**
 * Calls end when a party vanishes (issue 16.1, proxy part): after a dialog's WebSocket closes and its
 * party does not come back on a new flow within the grace period, the proxy sends BYE to the other
 * party and forgets the dialog. Raw SIP clients against a real server with a short grace period.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isRequest, waitUntil } from './testing';
import { establishCall } from './testing/calls';
import { startSipTestServer, type SipTestServer } from './testing/server';

let harness: SipTestServer;

beforeAll(async () => {
  harness = await startSipTestServer({ env: { SIP_DIALOG_GRACE_MS: '200' } });
});
afterAll(() => harness.stop());
afterEach(async () => {
  await harness.closePhones();
  await waitUntil(
    () => harness.server.sipStats().connections === 0 && harness.server.sipStats().dialogs === 0,
  );
});

describe('dialogs whose party vanished', () => {
  it('sends BYE with a Reason to the caller when the callee socket closes for good', async () => {
    const alice = await harness.phone('1001');
    const bob = await harness.phone('1002');
    const call = await establishCall(alice, bob);
    expect(harness.server.sipStats().dialogs).toBe(1);
    await bob.close();
    const bye = await alice.request('BYE', 5000);
    expect(bye.callId).toBe(call.callId);
    expect(bye.fromTag).toBe(call.caller.remoteTag);
    expect(bye.toTag).toBe(call.caller.localTag);
    expect(bye.getHeader('reason')).toMatch(/^SIP;cause=480;text="Peer connection lost"$/);
    alice.reply(bye, 200);
    await waitUntil(() => harness.server.sipStats().dialogs === 0);
  });

  it('sends BYE to the callee, with a CSeq above the caller’s, when the caller vanishes', async () => {
    const alice = await harness.phone('1001');
    const bob = await harness.phone('1002');
    const call = await establishCall(alice, bob);
    alice.inDialog('INFO', call.caller, { cseq: 40 });
    bob.reply(await bob.request('INFO'), 200);
    await alice.final('INFO');
    await alice.close();
    const bye = await bob.request('BYE', 5000);
    expect(bye.callId).toBe(call.callId);
    expect(bye.cseq).toBe(41);
  });

  it('keeps the dialog when the party re-registers its contact on a new socket in time', async () => {
    const alice = await harness.phone('1001');
    const bob = await harness.phone('1002');
    const call = await establishCall(alice, bob);
    const { contactUser, contactHost } = bob;
    await bob.close();
    const bob2 = await harness.phone('1002', { register: false });
    bob2.contactUser = contactUser;
    bob2.contactHost = contactHost;
    expect((await bob2.register()).statusCode).toBe(200);
    // Well past the grace period: no BYE, and the call still works both ways.
    await alice.nothing((m) => isRequest(m, 'BYE'), 600);
    expect(harness.server.sipStats().dialogs).toBe(1);
    alice.inDialog('BYE', call.caller);
    const bye = await bob2.request('BYE');
    bob2.reply(bye, 200);
    expect((await alice.final('BYE')).statusCode).toBe(200);
    await waitUntil(() => harness.server.sipStats().dialogs === 0);
  });

  it('forgets a dialog ended by BYE, so a later socket loss sends nothing', async () => {
    const alice = await harness.phone('1001');
    const bob = await harness.phone('1002');
    const call = await establishCall(alice, bob);
    bob.inDialog('BYE', call.callee);
    alice.reply(await alice.request('BYE'), 200);
    await bob.final('BYE');
    expect(harness.server.sipStats().dialogs).toBe(0);
    await bob.close();
    await alice.nothing((m) => isRequest(m, 'BYE'), 600);
  });
});
