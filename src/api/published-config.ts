/**
 * `GET /api/config` for the customer's join page: only what a webcall link is checked against (link
 * signing key, SIP WebSocket URL, ICE servers, Sendbird app id). Plain fetch and zod/mini rather than
 * the platform client, so the join page stays small (issue 10, goal 2); the app uses `sessionApi`.
 */
import { z } from 'zod/mini';
import { errorMessage } from '../lib/errors';

const PublishedConfig = z.object({
  wsUrl: z.string().check(z.minLength(1)),
  iceServers: z.array(z.object({ urls: z.union([z.string(), z.array(z.string())]) })),
  webcall: z.optional(
    z.object({
      signingKey: z.string().check(z.minLength(1), z.maxLength(64)),
      sendbirdAppId: z.optional(z.string().check(z.maxLength(64))),
    }),
  ),
});
export type PublishedConfig = z.infer<typeof PublishedConfig>;

/** Rejects with a sentence saying what went wrong (unreachable, HTTP status, unexpected answer). */
export async function fetchPublishedConfig(fetchImpl: typeof fetch = fetch): Promise<PublishedConfig> {
  let response: Response;
  try {
    response = await fetchImpl('/api/config', { headers: { Accept: 'application/json' } });
  } catch (error) {
    throw new Error(`Cannot reach the server: ${errorMessage(error)}`);
  }
  if (!response.ok) throw new Error(`GET /api/config answered ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Error('GET /api/config did not return JSON');
  }
  const parsed = PublishedConfig.safeParse(body);
  if (!parsed.success)
    throw new Error(`GET /api/config: unexpected answer (${z.prettifyError(parsed.error)})`);
  return parsed.data;
}
