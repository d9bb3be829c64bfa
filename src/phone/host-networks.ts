/**
 * How many networks this machine gathers UDP host candidates on, learnt with a throwaway peer
 * connection after each registration (a warm-up, off the call path). With it, a call with no
 * STUN/TURN can send its offer/answer as soon as every network has its host candidate
 * (ice.ts, "host-complete") instead of waiting a fixed grace or for Chromium's end-of-gathering,
 * which comes only after its TCP candidates, ~120 ms later.
 */
import { hostNetworkOf } from './ice';
import type { Clock } from './util';

/** Give up learning after this long (the calls then use the grace). */
export const HOST_PROBE_MAX_MS = 2000;

export type PeerConnectionMaker = (config: RTCConfiguration) => RTCPeerConnection;

export class HostNetworks {
  private known: number | null = null;
  private learning: Promise<void> | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly makePc: PeerConnectionMaker | null = defaultMaker(),
  ) {}

  /** Networks with a UDP host candidate, or null while unknown. */
  get count(): number | null {
    return this.known;
  }

  /** Gathers once more (coalesced with one in progress); the result replaces the previous one. */
  learn(): Promise<void> {
    if (this.learning) return this.learning;
    const makePc = this.makePc;
    if (!makePc) return Promise.resolve();
    this.learning = countHostNetworks(makePc, this.clock)
      .then((count) => {
        if (count !== null) this.known = count;
      })
      .catch(() => undefined)
      .finally(() => {
        this.learning = null;
      });
    return this.learning;
  }
}

function defaultMaker(): PeerConnectionMaker | null {
  const Native = globalThis.RTCPeerConnection;
  return typeof Native === 'function' ? (config) => new Native(config) : null;
}

/** Full host gathering on a data-channel-only offer (no device); null if it did not finish. */
export function countHostNetworks(makePc: PeerConnectionMaker, clock: Clock): Promise<number | null> {
  const pc = makePc({ iceServers: [] });
  const networks = new Set<string>();
  return new Promise<number | null>((resolve) => {
    const timer = clock.setTimeout(() => finish(null), HOST_PROBE_MAX_MS);
    const finish = (count: number | null): void => {
      clock.clearTimeout(timer);
      pc.onicecandidate = null;
      pc.close();
      resolve(count);
    };
    pc.onicecandidate = (event) => {
      if (!event.candidate) {
        finish(networks.size > 0 ? networks.size : null);
        return;
      }
      const network = hostNetworkOf(event.candidate);
      if (network) networks.add(network);
    };
    pc.createDataChannel('openline-host-probe');
    pc.createOffer()
      .then((offer) => pc.setLocalDescription(offer))
      .catch(() => finish(null));
  });
}
