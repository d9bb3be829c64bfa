/**
 * Resolve a SIP WebSocket address against the page location: `/sip` on
 * `https://host` becomes `wss://host/sip`; absolute ws(s):// URLs pass through.
 */
export function resolveWebSocketUrl(value: string, base: { href: string }): string {
  const trimmed = value.trim();
  if (/^wss?:\/\//i.test(trimmed)) return trimmed;
  const url = new URL(trimmed, base.href);
  if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol === 'http:') url.protocol = 'ws:';
  return url.toString();
}

/** True for a ws:// or wss:// URL with a host. */
export function isWebSocketUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.host !== '';
  } catch {
    return false;
  }
}
