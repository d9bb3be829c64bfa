/**
 * The embedding allow-list's one rule (issue 13, ADR 0018): an entry is an exact web origin, i.e. a
 * scheme, a host and an optional port, nothing else: no path, query, fragment, user info or wildcard.
 * https only, except plain http on the loopback hosts (a developer's machine). Shared by the server
 * (CSP `frame-ancestors`), the app (which origins may talk to it over postMessage) and the Admin form.
 */
export const MAX_EMBED_ORIGINS = 20;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why `text` is not an allowed origin, or null when it is one. The text must already be in the form
 * the browser reports (`URL.origin`: lower-case, no default port), so that comparing with
 * `MessageEvent.origin` is a plain string equality.
 */
export function embedOriginProblem(text: string): string | null {
  if (text.includes('*')) return 'No wildcards: list each origin exactly, e.g. https://desk.example.com.';
  if (!URL.canParse(text)) return 'Not an origin: write the scheme and host, e.g. https://desk.example.com.';
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Only https:// origins.';
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return 'Only https:// origins (http:// only for localhost, 127.0.0.1 or [::1]).';
  }
  if (url.username || url.password) return 'No user name or password in the origin.';
  if (!/^https?:\/\/[^/?#]+\/?$/i.test(text)) return 'Only the origin: no path, query or fragment.';
  if (url.origin !== text) return `Write it as the browser does: ${url.origin}`;
  return null;
}

/** The origin of a URL as `MessageEvent.origin` reports it, or null when `text` is not a URL. */
export function originOf(text: string): string | null {
  return URL.canParse(text) ? new URL(text).origin : null;
}
