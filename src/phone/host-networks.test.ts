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

const line = (proto: string, network: number, typ = 'host') =>
  `candidate:${network} 1 ${proto} 1 10.0.0.${network} 5000 typ ${typ} generation 0 network-id ${network}`;
const STUN = [{ urls: 'stun:192.0.2.1:3478' }];

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
    expect(networks.surveyFor([])).toBeNull();
    await networks.learn([]);
    expect(networks.surveyFor([])).toEqual({ hostNetworks: 2, serversAnswered: false });
    // Learnt for no servers; says nothing about a configuration with a STUN server.
    expect(networks.surveyFor(STUN)).toBeNull();
    expect(pcs).toHaveLength(1);
    expect(pcs[0]!.closed).toBe(true);
    expect(pcs[0]!.channels).toHaveLength(1);
  });

  it('a STUN server that never answers: the survey says so at the cap, and the probe is closed', async () => {
    const fake = clock();
    const pc = new ProbePc([line('udp', 1)], true);
    const networks = new HostNetworks(fake, () => pc as unknown as RTCPeerConnection);
    const learning = networks.learn(STUN);
    expect(networks.learn(STUN)).toBe(learning);
    await Promise.resolve();
    await Promise.resolve();
    fake.timers[0]!();
    await learning;
    expect(networks.surveyFor(STUN)).toEqual({ hostNetworks: 1, serversAnswered: false });
    expect(pc.closed).toBe(true);
  });

  it('a STUN server that answers is recorded as answering', async () => {
    const networks = new HostNetworks(
      clock(),
      () => new ProbePc([line('udp', 1), line('udp', 1, 'srflx')]) as unknown as RTCPeerConnection,
    );
    await networks.learn(STUN);
    expect(networks.surveyFor(STUN)).toEqual({ hostNetworks: 1, serversAnswered: true });
  });

  it('with TURN configured, gathers without servers (no relay allocation) and does not judge them', async () => {
    const turn = [{ urls: 'turn:turn.example.com:3478', username: 'u', credential: 'p' }];
    const configs: RTCConfiguration[] = [];
    const networks = new HostNetworks(clock(), (config) => {
      configs.push(config);
      return new ProbePc([line('udp', 1)]) as unknown as RTCPeerConnection;
    });
    await networks.learn(turn);
    expect(configs).toEqual([{ iceServers: [] }]);
    expect(networks.surveyFor(turn)).toEqual({ hostNetworks: 1, serversAnswered: true });
  });

  it('does nothing without WebRTC', async () => {
    const networks = new HostNetworks(clock(), null);
    await networks.learn([]);
    expect(networks.surveyFor([])).toBeNull();
  });
});
