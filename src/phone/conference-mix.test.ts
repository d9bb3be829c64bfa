import { describe, expect, it } from 'vitest';
import {
  ConferenceMix,
  type AudioContextLike,
  type AudioNodeLike,
  type DestinationNodeLike,
  type GainNodeLike,
  type MixLeg,
} from './conference-mix';
import { FakeSender, FakeStream, FakeTrack } from './testing/fake-media';

/** A stub AudioContext that records the graph: node names and who is connected to whom. */
class StubNode implements AudioNodeLike {
  readonly outputs: StubNode[] = [];
  disconnected = false;
  constructor(readonly name: string) {}
  connect(destination: AudioNodeLike): unknown {
    this.outputs.push(destination as StubNode);
    return destination;
  }
  disconnect(): void {
    this.disconnected = true;
  }
}
class StubGain extends StubNode implements GainNodeLike {
  readonly gain = { value: 1 };
}
class StubDestination extends StubNode implements DestinationNodeLike {
  readonly track = new FakeTrack('audio');
  readonly stream = new FakeStream([this.track]) as unknown as MediaStream;
}

class StubContext implements AudioContextLike {
  readonly nodes: StubNode[] = [];
  state = 'suspended';
  private destinations = 0;
  constructor(private readonly names: Map<MediaStream, string>) {}
  createMediaStreamSource(stream: MediaStream): AudioNodeLike {
    return this.add(new StubNode(`from ${this.names.get(stream) ?? 'microphone'}`));
  }
  createMediaStreamDestination(): DestinationNodeLike {
    const name = ['to a', 'to b', 'heard'][this.destinations++]!;
    return this.add(new StubDestination(name));
  }
  createGain(): GainNodeLike {
    return this.add(new StubGain('mic gain'));
  }
  resume(): Promise<void> {
    this.state = 'running';
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.state = 'closed';
    return Promise.resolve();
  }
  private add<T extends StubNode>(node: T): T {
    this.nodes.push(node);
    return node;
  }
  node(name: string): StubNode {
    return this.nodes.find((n) => n.name === name)!;
  }
  /** Every source that reaches `name`, by name (through the gain). */
  feeding(name: string): string[] {
    const target = this.node(name);
    const reaches = (node: StubNode): boolean =>
      node.outputs.includes(target) || node.outputs.some((next) => reaches(next));
    return this.nodes
      .filter((n) => n.name.startsWith('from') && reaches(n))
      .map((n) => n.name)
      .sort();
  }
}

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
