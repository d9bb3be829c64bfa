/** Answer from a push notification: only the held INVITE with the expected Call-ID is answered. */
import { describe, expect, it } from 'vitest';
import { setup } from './testing/engine-harness';
import { FakeInvitation, flush, message, SDP_AUDIO } from './testing/fakes';
import { CallState } from './types';

/** An INVITE carrying a SIP Call-ID, as the held INVITE from the server does. */
class HeldInvitation extends FakeInvitation {
  constructor(
    readonly sipCallId: string,
    user = '1001',
  ) {
    super({ user, host: 'openline.local' }, SDP_AUDIO);
  }
  override get request() {
    return {
      ...message({ 'Content-Type': 'application/sdp', 'Call-ID': this.sipCallId }, SDP_AUDIO),
      callId: this.sipCallId,
    };
  }
}

describe('answer from a push notification', () => {
  it('answers the INVITE with the expected Call-ID on arrival, once', async () => {
    const { world, engine, incoming } = await setup();
    engine.expectAnswer('held-call-1', Date.now() + 60_000);
    const held = new HeldInvitation('held-call-1');
    world.ua.receive(held);
    await flush();
    await new Promise((resolve) => setTimeout(resolve, 0)); // announced one task later (incoming.ts)
    expect(held.accepted).toHaveLength(1);
    expect(engine.getCalls().find((c) => c.id === incoming[0]!.id)?.state).toBe(CallState.Active);
    await engine.hangup(incoming[0]!.id);

    // The same Call-ID again (a second INVITE) is not answered by itself: the expectation is spent.
    const again = new HeldInvitation('held-call-1');
    world.ua.receive(again);
    await flush();
    expect(again.accepted).toEqual([]);
  });

  it('lets every other INVITE ring, and gives up after the deadline', async () => {
    const { world, engine } = await setup();
    engine.expectAnswer('held-call-2', Date.now() + 60_000);
    const other = new HeldInvitation('someone-else', '1003');
    world.ua.receive(other);
    await flush();
    expect(other.accepted).toEqual([]);
    expect(other.progressed).toEqual([180]);
    await engine.decline(engine.getCalls()[0]!.id);

    engine.expectAnswer('held-call-3', Date.now() - 1);
    const late = new HeldInvitation('held-call-3');
    world.ua.receive(late);
    await flush();
    expect(late.accepted).toEqual([]);
  });
});
