import { describe, expect, it } from 'vitest';
import { ConferenceMix, type MixLeg } from './conference-mix';
import { FakeSender, FakeStream, FakeTrack } from './testing/fake-media';
import { StubContext, StubDestination, StubGain } from './testing/stub-audio-context';

function leg(callId: string) {
  const microphone = new FakeTrack('audio');
  const sender = new FakeSender(microphone);
  const remote = new FakeStream([new FakeTrack('audio')]);
  return {
    leg: {
      callId,
      sender,
      microphone: microphone as unknown as MediaStreamTrack,
      remote: remote as unknown as MediaStream,
    } as unknown as MixLeg,
    sender,
    microphone,
    remote,
  };
}

async function mixed() {
  const a = leg('a');
  const b = leg('b');
  const context = new StubContext(
    new Map([
      [a.leg.remote, 'a'],
      [b.leg.remote, 'b'],
    ]),
  );
  const streamOf = (tracks: MediaStreamTrack[]) => new FakeStream(tracks as never) as unknown as MediaStream;
  const mix = await ConferenceMix.start(context, [a.leg, b.leg], streamOf);
  return { a, b, context, mix };
}

describe('ConferenceMix', () => {
  it('each call gets the microphone and the other call; the user hears both calls', async () => {
    const { context } = await mixed();
    expect(context.feeding('to a')).toEqual(['from b', 'from microphone']);
    expect(context.feeding('to b')).toEqual(['from a', 'from microphone']);
    expect(context.feeding('heard')).toEqual(['from a', 'from b']);
    expect(context.state).toBe('running');
  });

  it('puts each call’s mix on its audio sender with replaceTrack, and gives the heard stream', async () => {
    const { a, b, context, mix } = await mixed();
    const toA = context.node('to a') as StubDestination;
    const toB = context.node('to b') as StubDestination;
    expect(a.sender.replaced).toEqual([toA.track]);
    expect(b.sender.replaced).toEqual([toB.track]);
    expect(mix.heard).toBe((context.node('heard') as StubDestination).stream);
    expect(mix.callIds).toEqual(['a', 'b']);
  });

  it('mute silences the microphone in both mixes at once (one gain), unmute restores it', async () => {
    const { context, mix } = await mixed();
    const gain = context.node('mic gain') as StubGain;
    mix.setMuted(true);
    expect(gain.gain.value).toBe(0);
    expect(mix.isMuted).toBe(true);
    mix.setMuted(false);
    expect(gain.gain.value).toBe(1);
  });

  it('stop gives each call its own microphone back and closes the context, once', async () => {
    const { a, b, context, mix } = await mixed();
    await mix.stop();
    await mix.stop();
    expect(a.sender.track).toBe(a.microphone);
    expect(b.sender.track).toBe(b.microphone);
    expect(a.sender.replaced).toHaveLength(2);
    expect(context.nodes.every((n) => n.disconnected)).toBe(true);
    expect(context.state).toBe('closed');
  });

  it('when a sender refuses the mix, both calls keep their own microphone', async () => {
    const a = leg('a');
    const b = leg('b');
    b.sender.replaceTrack = (track) => {
      if (track !== (b.microphone as unknown)) return Promise.reject(new Error('sender closed'));
      b.sender.track = track;
      return Promise.resolve();
    };
    const context = new StubContext(new Map());
    const streamOf = (tracks: MediaStreamTrack[]) =>
      new FakeStream(tracks as never) as unknown as MediaStream;
    await expect(ConferenceMix.start(context, [a.leg, b.leg], streamOf)).rejects.toThrowError(
      'sender closed',
    );
    expect(a.sender.track).toBe(a.microphone);
    expect(context.state).toBe('closed');
  });
});
