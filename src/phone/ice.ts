/**
 * ICE gathering policy: when may an offer/answer be sent without waiting for the
 * browser to finish gathering?
 *
 * Measured (DESIGN.md): Chromium needs ~120 ms to report end-of-gathering even with
 * host candidates only, and with an unreachable STUN server sip.js would wait its whole
 * `iceGatheringTimeout` (5 s by default) before sending the INVITE. So:
 *
 * - no ICE servers: complete `HOST_GRACE_MS` after the first host candidate;
 * - STUN only: complete at the first server-reflexive candidate;
 * - TURN: complete at the first relay candidate, or at the first srflx/relay candidate
 *   when the transport policy is not `relay`;
 * - always complete at end-of-gathering, and never wait longer than the cap
 *   (`iceGatheringMaxMs`; default 1000 ms, 3000 ms when TURN is configured).
 * - with several ICE transports (an audio + video offer under the default `balanced` bundle
 *   policy gathers for each m-line until the answer bundles them), the candidate rule must hold
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
  /** Upper bound on the wait, from the start of gathering (ms). */
  readonly maxMs: number;
  readonly hostGraceMs: number;
}

export interface IcePolicyInput {
  iceServers: readonly RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  maxMs?: number;
}

export function icePolicyFor(input: IcePolicyInput): IcePolicy {
  const urls = input.iceServers.flatMap((server) =>
    typeof server.urls === 'string' ? [server.urls] : [...(server.urls ?? [])],
  );
  const hasTurn = urls.some((url) => /^turns?:/i.test(url.trim()));
  const hasStun = urls.some((url) => /^stuns?:/i.test(url.trim()));
  const relayOnly = input.iceTransportPolicy === 'relay';
  const need: IceNeed = hasTurn ? (relayOnly ? 'relay' : 'srflx-or-relay') : hasStun ? 'srflx' : 'host';
  const fallbackMax = hasTurn ? DEFAULT_ICE_MAX_MS_TURN : DEFAULT_ICE_MAX_MS;
  const maxMs = input.maxMs !== undefined && input.maxMs > 0 ? input.maxMs : fallbackMax;
  return { need, maxMs, hostGraceMs: HOST_GRACE_MS };
}

export type IceEvent =
  | { type: 'candidate'; candidateType: string | null; at: number; mid?: string | null }
  /** End of gathering (null candidate or iceGatheringState `complete`). */
  | { type: 'end'; at: number };

export type IceReason = 'host-grace' | 'srflx' | 'relay' | 'end-of-gathering' | 'cap';

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
  const covered = new Map<string, number>();
  for (const event of ordered) {
    if (event.at >= best.at) break;
    if (event.type === 'end') return { at: event.at, reason: 'end-of-gathering' };
    const reason = qualifies(policy.need, event.candidateType);
    if (!reason) continue;
    const transport = expected.size === 0 ? 'any' : transports.get(event.mid ?? '');
    if (transport === undefined || covered.has(transport)) continue;
    covered.set(transport, reason === 'host-grace' ? event.at + policy.hostGraceMs : event.at);
    if (covered.size < needed) continue;
    const at = Math.max(...covered.values());
    if (at < best.at) best = { at, reason };
  }
  return best;
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

  candidate(candidate: { type?: string | null; candidate?: string; sdpMid?: string | null } | null): void {
    if (candidate === null) {
      this.push({ type: 'end', at: this.clock.now() });
      return;
    }
    this.push({
      type: 'candidate',
      candidateType: candidateTypeOf(candidate),
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
