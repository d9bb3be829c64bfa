// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { HOST_PROBE_MAX_MS, HostNetworks } from './host-networks';

type Listener = ((event: { candidate: { candidate: string } | null }) => void) | null;

/** Gathers the given candidate lines after setLocalDescription, then ends (unless `hang`). */
class ProbePc {
  onicecandidate: Listener = null;
  closed = false;
  channels: string[] = [];
  constructor(
    private readonly lines: string[],
    private readonly hang = false,
  ) {}
  createDataChannel(label: string) {
    this.channels.push(label);
  }
  async createOffer() {
    return { type: 'offer' as const, sdp: 'v=0\r\n' };
  }
  async setLocalDescription() {
    queueMicrotask(() => {
      for (const candidate of this.lines) this.onicecandidate?.({ candidate: { candidate } });
      if (!this.hang) this.onicecandidate?.({ candidate: null });
    });
  }
  close() {
    this.closed = true;
  }
}

const line = (proto: string, network: number) =>
  `candidate:${network} 1 ${proto} 1 10.0.0.${network} 5000 typ host generation 0 network-id ${network}`;

function clock() {
  const timers: (() => void)[] = [];
  return {
    timers,
    setTimeout: (fn: () => void, ms: number) => {
      expect(ms).toBe(HOST_PROBE_MAX_MS);
      timers.push(fn);
      return timers.length;
    },
    clearTimeout: () => {},
    now: () => 0,
  };
}

describe('HostNetworks', () => {
  it('counts the networks with a UDP host candidate and closes its peer connection', async () => {
    const pcs: ProbePc[] = [];
    const networks = new HostNetworks(clock(), () => {
      const pc = new ProbePc([line('udp', 1), line('udp', 2), line('udp', 2), line('tcp', 3)]);
      pcs.push(pc);
      return pc as unknown as RTCPeerConnection;
    });
    expect(networks.count).toBeNull();
    await networks.learn();
    expect(networks.count).toBe(2);
    expect(pcs).toHaveLength(1);
    expect(pcs[0]!.closed).toBe(true);
    expect(pcs[0]!.channels).toHaveLength(1);
  });

  it('keeps the count unknown when gathering never ends, and still closes the probe', async () => {
    const fake = clock();
    const pc = new ProbePc([line('udp', 1)], true);
    const networks = new HostNetworks(fake, () => pc as unknown as RTCPeerConnection);
    const learning = networks.learn();
    expect(networks.learn()).toBe(learning);
    await Promise.resolve();
    fake.timers[0]!();
    await learning;
    expect(networks.count).toBeNull();
    expect(pc.closed).toBe(true);
  });

  it('does nothing without WebRTC', async () => {
    const networks = new HostNetworks(clock(), null);
    await networks.learn();
    expect(networks.count).toBeNull();
  });
});
