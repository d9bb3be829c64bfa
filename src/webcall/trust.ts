/**
 * What the serving origin publishes (`/api/config`) and therefore what a link may point at: its link
 * signing key, its SIP WebSocket URL, its ICE servers and its Sendbird application id. A payload naming
 * anything else is refused, even when signed, so a leaked or mis-issued link cannot send a customer's
 * camera and microphone to another server.
 */
import { fromBase64Url } from './base64url';
import { fail, ok, type LinkResult } from './errors';
import type { JoinPayload } from './payload';
import { PUBLIC_KEY_BYTES } from './signature';

/** The parts of `/api/config` that matter here (structural, so webcall/ does not import api/). */
export interface PublishedConfig {
  wsUrl: string;
  iceServers: readonly { urls: string | readonly string[] }[];
  webcall?: { signingKey: string; sendbirdAppId?: string };
}

export interface LinkTrust {
  /** Ed25519 public key (32 raw bytes). */
  signingKey: Uint8Array;
  /** Absolute ws(s):// URL of the serving origin's SIP server. */
  wsUrl: string;
  iceUrls: ReadonlySet<string>;
  sendbirdAppId: string | null;
}

/** Resolves `/sip` (or an absolute URL) against the page; null when it is not a ws(s) URL. */
export function absoluteWsUrl(url: string, pageHref: string): string | null {
  try {
    const resolved = new URL(url, pageHref);
    if (resolved.protocol === 'http:') resolved.protocol = 'ws:';
    else if (resolved.protocol === 'https:') resolved.protocol = 'wss:';
    if (resolved.protocol !== 'ws:' && resolved.protocol !== 'wss:') return null;
    return resolved.href;
  } catch {
    return null;
  }
}

const urlsOf = (s: { urls: string | readonly string[] }): readonly string[] =>
  typeof s.urls === 'string' ? [s.urls] : s.urls;

export function trustFromConfig(config: PublishedConfig, pageHref: string): LinkResult<LinkTrust> {
  const key = config.webcall ? fromBase64Url(config.webcall.signingKey) : null;
  if (!key || key.length !== PUBLIC_KEY_BYTES)
    return fail('unverifiable', 'the server publishes no link signing key');
  const wsUrl = absoluteWsUrl(config.wsUrl, pageHref);
  if (!wsUrl) return fail('unverifiable', 'the server publishes no SIP WebSocket URL');
  return ok({
    signingKey: key,
    wsUrl,
    iceUrls: new Set(config.iceServers.flatMap(urlsOf)),
    sendbirdAppId: config.webcall?.sendbirdAppId || null,
  });
}

/**
 * Checks that a payload names only what the serving origin published; answers the payload with its
 * WebSocket URL made absolute (a signed payload may carry the server's relative `/sip`).
 */
export function checkPublished(
  payload: JoinPayload,
  trust: LinkTrust,
  pageHref: string,
): LinkResult<JoinPayload> {
  if (payload.provider === 'sendbird') {
    if (payload.sendbird.appId !== trust.sendbirdAppId)
      return fail('foreign-server', `Sendbird application ${payload.sendbird.appId.slice(0, 64)}`);
    return ok(payload);
  }
  const wsUrl = absoluteWsUrl(payload.sip.wsUrl, pageHref);
  if (wsUrl !== trust.wsUrl) return fail('foreign-server', `SIP server ${payload.sip.wsUrl.slice(0, 120)}`);
  for (const server of payload.sip.iceServers ?? []) {
    const foreign = urlsOf(server).find((url) => !trust.iceUrls.has(url));
    if (foreign !== undefined) return fail('foreign-server', `ICE server ${foreign.slice(0, 120)}`);
  }
  return ok({ ...payload, sip: { ...payload.sip, wsUrl } });
}
