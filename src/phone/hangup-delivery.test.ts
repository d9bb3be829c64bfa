import { describe, expect, it, vi } from 'vitest';
import { BYE_RETRY_LIMIT_MS, UNDELIVERED_HANGUP_MESSAGE } from './bye-queue';
import { activeOutgoing, ring, setup, timed, withFakeTime } from './testing/engine-harness';
import { CallState, RegistrationState } from './types';

withFakeTime();

describe('hang-up while the SIP connection is down', () => {
  it('ends the call at once and sends the BYE after re-registering', async () => {
    const { world, engine, last, warnings } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    world.serverUp = false;
    world.ua.drop();
    expect(engine.registrationState).toBe(RegistrationState.Reconnecting);
    await engine.hangup(id);
    expect(last(id)).toMatchObject({ state: CallState.Ended, endReason: 'local-hangup' });
    expect(inviter.byeCount).toBe(0);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(inviter.byeCount).toBe(0);
    world.serverUp = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
    expect(inviter.byeCount).toBe(1);
    expect(warnings).toEqual([]);
  });

  it('gives up after the limit and tells the UI; a later reconnect sends nothing', async () => {
    const { world, engine, warnings } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    world.serverUp = false;
    world.ua.drop();
    await engine.hangup(id);
    await vi.advanceTimersByTimeAsync(BYE_RETRY_LIMIT_MS + 1000);
    expect(warnings).toEqual([
      { kind: 'hangup-undelivered', callId: id, message: UNDELIVERED_HANGUP_MESSAGE },
    ]);
    world.serverUp = true;
    await vi.advanceTimersByTimeAsync(5000);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
    expect(inviter.byeCount).toBe(0);
  });

  it('stop() abandons queued BYEs with a warning', async () => {
    const { world, engine, warnings } = await setup();
    const { id } = await activeOutgoing(world, engine);
    world.serverUp = false;
    world.ua.drop();
    await engine.hangup(id);
    await engine.stop();
    expect(warnings.map((w) => w.callId)).toEqual([id]);
  });

  it('a connected hang-up is sent at once, not queued', async () => {
    const { world, engine } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    await engine.hangup(id);
    expect(inviter.byeCount).toBe(1);
  });
});

describe('leaving the page (pagehide)', () => {
  it('hangs up every call: BYE when answered, CANCEL when dialing, 486 when ringing here', async () => {
    const { world, engine, last } = await setup();
    const active = await activeOutgoing(world, engine);
    // Placing the second call holds the first (re-INVITE); it stays answered.
    const dialingId = await timed(engine.call('1003', { video: false }));
    const dialing = world.inviter;
    const ringing = ring(world, engine, '1004');
    world.window.dispatch('pagehide');
    await vi.advanceTimersByTimeAsync(0);
    expect(active.inviter.byeCount).toBe(1);
    expect(dialing.cancelled).toBe(true);
    expect(ringing.invitation.rejected).toEqual([{ statusCode: 486 }]);
    expect([last(active.id).state, last(dialingId).state, last(ringing.id).state]).toEqual([
      CallState.Ended,
      CallState.Ended,
      CallState.Ended,
    ]);
  });

  it('is no longer listened to after stop()', async () => {
    const { world, engine } = await setup();
    expect(world.window.count('pagehide')).toBe(1);
    await engine.stop();
    expect(world.window.count('pagehide')).toBe(0);
    expect(world.connection.count('change')).toBe(0);
  });
});
