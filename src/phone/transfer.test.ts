/**
 * The transferor's state machine (types.ts `TransferStatus`) with fake sip.js sessions and fake time:
 * hold while transferring, resume on every kind of failure (unless the call was already on hold),
 * bad NOTIFY bodies refused with 400, and the Refer-To of an attended transfer.
 */
import { describe, expect, it } from 'vitest';
import { activeOutgoing, setup, timed, withFakeTime } from './testing/engine-harness';
import { TRANSFER_TIMEOUT_MS } from './transfer';
import { flush } from './testing/fakes';
import { CallState, type TransferStatus } from './types';
import { vi } from 'vitest';

withFakeTime();

async function transferring() {
  const harness = await setup();
  const statuses: TransferStatus[] = [];
  harness.engine.on('transfer', (status) => statuses.push(status));
  const { id, inviter } = await activeOutgoing(harness.world, harness.engine);
  return { ...harness, statuses, id, inviter };
}

describe('transfer (transferor)', () => {
  it('holds the call, REFERs, reports progress, and hangs up on a 2xx NOTIFY', async () => {
    const { engine, statuses, id, inviter, last } = await transferring();
    await timed(engine.transfer(id, '1003'));
    expect(last(id).held).toBe(true);
    expect(inviter.refers[0]?.referTo).toBe('sip:1003@openline.local');
    expect(await inviter.notifyRefer('SIP/2.0 180 Ringing')).toBe(200);
    expect(statuses.at(-1)).toMatchObject({ phase: 'transferring', progress: '180 Ringing' });
    expect(await inviter.notifyRefer('SIP/2.0 200 OK')).toBe(200);
    expect(statuses.at(-1)).toMatchObject({ phase: 'transferred', progress: '200 OK', message: null });
    expect(last(id)).toMatchObject({ state: CallState.Ended, endReason: 'local-hangup' });
    expect(inviter.byeCount).toBe(1);
  });

  it('a failure NOTIFY resumes the call and says why', async () => {
    const { engine, statuses, id, inviter, last } = await transferring();
    await timed(engine.transfer(id, '1003'));
    await inviter.notifyRefer('SIP/2.0 486 Busy Here');
    await vi.advanceTimersByTimeAsync(3000);
    expect(statuses.at(-1)).toMatchObject({ phase: 'failed', message: 'Transfer failed: busy' });
    expect(last(id)).toMatchObject({ state: CallState.Active, held: false });
    expect(inviter.reinvites.map((r) => r.sessionDescriptionHandlerOptions?.hold)).toEqual([true, false]);
  });

  it('a refused REFER resumes the call', async () => {
    const { engine, statuses, id, inviter, last } = await transferring();
    inviter.referAnswer = 403;
    await timed(engine.transfer(id, '1003'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(statuses.at(-1)).toMatchObject({
      phase: 'failed',
      message: 'Transfer refused by the other side (403)',
    });
    expect(last(id).held).toBe(false);
  });

  it('no final NOTIFY within the timeout: failed, resumed; later NOTIFYs change nothing', async () => {
    const { engine, statuses, id, inviter, last } = await transferring();
    await timed(engine.transfer(id, '1003'));
    await vi.advanceTimersByTimeAsync(TRANSFER_TIMEOUT_MS);
    await vi.advanceTimersByTimeAsync(3000);
    expect(statuses.at(-1)).toMatchObject({ phase: 'failed', message: expect.stringContaining('in time') });
    expect(last(id).held).toBe(false);
    const count = statuses.length;
    await inviter.notifyRefer('SIP/2.0 200 OK');
    expect(statuses).toHaveLength(count);
    expect(last(id).state).toBe(CallState.Active);
  });

  it('a call the user had already held stays held when the transfer fails', async () => {
    const { engine, statuses, id, inviter, last } = await transferring();
    await timed(engine.hold(id));
    await timed(engine.transfer(id, '1003'));
    await inviter.notifyRefer('SIP/2.0 480 Temporarily Unavailable');
    await vi.advanceTimersByTimeAsync(3000);
    expect(statuses.at(-1)?.phase).toBe('failed');
    expect(last(id).held).toBe(true);
    expect(inviter.reinvites).toHaveLength(1);
  });

  it('a NOTIFY without a sipfrag status line is refused with 400 and the transfer goes on', async () => {
    const { engine, statuses, id, inviter } = await transferring();
    await timed(engine.transfer(id, '1003'));
    expect(await inviter.notifyRefer('hello')).toBe(400);
    expect(await inviter.notifyRefer('')).toBe(400);
    expect(statuses.at(-1)).toMatchObject({ phase: 'transferring', progress: null });
  });

  it('refuses what cannot be transferred, before sending anything', async () => {
    const { engine, id, inviter, world } = await transferring();
    await expect(engine.transfer(id, 'not a number!')).rejects.toThrow();
    await timed(engine.transfer(id, '1003'));
    await expect(engine.transfer(id, '1004')).rejects.toThrow('already being transferred');
    const ringingId = await engine.call('1005', { video: false });
    await expect(engine.transfer(ringingId, '1003')).rejects.toThrow('Only a connected call');
    expect(inviter.refers).toHaveLength(1);
    expect(world.inviter.refers).toHaveLength(0);
  });

  it('attended: REFER to the consulted party with Replaces naming the consultation dialog', async () => {
    const { world, engine, statuses, id, inviter } = await transferring();
    // The consultation call (placing it holds the customer, re-INVITEs spaced in fake time).
    const consult = { id: await timed(engine.call('1003', { video: false })), inviter: world.inviter };
    consult.inviter.answer();
    await flush();
    await expect(engine.completeTransfer(id, id)).rejects.toThrow('another call');
    await timed(engine.completeTransfer(id, consult.id));
    const { callId, localTag, remoteTag } = consult.inviter.dialog;
    const replaces = encodeURIComponent(`${callId};to-tag=${remoteTag};from-tag=${localTag}`);
    expect(inviter.refers[0]?.referTo).toBe(`<sip:1003@openline.local?Replaces=${replaces}>`);
    expect(statuses.at(-1)).toMatchObject({ kind: 'attended', consultCallId: consult.id });
  });
});
