import { describe, expect, it, vi } from 'vitest';
import { activeOutgoing, setup, timed, withFakeTime } from './testing/engine-harness';
import { RegistrationState } from './types';

withFakeTime();

const RESTART = { offerOptions: { iceRestart: true } };

describe('ICE restart when the network path changes', () => {
  it('the browser `online` event restarts ICE on the active call at once', async () => {
    const { world, engine } = await setup();
    const { inviter } = await activeOutgoing(world, engine);
    world.window.dispatch('online');
    await vi.advanceTimersByTimeAsync(1000);
    expect(inviter.reinvites).toHaveLength(1);
    expect(inviter.reinvites[0]!.sessionDescriptionHandlerOptions).toMatchObject({ hold: false, ...RESTART });
  });

  it('a navigator.connection change does too, keeping a held call held', async () => {
    const { world, engine } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    await timed(engine.hold(id));
    world.connection.dispatch('change');
    await vi.advanceTimersByTimeAsync(1000);
    expect(inviter.reinvites).toHaveLength(2);
    expect(inviter.reinvites[1]!.sessionDescriptionHandlerOptions).toMatchObject({ hold: true, ...RESTART });
  });

  it('changes in quick succession coalesce into one restart', async () => {
    const { world, engine } = await setup();
    const { inviter } = await activeOutgoing(world, engine);
    world.connection.dispatch('change');
    world.connection.dispatch('change');
    world.window.dispatch('online');
    await vi.advanceTimersByTimeAsync(1000);
    expect(inviter.reinvites).toHaveLength(1);
  });

  it('with the SIP connection down, the restart waits for re-registration', async () => {
    const { world, engine } = await setup();
    const { inviter } = await activeOutgoing(world, engine);
    world.serverUp = false;
    world.ua.drop();
    world.connection.dispatch('change');
    await vi.advanceTimersByTimeAsync(5000);
    expect(inviter.reinvites).toHaveLength(0);
    world.serverUp = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
    expect(inviter.reinvites).toHaveLength(1);
    expect(inviter.reinvites[0]!.sessionDescriptionHandlerOptions).toMatchObject(RESTART);
  });

  it('a network change with no call up sends nothing', async () => {
    const { world } = await setup();
    world.window.dispatch('online');
    world.connection.dispatch('change');
    await vi.advanceTimersByTimeAsync(1000);
    expect(world.inviters).toHaveLength(0);
  });
});
