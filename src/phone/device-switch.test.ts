import { describe, expect, it } from 'vitest';
import { activeOutgoing, setup, timed, withFakeTime } from './testing/engine-harness';
import type { FakeSdh } from './testing/fakes';

withFakeTime();

describe('switching devices mid-call', () => {
  it('puts a fresh microphone track on the sender (replaceTrack) and stops the old one', async () => {
    const { world, engine } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    const sdh = inviter.sessionDescriptionHandler as FakeSdh;
    const sender = sdh.peerConnection!.senders[0]!;
    const old = sender.track!;
    engine.setMuted(id, true);

    await engine.useInputDevice('audio', 'mic-headset');
    expect(world.gumCalls.at(-1)).toEqual({ audio: { deviceId: { exact: 'mic-headset' } } });
    const fresh = sender.track!;
    expect(fresh).not.toBe(old);
    expect(old.stopped).toBe(true);
    expect(sdh.localMediaStream.getAudioTracks()).toEqual([fresh]);
    // Still muted: the new track follows the call's state.
    expect(fresh.enabled).toBe(false);

    // Back to the default device (unplugged): no device id at all.
    await engine.useInputDevice('audio', undefined);
    expect(world.gumCalls.at(-1)).toEqual({ audio: true });
  });

  it('on hold keeps the sender empty and resumes with the new track', async () => {
    const { world, engine } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    const sdh = inviter.sessionDescriptionHandler as FakeSdh;
    const sender = sdh.peerConnection!.senders[0]!;
    await timed(engine.hold(id));
    await engine.useInputDevice('audio', 'mic-headset');
    expect(sender.track).toBeNull();
    await timed(engine.resume(id));
    expect(sender.track).toBe(sdh.localMediaStream.getAudioTracks()[0]);
    expect(sender.track?.stopped).toBe(false);
  });

  it('a camera that is off only remembers the choice; getStats reads the call connection', async () => {
    const { world, engine } = await setup();
    const { id } = await activeOutgoing(world, engine, '1002', true);
    await engine.setCameraOff(id, true);
    const before = world.gumCalls.length;
    await engine.useInputDevice('video', 'cam-2');
    expect(world.gumCalls).toHaveLength(before);
    await engine.setCameraOff(id, false);
    expect(world.gumCalls.at(-1)).toEqual({ audio: false, video: { deviceId: { exact: 'cam-2' } } });

    const stats = await engine.getStats(id);
    expect(stats).not.toBeNull();
    await expect(engine.getStats('nope')).resolves.toBeNull();
  });
});
