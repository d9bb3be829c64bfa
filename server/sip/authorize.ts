/**
 * Who may send an out-of-dialog request through the proxy (./proxy.ts): the From user, registered
 * on this connection or proving it with Proxy-Authorization, under the password backoff.
 */
import type { DigestAuthenticator } from './digest';
import type { SipGuestPolicy } from './guests';
import { header, type SipRequest } from './message';
import type { Registrar } from './registrar';
import { buildResponse } from './serialize';
import type { AuthThrottle } from './throttle';
import type { SipConnection } from './transport';

export interface AuthorizeDeps {
  isLocalHost(host: string): boolean;
  registrar: Registrar;
  auth: DigestAuthenticator;
  throttle: AuthThrottle;
  guests?: SipGuestPolicy;
  /** Why a local user may not use the server now (disabled, company not allowed); undefined: may. */
  refusal?(username: string): string | undefined;
}

/**
 * Out-of-dialog requests must come from the From user: either registered over this very
 * connection, or proving it with Proxy-Authorization (RFC 3261 §22.3; sip.js answers 407).
 */
export function authorizeSender(req: SipRequest, conn: SipConnection, o: AuthorizeDeps): boolean {
  const user = req.from.uri.user;
  if (!user || !o.isLocalHost(req.from.uri.host)) {
    conn.send(buildResponse(req, 403, { reason: 'Forbidden (From is not a local user)' }));
    return false;
  }
  const refused = o.refusal?.(user);
  if (refused) {
    conn.send(buildResponse(req, 403, { reason: `Forbidden (${refused})` }));
    return false;
  }
  if (conn.identities.has(user) || o.registrar.isRegisteredOn(conn, user)) return true;
  const auth = o.auth;
  const creds = auth.pick(req.getAll('proxy-authorization'));
  const verdict = o.throttle.verify(auth, req.method, req.uri, creds, conn.ip);
  if (verdict.ok) {
    if ((o.guests?.userOf(verdict.username) ?? verdict.username) !== user) {
      conn.send(buildResponse(req, 403, { reason: 'Forbidden (username does not match From)' }));
      return false;
    }
    conn.identities.add(user);
    return true;
  }
  if (verdict.reason === 'locked') {
    conn.send(
      buildResponse(req, 403, {
        reason: 'Forbidden (too many failed attempts, try again later)',
        headers: [header('Retry-After', String(verdict.retryAfterS))],
      }),
    );
    return false;
  }
  conn.send(
    buildResponse(req, 407, { headers: [header('Proxy-Authenticate', auth.challenge(verdict.stale))] }),
  );
  return false;
}
