/**
 * Whether the agent behind a call link can take the call now (issue 14, ADR 0026):
 * `POST /api/webcall/rooms/:roomId/availability {key}` (public; the link's chat key proves the caller holds
 * the link) → `{state: 'free' | 'busy'}` or `{state: 'closed', opensAt}`. Nothing else about the agent or
 * the opening hours leaves the server. zod/mini and plain fetch: the join page loads this.
 */
import { z } from 'zod/mini';

export const AvailabilityRequest = z.object({ key: z.string().check(z.minLength(16), z.maxLength(128)) });
export type AvailabilityRequest = z.infer<typeof AvailabilityRequest>;

export const Availability = z.discriminatedUnion('state', [
  z.object({ state: z.literal('free') }),
  /** The agent is in another call: the customer can join and wait in the room. */
  z.object({ state: z.literal('busy') }),
  /** Outside opening hours: Join is off until `opensAt` (epoch ms; null: no opening within a week). */
  z.object({ state: z.literal('closed'), opensAt: z.nullable(z.number()) }),
]);
export type Availability = z.infer<typeof Availability>;

/** Asks the server; rejects when it cannot be reached or does not answer with an availability. */
export async function fetchAvailability(
  roomId: string,
  key: string,
  fetchImpl: typeof fetch = fetch,
): Promise<Availability> {
  const response = await fetchImpl(`/api/webcall/rooms/${encodeURIComponent(roomId)}/availability`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key }),
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`availability: HTTP ${response.status}`);
  return Availability.parse(await response.json());
}
