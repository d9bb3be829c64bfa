/**
 * Links in the format of Sendbird's webcall-fallback sample: `/join?data=<base64 JSON>` with
 * `{service_user_id, room_id, app_id, creds: {token, expires_at}}` in plain standard base64. A `+` in
 * the query often arrives as a space (form decoding); both are accepted, as is base64url.
 */
import { z } from 'zod/mini';
import { fromBase64 } from './base64url';
import { checkPayload } from './link';
import { fail, type LinkResult } from './errors';
import type { JoinPayload } from './payload';

const filled = () => z.string().check(z.minLength(1));
const LegacyData = z.object({
  service_user_id: filled(),
  room_id: filled(),
  app_id: filled(),
  creds: z.object({
    token: filled(),
    /** Sendbird answers milliseconds; seconds are accepted too. */
    expires_at: z.number().check(z.positive()),
  }),
});

/** The raw `data` parameter of a query string (`?a=1&data=…`), undecoded; null when absent. */
export function legacyDataParam(search: string): string | null {
  const query = search.startsWith('?') ? search.slice(1) : search;
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === 'data') return part.slice(eq + 1);
  }
  return null;
}

export function decodeLegacyData(raw: string, now: number = Date.now()): LinkResult<JoinPayload> {
  if (raw.length === 0 || raw.length > 8192) return fail('malformed', 'legacy data missing or too long');
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return fail('malformed', 'legacy data is not URL-encoded text');
  }
  const base64 = text.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/').trim();
  const bytes = fromBase64(base64);
  if (!bytes) return fail('malformed', 'legacy data is not base64');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('malformed', 'legacy data is not JSON');
  }
  const parsed = LegacyData.safeParse(json);
  if (!parsed.success) return fail('malformed', 'legacy data misses fields');
  const d = parsed.data;
  const expiresMs = d.creds.expires_at < 1e12 ? d.creds.expires_at * 1000 : d.creds.expires_at;
  return checkPayload(
    {
      provider: 'sendbird',
      exp: Math.min(Math.floor(expiresMs / 1000), 2 ** 32 - 1),
      roomId: d.room_id,
      sendbird: { appId: d.app_id, userId: d.service_user_id, accessToken: d.creds.token },
    },
    now,
  );
}
