/**
 * ICE warm-up: a throwaway peer connection gathers once after each registration (off the call
 * path) with the account's ICE servers, and learns
 * - how many networks this machine gathers UDP host candidates on: a call can then send its
 *   offer/answer as soon as every network has its host candidate (ice.ts, "host-complete")
 *   instead of waiting a fixed grace or for Chromium's end-of-gathering, ~120 ms later;
 * - whether the STUN servers answered at all: when none produced a server-reflexive candidate
 *   within `HOST_PROBE_MAX_MS`, calls stop waiting for one (a dead STUN server would otherwise add
 *   the whole cap, 1 s, to every call) until the next warm-up says otherwise. With TURN configured
 *   the warm-up gathers without servers (no relay allocation) and does not judge them.
 */
import { candidateTypeOf, hostNetworkOf } from './ice';
import type { Clock } from './util';

/** Give up learning after this long (the calls then use the grace). */
export const HOST_PROBE_MAX_MS = 2000;

export type PeerConnectionMaker = (config: RTCConfiguration) => RTCPeerConnection;

/** What one warm-up gathering saw. */
export interface IceSurvey {
  /** Networks with a UDP host candidate (0: none seen). */
  hostNetworks: number;
  /** A server-reflexive or relay candidate arrived: the configured servers answer. */
  serversAnswered: boolean;
}

export class HostNetworks {
  private survey: { key: string; result: IceSurvey } | null = null;
  private learning: Promise<void> | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly makePc: PeerConnectionMaker | null = defaultMaker(),
  ) {}

  /** What the last warm-up learnt for exactly these ICE servers, or null. */
  surveyFor(iceServers: readonly RTCIceServer[]): IceSurvey | null {
    return this.survey?.key === JSON.stringify(iceServers) ? this.survey.result : null;
  }

  /** Gathers once more (coalesced with one in progress); the result replaces the previous one. */
  learn(iceServers: readonly RTCIceServer[] = []): Promise<void> {
    if (this.learning) return this.learning;
    const makePc = this.makePc;
    if (!makePc) return Promise.resolve();
    const key = JSON.stringify(iceServers);
    // No TURN allocation for a warm-up (relay ports are a shared, scarce resource): with TURN
    // configured only the host networks are learnt, and the servers are assumed to answer.
    const turn = iceServers.some((server) =>
      (typeof server.urls === 'string' ? [server.urls] : [...(server.urls ?? [])]).some((url) =>
        /^turns?:/i.test(url.trim()),
      ),
    );
    this.learning = surveyIce(makePc, this.clock, turn ? [] : iceServers)
      .then((result) => {
        if (result.hostNetworks > 0)
          this.survey = { key, result: turn ? { ...result, serversAnswered: true } : result };
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

/** One gathering on a data-channel-only offer (no device), until its end or the cap. */
export function surveyIce(
  makePc: PeerConnectionMaker,
  clock: Clock,
  iceServers: readonly RTCIceServer[],
): Promise<IceSurvey> {
  const pc = makePc({ iceServers: [...iceServers] });
  const networks = new Set<string>();
  let serversAnswered = false;
  return new Promise<IceSurvey>((resolve) => {
    const finish = (): void => {
      clock.clearTimeout(timer);
      pc.onicecandidate = null;
      pc.close();
      resolve({ hostNetworks: networks.size, serversAnswered });
    };
    const timer = clock.setTimeout(finish, HOST_PROBE_MAX_MS);
    pc.onicecandidate = (event) => {
      if (!event.candidate) return finish();
      const network = hostNetworkOf(event.candidate);
      if (network) networks.add(network);
      const type = candidateTypeOf(event.candidate);
      if (type === 'srflx' || type === 'relay') serversAnswered = true;
    };
    pc.createDataChannel('openline-host-probe');
    pc.createOffer()
      .then((offer) => pc.setLocalDescription(offer))
      .catch(finish);
  });
}
