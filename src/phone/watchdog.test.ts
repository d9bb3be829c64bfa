import { describe, expect, it, vi } from 'vitest';
import { activeOutgoing, setup, timed, withFakeTime } from './testing/engine-harness';
import type { FakeInviter, FakePeerConnection } from './testing/fakes';
import { CallState } from './types';
import { ICE_FAILED_MESSAGE, noRtpMessage } from './watchdog';

withFakeTime();

function peer(inviter: FakeInviter): FakePeerConnection {
  return inviter.sessionDescriptionHandler!.peerConnection!;
}

/** Advances fake time second by second; `each` runs before every step (e.g. RTP arriving). */
async function seconds(count: number, each: () => void = () => {}): Promise<void> {
  for (let i = 0; i < count; i++) {
    each();
    await vi.advanceTimersByTimeAsync(1000);
  }
}

describe('media watchdog', () => {
  it('no inbound RTP for 15 s ends the call as connection-lost, with a sentence, and sends BYE', async () => {
    const { world, engine, last } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    await seconds(14);
    expect(last(id).state).toBe(CallState.Active);
    await seconds(3);
    expect(last(id)).toMatchObject({
      state: CallState.Ended,
      endReason: 'connection-lost',
      endMessage: 'Connection lost: no audio from the other side for 15 s',
    });
    expect(inviter.byeCount).toBe(1);
    expect(engine.getCalls()).toEqual([]);
  });

  it('RTP that keeps arriving keeps the call up; the stall is measured from the last packet', async () => {
    const { world, engine, last } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    const pc = peer(inviter);
    await seconds(60, () => (pc.packetsReceived += 50));
    expect(last(id).state).toBe(CallState.Active);
    await seconds(14);
    expect(last(id).state).toBe(CallState.Active);
    await seconds(3);
    expect(last(id).endReason).toBe('connection-lost');
  });

  it('mediaTimeoutMs configures the limit; 0 switches the RTP check off', async () => {
    const short = await setup({ mediaTimeoutMs: 5000 });
    const a = await activeOutgoing(short.world, short.engine);
    await seconds(7);
    expect(short.last(a.id)).toMatchObject({ endReason: 'connection-lost', endMessage: noRtpMessage(5000) });

    const off = await setup({ mediaTimeoutMs: 0 });
    const b = await activeOutgoing(off.world, off.engine);
    await seconds(120);
    expect(off.last(b.id).state).toBe(CallState.Active);
  });

  it('a call we hold expects no RTP and is never ended for silence', async () => {
    const { world, engine, last } = await setup();
    const { id } = await activeOutgoing(world, engine);
    await timed(engine.hold(id));
    await seconds(120);
    expect(last(id)).toMatchObject({ state: CallState.Active, held: true });
    // Resumed: RTP is expected again.
    await timed(engine.resume(id));
    await seconds(17);
    expect(last(id).endReason).toBe('connection-lost');
  });

  it('a call the other side holds (we only receive or nothing is negotiated) is left alone', async () => {
    const { world, engine, last } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    peer(inviter).negotiate('recvonly');
    await seconds(60);
    peer(inviter).negotiate('inactive');
    await seconds(60);
    expect(last(id).state).toBe(CallState.Active);
  });

  it('ICE failed ends the call at the next check', async () => {
    const { world, engine, last } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    const pc = peer(inviter);
    await seconds(3, () => (pc.packetsReceived += 50));
    pc.iceConnectionState = 'failed';
    await seconds(2);
    expect(last(id)).toMatchObject({ endReason: 'connection-lost', endMessage: ICE_FAILED_MESSAGE });
    expect(inviter.byeCount).toBe(1);
  });

  it('ICE disconnected for 3 s asks for one ICE restart (re-INVITE with iceRestart)', async () => {
    const { world, engine, last } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    const pc = peer(inviter);
    pc.iceConnectionState = 'disconnected';
    await seconds(2, () => (pc.packetsReceived += 50));
    expect(inviter.reinvites).toHaveLength(0);
    await seconds(6, () => (pc.packetsReceived += 50));
    expect(inviter.reinvites).toHaveLength(1);
    expect(inviter.reinvites[0]!.sessionDescriptionHandlerOptions).toMatchObject({
      hold: false,
      offerOptions: { iceRestart: true },
    });
    // A new episode of "disconnected" may restart again.
    pc.iceConnectionState = 'connected';
    await seconds(2, () => (pc.packetsReceived += 50));
    pc.iceConnectionState = 'disconnected';
    await seconds(5, () => (pc.packetsReceived += 50));
    expect(inviter.reinvites).toHaveLength(2);
    expect(last(id).state).toBe(CallState.Active);
  });

  it('stops with the call: no stats are read after it ends', async () => {
    const { world, engine } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    await seconds(3);
    await engine.hangup(id);
    const reads = peer(inviter).getStatsCalls;
    await seconds(30);
    expect(peer(inviter).getStatsCalls).toBe(reads);
  });
});
