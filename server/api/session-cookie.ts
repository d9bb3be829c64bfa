/**
 * The session cookie's attributes (ADR 0018). By default SameSite=Strict: the API only ever sees the
 * cookie from the app's own pages. When the operator allows host pages to embed the app, a Strict (or
 * Lax) cookie is never sent inside a cross-site iframe, so sign-in there would silently fail; the
 * cookie is then `SameSite=None; Secure; Partitioned` (CHIPS): the browser keys it to the top-level site
 * it was set under, so it is sent in the host's frame and on the app's own pages, but not from a page on
 * any other top-level site. Secure needs HTTPS, or a loopback host (browsers treat those as secure).
 */
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Fastify 5: `hostname` is the Host header without its port. */
function hostOf(request: Pick<FastifyRequest, 'hostname'>): string {
  return request.hostname.toLowerCase();
}

export function sessionCookieAttributes(
  request: Pick<FastifyRequest, 'protocol' | 'hostname'>,
  embeddable: boolean,
): Pick<CookieSerializeOptions, 'sameSite' | 'secure' | 'partitioned'> {
  const https = request.protocol === 'https';
  if (embeddable && (https || LOOPBACK.has(hostOf(request)))) {
    return { sameSite: 'none', secure: true, partitioned: true };
  }
  return { sameSite: 'strict', secure: https };
}
