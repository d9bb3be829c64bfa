import type { AudioContextLike, AudioNodeLike, DestinationNodeLike, GainNodeLike } from '../conference-mix';
import { FakeStream, FakeTrack } from './fake-media';

/** A stub AudioContext that records the graph: node names and who is connected to whom. */
export class StubNode implements AudioNodeLike {
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
export class StubGain extends StubNode implements GainNodeLike {
  readonly gain = { value: 1 };
}
export class StubDestination extends StubNode implements DestinationNodeLike {
  readonly track = new FakeTrack('audio');
  readonly stream = new FakeStream([this.track]) as unknown as MediaStream;
}

export class StubContext implements AudioContextLike {
  readonly nodes: StubNode[] = [];
  state = 'suspended';
  private destinations = 0;
  constructor(private readonly names: Map<MediaStream, string> = new Map()) {}
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
