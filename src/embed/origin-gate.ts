/**
 * Who the framed app listens to (ADR 0018). Only its parent window, and only when the parent's origin
 * is on the operator's allow-list. Before the list is known (not signed in yet, or still fetching),
 * nothing is answered and nothing is queued: the SDK repeats its hello until the app answers.
 */
export type GateVerdict =
  /** On the list: handle it and reply to exactly this origin. */
  | 'accept'
  /** The parent, but its origin is not on the list: tell it so (origin_not_allowed), do nothing else. */
  | 'refuse'
  /** Not the parent, or the list is not known yet: ignore without a word. */
  | 'ignore';

export interface GateInput {
  /** The allow-list, or null while the app does not know it. */
  allowed: readonly string[] | null;
  /** `MessageEvent.origin` (set by the browser, cannot be forged by the sender). */
  origin: string;
  fromParent: boolean;
}

export function gate({ allowed, origin, fromParent }: GateInput): GateVerdict {
  if (!fromParent || allowed === null) return 'ignore';
  // 'null' is the origin of sandboxed and data: documents: never on a list of exact origins.
  if (origin === 'null') return 'refuse';
  return allowed.includes(origin) ? 'accept' : 'refuse';
}
