/**
 * The conversation router (ADR 0020), for a NEW conversation (an open one simply continues):
 * 1. named: a keyword in the first message (`agent:1002`) or a deep-link/QR `ref` (`agent:1002` or
 *    `1002`) names an agent, who gets it when available;
 * 2. returning: the agent who last engaged with this customer (the most-recent-agent rule), when available;
 * 3. available: the available agent with the fewest open conversations (then lowest username);
 * 4. queue: nobody available: unassigned, visible to every agent, claimable.
 * "Available" = an agent or admin account with a live SIP registration or an open Conversations stream.
 */

export type RoutedBy = 'named' | 'returning' | 'available' | 'queue';

export interface RoutingInput {
  /** Agent named by keyword or ref (already checked to be an agent/admin account), if any. */
  named: string | null;
  /** The agent who last engaged with this customer, if any. */
  lastAgent: string | null;
  /** Agents available now. */
  available: readonly string[];
  /** Open conversations per agent (load). */
  load(agent: string): number;
}

export interface RoutingDecision {
  agent: string | null;
  routedBy: RoutedBy;
}

export function route(input: RoutingInput): RoutingDecision {
  const available = new Set(input.available);
  if (input.named && available.has(input.named)) return { agent: input.named, routedBy: 'named' };
  if (input.lastAgent && available.has(input.lastAgent))
    return { agent: input.lastAgent, routedBy: 'returning' };
  const ranked = [...available].sort((a, b) => input.load(a) - input.load(b) || a.localeCompare(b));
  const first = ranked[0];
  return first ? { agent: first, routedBy: 'available' } : { agent: null, routedBy: 'queue' };
}

/** `agent:1002` at the start of the text, or a ref of `agent:1002` / `agent-1002` / `1002`. */
export function namedAgent(text: string, ref: string | undefined): string | null {
  const fromRef = ref ? /^(?:agent[:=_-])?([\w.-]{1,32})$/i.exec(ref.trim())?.[1] : undefined;
  if (fromRef) return fromRef;
  return /^\s*agent:([\w.-]{1,32})\b/i.exec(text)?.[1] ?? null;
}
