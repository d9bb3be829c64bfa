import { describe, expect, it, vi } from 'vitest';
import { ring, setup, withFakeTime } from './testing/engine-harness';
import { CallState } from './types';

withFakeTime();

describe('180 Ringing only from a page that can alert', () => {
  it('a visible page answers 180 and shows the call', async () => {
    const { world, engine, incoming } = await setup();
    const { invitation, id } = ring(world, engine);
    expect(invitation.progressed).toEqual([180]);
    expect(incoming.map((c) => c.id)).toEqual([id]);
    // sip.js is told not to send its own automatic 180.
    expect(world.ua.options.sendInitialProvisionalResponse).toBe(false);
  });

  it('a hidden page without notification permission answers 480 and shows nothing', async () => {
    const { world, engine, incoming } = await setup({}, (w) => {
      w.page.visibilityState = 'hidden';
      w.notificationPermission = 'default';
    });
    const { invitation } = ring(world, engine);
    expect(invitation.progressed).toEqual([]);
    expect(invitation.rejected).toEqual([{ statusCode: 480 }]);
    expect(incoming).toEqual([]);
    expect(engine.getCalls()).toEqual([]);
  });

  it('a hidden page that may show a notification rings', async () => {
    const { world, engine } = await setup({}, (w) => {
      w.page.visibilityState = 'hidden';
      w.notificationPermission = 'granted';
    });
    const { invitation, id } = ring(world, engine);
    expect(invitation.progressed).toEqual([180]);
    expect(engine.getCalls().find((c) => c.id === id)?.state).toBe(CallState.Incoming);
  });

  it('a frozen page never rings, even with permission, until it is resumed', async () => {
    const { world, engine } = await setup({}, (w) => {
      w.notificationPermission = 'granted';
    });
    world.page.dispatch('freeze');
    const frozen = ring(world, engine, '1003');
    expect(frozen.invitation.rejected).toEqual([{ statusCode: 480 }]);
    expect(frozen.invitation.progressed).toEqual([]);
    world.page.dispatch('resume');
    const resumed = ring(world, engine, '1004');
    expect(resumed.invitation.progressed).toEqual([180]);
  });

  it('auto-answer needs no alert: it answers without a 180 even when hidden', async () => {
    const { world, engine } = await setup({ autoAnswer: true }, (w) => {
      w.page.visibilityState = 'hidden';
    });
    const { invitation } = ring(world, engine);
    await vi.advanceTimersByTimeAsync(0);
    expect(invitation.progressed).toEqual([]);
    expect(invitation.rejected).toEqual([]);
    expect(invitation.accepted).toHaveLength(1);
  });
});
