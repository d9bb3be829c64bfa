/**
 * Which ICE transport each m-line gathers on, keyed by mid, for the ICE gate (./ice.ts). Before
 * the answer bundles them, an offer's audio and video m-lines have transports of their own; after
 * it (or under `max-bundle`) they share one. Rejected m-lines (no transport) are left out.
 */
interface TransceiverLike {
  readonly mid: string | null;
  readonly sender: { readonly transport: object | null };
}

export function transportsByMid(
  pc: { getTransceivers(): readonly TransceiverLike[] } | undefined,
): ReadonlyMap<string, string> {
  const byMid = new Map<string, string>();
  if (!pc) return byMid;
  const ids = new Map<object, string>();
  for (const transceiver of pc.getTransceivers()) {
    const transport = transceiver.sender.transport;
    if (transceiver.mid == null || transport == null) continue;
    let id = ids.get(transport);
    if (id === undefined) {
      id = `t${ids.size}`;
      ids.set(transport, id);
    }
    byMid.set(transceiver.mid, id);
  }
  return byMid;
}
