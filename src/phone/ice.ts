/**
 * ICE gathering policy: when may an offer/answer be sent without waiting for the
 * browser to finish gathering?
 *
 * Measured (DESIGN.md): Chromium needs ~120 ms to report end-of-gathering even with
 * host candidates only, and with an unreachable STUN server sip.js would wait its whole
 * `iceGatheringTimeout` (5 s by default) before sending the INVITE. So:
 *
 * - no ICE servers: complete once every network has its UDP host candidate (Chromium gathers
 *   one per network within a few ms; TCP candidates and end-of-gathering follow ~120 ms later),
 *   the number of networks being learnt after registration (host-networks.ts); when it is
 *   unknown, `HOST_GRACE_MS` after the first host candidate;
 * - STUN only: complete at the first server-reflexive candidate;
 * - TURN: complete at the first relay candidate, or at the first srflx/relay candidate
 *   when the transport policy is not `relay`;
 * - STUN/TURN servers that gave no candidate in the last warm-up (host-networks.ts) are not
 *   waited for (as with no servers), except under the `relay` policy;
 * - always complete at end-of-gathering, and never wait longer than the cap
 *   (`iceGatheringMaxMs`; default 1000 ms, 3000 ms when TURN is configured).
 * - with several ICE transports (an audio + video offer under the default `balanced` bundle
 *   policy gathers for each m-line until the answer bundles them), the candidate rule must hold
 *   (host-complete included: each transport gathers its own host candidate per network)
 *   for every transport: an offer whose audio m-line lacks its relay candidate cannot connect
 *   relay-to-relay, because the far TURN server never gets a permission for our relay address.
 *
 * `decideIce` is a pure function of the policy and the candidate events seen so far;
 * `IceGate` applies it at run time with a clock.
 */
import type { Clock, TimerHandle } from './util';

export const HOST_GRACE_MS = 50;
export const DEFAULT_ICE_MAX_MS = 1000;
export const DEFAULT_ICE_MAX_MS_TURN = 3000;

/** Which candidate lets us stop waiting. */
export type IceNeed = 'host' | 'srflx' | 'srflx-or-relay' | 'relay';

export interface IcePolicy {
  readonly need: IceNeed;
  /** Networks with a UDP host candidate on this machine (null: unknown, use the grace). */
  readonly hostNetworks: number | null;
  /** Upper bound on the wait, from the start of gathering (ms). */
  readonly maxMs: number;
  readonly hostGraceMs: number;
}

export interface IcePolicyInput {
  iceServers: readonly RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  maxMs?: number;
  hostNetworks?: number | null;
  /** The warm-up found that the configured STUN/TURN servers give no candidate (host-networks.ts). */
  serversSilent?: boolean;
}

export function icePolicyFor(input: IcePolicyInput): IcePolicy {
  const urls = input.iceServers.flatMap((server) =>
    typeof server.urls === 'string' ? [server.urls] : [...(server.urls ?? [])],
  );
  const hasTurn = urls.some((url) => /^turns?:/i.test(url.trim()));
  const hasStun = urls.some((url) => /^stuns?:/i.test(url.trim()));
  const relayOnly = input.iceTransportPolicy === 'relay';
  const wanted: IceNeed = hasTurn ? (relayOnly ? 'relay' : 'srflx-or-relay') : hasStun ? 'srflx' : 'host';
  // Waiting for a server that did not answer the warm-up only delays the call; with a relay-only
  // policy there is nothing else to send, so that one still waits.
  const need: IceNeed = input.serversSilent && wanted !== 'relay' ? 'host' : wanted;
  const fallbackMax = hasTurn ? DEFAULT_ICE_MAX_MS_TURN : DEFAULT_ICE_MAX_MS;
  const maxMs = input.maxMs !== undefined && input.maxMs > 0 ? input.maxMs : fallbackMax;
  const hostNetworks = input.hostNetworks && input.hostNetworks > 0 ? input.hostNetworks : null;
  return { need, maxMs, hostGraceMs: HOST_GRACE_MS, hostNetworks };
}

export type IceEvent =
  | {
      type: 'candidate';
      candidateType: string | null;
      at: number;
      /** Chromium's `network-id` of a UDP host candidate, else null. */
      hostNetwork?: string | null;
      /** The m-line the candidate was gathered for. */
      mid?: string | null;
    }
  /** End of gathering (null candidate or iceGatheringState `complete`). */
  | { type: 'end'; at: number };

export type IceReason = 'host-complete' | 'host-grace' | 'srflx' | 'relay' | 'end-of-gathering' | 'cap';

export interface IceDecision {
  /** When gathering should be treated as complete (same time base as the events). */
  readonly at: number;
  readonly reason: IceReason;
}

/** The reason a candidate of `type` satisfies `need` for its transport, or null. */
function qualifies(need: IceNeed, type: string | null): IceReason | null {
  switch (need) {
    case 'host':
      return type === 'host' ? 'host-grace' : null;
    case 'srflx':
      return type === 'srflx' ? 'srflx' : null;
    case 'srflx-or-relay':
      return type === 'srflx' || type === 'relay' ? type : null;
    case 'relay':
      return type === 'relay' ? 'relay' : null;
  }
}

/**
 * When gathering should be treated as complete, given the policy, the time gathering
 * started and the events seen so far (in any order). If the returned `at` is in the
 * future, it is a deadline that later events can only bring forward.
 *
 * `transports` maps each m-line's mid to its ICE transport; the candidate rule must hold for
 * every transport in it. Empty (or unknown mids only): any one transport will do.
 */
export function decideIce(
  policy: IcePolicy,
  startedAt: number,
  events: readonly IceEvent[],
  transports: ReadonlyMap<string, string> = new Map(),
): IceDecision {
  let best: IceDecision = { at: startedAt + policy.maxMs, reason: 'cap' };
  const ordered = [...events].sort((a, b) => a.at - b.at);
  const expected = new Set(transports.values());
  const needed = Math.max(expected.size, 1);
  const ready = new Map<string, TransportReadiness>();
  for (const event of ordered) {
    if (event.at >= best.at) break;
    if (event.type === 'end') return { at: event.at, reason: 'end-of-gathering' };
    const transport = expected.size === 0 ? 'any' : transports.get(event.mid ?? '');
    if (transport === undefined) continue;
    const state = ready.get(transport) ?? { at: Infinity, reason: 'cap', networks: new Set<string>() };
    if (!advance(policy, state, event)) continue;
    ready.set(transport, state);
    if (ready.size < needed) continue;
    // Every transport has a time it is ready at: the offer may go at the latest of them.
    let latest: TransportReadiness = state;
    for (const other of ready.values()) if (other.at > latest.at) latest = other;
    if (latest.at < best.at) best = { at: latest.at, reason: latest.reason };
  }
  return best;
}

interface TransportReadiness {
  /** When this transport has the candidates the policy needs (may be a future grace deadline). */
  at: number;
  reason: IceReason;
  /** Networks seen with a UDP host candidate (the `host` policy). */
  readonly networks: Set<string>;
}

/** Apply one candidate to its transport's readiness; true when it became ready or readier. */
function advance(
  policy: IcePolicy,
  state: TransportReadiness,
  event: Extract<IceEvent, { type: 'candidate' }>,
): boolean {
  const improve = (at: number, reason: IceReason): boolean => {
    if (at >= state.at) return false;
    state.at = at;
    state.reason = reason;
    return true;
  };
  if (policy.need !== 'host') {
    const reason = qualifies(policy.need, event.candidateType);
    return reason !== null && improve(event.at, reason);
  }
  if (event.candidateType !== 'host') return false;
  if (event.hostNetwork) state.networks.add(event.hostNetwork);
  const complete = policy.hostNetworks !== null && state.networks.size >= policy.hostNetworks;
  // The first host candidate starts this transport's grace; all its networks end it early.
  return complete ? improve(event.at, 'host-complete') : improve(event.at + policy.hostGraceMs, 'host-grace');
}

/** Candidate type from an RTCIceCandidate-like object, parsing the SDP line when `type` is missing. */
export function candidateTypeOf(
  candidate: { type?: string | null; candidate?: string } | null,
): string | null {
  if (!candidate) return null;
  if (candidate.type) return candidate.type;
  const match = / typ (\w+)/.exec(candidate.candidate ?? '');
  return match?.[1] ?? null;
}

/** Chromium's `network-id` of a UDP host candidate (one per network interface), else null. */
export function hostNetworkOf(
  candidate: { type?: string | null; protocol?: string | null; candidate?: string } | null,
): string | null {
  if (!candidate || candidateTypeOf(candidate) !== 'host') return null;
  const line = candidate.candidate ?? '';
  const protocol = candidate.protocol ?? line.split(' ')[2] ?? '';
  if (protocol.toLowerCase() !== 'udp') return null;
  return / network-id (\d+)/.exec(line)?.[1] ?? null;
}

/**
 * Run-time companion of `decideIce`: feed it candidate events; it calls `complete()`
 * once (per round) when the policy is satisfied, immediately or via a timer.
 * After that `satisfied` stays true so later waits (re-INVITEs) do not block.
 */
export class IceGate {
  private events: IceEvent[] = [];
  private startedAt: number | null = null;
  private timer: TimerHandle | null = null;
  private _satisfied = false;
  private _reason: IceReason | null = null;

  constructor(
    private readonly policy: IcePolicy,
    private readonly clock: Clock,
    private readonly complete: (reason: IceReason) => void,
    /** mid → ICE transport of the m-lines being gathered (see `decideIce`). */
    private readonly transports: () => ReadonlyMap<string, string> = () => new Map(),
  ) {}

  get satisfied(): boolean {
    return this._satisfied;
  }

  get reason(): IceReason | null {
    return this._reason;
  }

  /** The SDH started waiting for gathering. */
  begin(): void {
    if (this._satisfied) return;
    if (this.startedAt === null) this.startedAt = this.clock.now();
    this.evaluate();
  }

  candidate(
    candidate: {
      type?: string | null;
      protocol?: string | null;
      candidate?: string;
      sdpMid?: string | null;
    } | null,
  ): void {
    if (candidate === null) {
      this.push({ type: 'end', at: this.clock.now() });
      return;
    }
    this.push({
      type: 'candidate',
      candidateType: candidateTypeOf(candidate),
      hostNetwork: hostNetworkOf(candidate),
      at: this.clock.now(),
      mid: candidate.sdpMid ?? null,
    });
  }

  gatheringComplete(): void {
    this.push({ type: 'end', at: this.clock.now() });
  }

  /** Forget everything (ICE restart). */
  reset(): void {
    this.clearTimer();
    this.events = [];
    this.startedAt = null;
    this._satisfied = false;
    this._reason = null;
  }

  dispose(): void {
    this.clearTimer();
  }

  private push(event: IceEvent): void {
    if (this._satisfied) return;
    this.events.push(event);
    if (this.startedAt === null) this.startedAt = event.at;
    this.evaluate();
  }

  private evaluate(): void {
    if (this._satisfied || this.startedAt === null) return;
    const decision = decideIce(this.policy, this.startedAt, this.events, this.transports());
    const wait = decision.at - this.clock.now();
    this.clearTimer();
    if (wait <= 0) {
      this.satisfy(decision.reason);
      return;
    }
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.satisfy(decision.reason);
    }, wait);
  }

  private satisfy(reason: IceReason): void {
    if (this._satisfied) return;
    this._satisfied = true;
    this._reason = reason;
    this.clearTimer();
    this.complete(reason);
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
  }
}
