/**
 * Push-then-INVITE over the wire: raw SIP over WebSocket to a real server, whose Web Push requests go
 * to a local push service that decrypts them (RFC 8291) and checks the VAPID signature.
 */
import { describe, expect, it } from 'vitest';
import { invite, onInviteBranch } from '../sip/testing/server';
import { answered, dial, hangUp } from '../voicemail/testing/deposit-call';
import { usePushHarness } from './testing/harness';

/** Long enough for a loaded machine to register in time; the timeout test has its own short hold. */
const HOLD_MS = 20_000;
const SHORT_HOLD_MS = 1000;
const ctx = usePushHarness(HOLD_MS);
const short = usePushHarness(SHORT_HOLD_MS);

/** 1001 (registered) calls 1002, who is not registered but has a push subscription. */
async function heldCall({ h } = ctx) {
  const device = await h.subscribe('1002');
  const alice = await h.sip.phone('1001');
  const inv = invite(alice);
  return { h, device, alice, inv };
}

// Generous per-test limit: the machine may be loaded; no assertion here depends on elapsed time.
describe('push-then-INVITE (embedded proxy)', { timeout: 20_000 }, () => {
  it('pushes caller and call id (encrypted, TTL, urgency high), rings the caller, delivers the INVITE once 1002 registers', async () => {
    const { h, device, alice, inv } = await heldCall();
    const ringing = await alice.response(180, 'INVITE');
    // sip.js drops a 180 without Contact: the caller would never show "Ringing…".
    expect(ringing.getHeader('contact')).toBe('<sip:openline.local;transport=ws>');
    const push = await h.message(device.clientHash, 1);
    expect(push).toMatchObject({
      type: 'call',
      callId: inv.callId,
      caller: { name: '1001', number: '1001' },
    });
    expect(push.declineToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const request = h.push.requests.find((r) => r.clientHash === device.clientHash)!;
    expect(request.headers['urgency']).toBe('high');
    expect(Number(request.headers['ttl'])).toBe(HOLD_MS / 1000);
    expect(request.headers['authorization']).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    // The stand-in moves Content-Encoding aside before decrypting (aes128gcm is RFC 8291's).
    expect(request.headers['x-content-encoding']).toBe('aes128gcm');

    // The woken app registers: the held INVITE reaches it, record-routed like any call.
    const bob = await h.sip.phone('1002');
    const incoming = await bob.request('INVITE');
    expect(incoming.callId).toBe(inv.callId);
    expect(incoming.getHeaders('record-route')).toHaveLength(1);
    bob.reply(incoming, 200, { toTag: 'bobtag', body: 'v=0\r\n' });
    const ok = await alice.final('INVITE');
    expect(ok.statusCode).toBe(200);
    expect(ok.toTag).toBe('bobtag');
    expect(ringing.toTag).not.toBe('bobtag');
    // Every device stops ringing: a "delivered" push with the same call id.
    expect(await h.message(device.clientHash, 2)).toMatchObject({
      type: 'call-ended',
      callId: inv.callId,
      reason: 'delivered',
    });
  });

  // werift answers on both ends: slower than the raw-SIP tests here on a loaded machine.
  it(
    'sends a WebRTC call nobody woke for to voicemail (the fallback): 200 from the voicemail endpoint',
    { timeout: 45_000 },
    async () => {
      const { h } = short;
      const device = await h.subscribe('1002');
      const alice = await h.sip.phone('1001');
      const call = await dial(alice, '1002');
      await alice.response(180, 'INVITE');
      await answered(alice, call, '1002');
      expect(await h.message(device.clientHash, 2)).toMatchObject({ type: 'call-ended', reason: 'timeout' });
      await hangUp(alice, call);
    },
  );

  it('answers 480 when nothing registers within the hold time, and closes the notification', async () => {
    const { h, device, alice, inv } = await heldCall(short);
    await alice.response(180, 'INVITE');
    const final = await alice.final('INVITE', SHORT_HOLD_MS + 5000);
    expect(final.statusCode).toBe(480);
    expect(await h.message(device.clientHash, 2)).toMatchObject({
      type: 'call-ended',
      callId: inv.callId,
      reason: 'timeout',
    });
    // Registering afterwards brings no stale INVITE.
    const bob = await h.sip.phone('1002');
    await bob.nothing((m) => 'method' in m && m.method === 'INVITE');
  });

  it('CANCEL withdraws the held call: 200 to the CANCEL, 487 to the INVITE, a "cancelled" push', async () => {
    const { h, device, alice, inv } = await heldCall();
    await alice.response(180, 'INVITE');
    await h.message(device.clientHash, 1);
    alice.send(onInviteBranch(alice, inv, 'CANCEL'));
    expect((await alice.final('CANCEL')).statusCode).toBe(200);
    expect((await alice.final('INVITE')).statusCode).toBe(487);
    expect(await h.message(device.clientHash, 2)).toMatchObject({
      type: 'call-ended',
      callId: inv.callId,
      reason: 'cancelled',
    });
    const bob = await h.sip.phone('1002');
    await bob.nothing((m) => 'method' in m && m.method === 'INVITE');
  });

  it('Decline with the push token gives the caller 486; the token works once and only for its call', async () => {
    const { h, device, alice, inv } = await heldCall();
    await alice.response(180, 'INVITE');
    const push = await h.message(device.clientHash, 1);
    const token = String(push.declineToken);

    const wrongCall = await h.api('/api/push/decline', { body: { callId: 'other-call', token } });
    expect(wrongCall.status).toBe(410);
    const forged = await h.api('/api/push/decline', { body: { callId: inv.callId, token: 'A'.repeat(43) } });
    expect(forged.status).toBe(410);
    const malformed = await h.api('/api/push/decline', { body: { callId: inv.callId, token: 'short' } });
    expect(malformed.status).toBe(400);

    const declined = await h.api('/api/push/decline', { body: { callId: inv.callId, token } });
    expect(declined.status).toBe(204);
    expect((await alice.final('INVITE')).statusCode).toBe(486);
    const replay = await h.api('/api/push/decline', { body: { callId: inv.callId, token } });
    expect(replay.status).toBe(410);
    expect(await h.message(device.clientHash, 2)).toMatchObject({ type: 'call-ended', reason: 'declined' });
  });

  it('drops subscriptions the push service rejects (410 Gone, 404 Not Found) and does not hold for them', async () => {
    const { h } = ctx;
    const gone = await h.subscribe('1002');
    const forgotten = await h.subscribe('1002');
    await h.push.expire(gone.clientHash);
    h.push.notFound.add(forgotten.clientHash);
    const cookie = await h.signIn('1002');
    const list = async () =>
      ((await (await h.api('/api/push/subscriptions', { cookie })).json()) as { subscriptions: unknown[] })
        .subscriptions;
    expect(await list()).toHaveLength(2);

    const alice = await h.sip.phone('1001');
    invite(alice);
    await alice.response(180, 'INVITE');
    // Nobody could be woken: the caller is not left waiting for the hold time.
    expect((await alice.final('INVITE', 5000)).statusCode).toBe(480);
    expect(await list()).toHaveLength(0);
    // With no subscription left there is no hold at all: 480 straight away, no 180.
    invite(alice);
    expect((await alice.final('INVITE')).statusCode).toBe(480);
    await alice.nothing((m) => 'statusCode' in m && m.statusCode === 180);
  });

  it('a caller that hangs up (socket closed) withdraws its held call', async () => {
    const { h, device, alice, inv } = await heldCall();
    await alice.response(180, 'INVITE');
    await alice.close();
    expect(await h.message(device.clientHash, 2)).toMatchObject({
      type: 'call-ended',
      callId: inv.callId,
      reason: 'cancelled',
    });
  });
});
