import { describe, expect, it } from 'vitest';
import { activeOutgoing, ring, setup, withFakeTime } from './testing/engine-harness';
import { flush } from './testing/fakes';
import { CallState } from './types';

withFakeTime();

// The call log keys entries by the SIP Call-ID, so both ends of a call can be matched up.
describe('SIP Call-ID in the call snapshot', () => {
  it('an outgoing call carries the Call-ID of the INVITE we sent, on every snapshot up to its end', async () => {
    const { world, engine, snapshots } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    await engine.hangup(id);
    const ofCall = snapshots.filter((s) => s.id === id);
    expect(ofCall.at(-1)?.state).toBe(CallState.Ended);
    expect(new Set(ofCall.map((s) => s.sipCallId))).toEqual(new Set([inviter.request.callId]));
  });

  it('an incoming call carries the Call-ID of the INVITE that rang us', async () => {
    const { world, engine, last } = await setup();
    const { invitation, id } = ring(world, engine);
    invitation.remoteCancel();
    await flush();
    expect(last(id)).toMatchObject({ state: CallState.Ended, sipCallId: invitation.callId });
  });
});
