/**
 * `POST /api/sip/credentials` (signed in): ephemeral SIP credentials for the session's user, plus the ICE
 * servers, TURN ones with TURN REST credentials. Both are minted with the same shared secret that Kamailio
 * (`AUTH_SECRET`, auth_ephemeral) and coturn (`static-auth-secret`) verify; the secret never leaves the
 * server. The app calls it on sign-in and again before the credentials expire.
 */
import { randomBytes } from 'node:crypto';
import type { SipCredentials } from '../../src/api/schemas';
import type { RouteModule } from '../api/routes';
import { HttpError } from '../api/router';
import type { Logger } from '../log';
import { mintEphemeralCredentials } from './ephemeral';
import { persistentSecret } from './secret-file';
import type { CredentialsOptions } from './options';

export interface CredentialsIssuerOptions {
  secret: string;
  ttlSeconds: number;
  turnUrls: readonly string[];
  iceTransportPolicy: 'all' | 'relay';
  /** Epoch ms (injectable for tests). */
  now?: () => number;
  /** Why this user may not have credentials now (disabled, company not allowed); null: may. */
  refusal?: (user: string) => { code: string; message: string } | null;
}

/** Mints the answer of `POST /api/sip/credentials` for `user` (the SIP user part, e.g. "1001"). */
export function issueSipCredentials(options: CredentialsIssuerOptions, user: string): SipCredentials {
  const now = options.now?.() ?? Date.now();
  const sip = mintEphemeralCredentials({ secret: options.secret, user, ttlSeconds: options.ttlSeconds, now });
  const turnUrls = options.turnUrls.filter((u) => /^turns?:/.test(u));
  const stunUrls = options.turnUrls.filter((u) => /^stuns?:/.test(u));
  const iceServers: SipCredentials['iceServers'] = [];
  if (stunUrls.length > 0) iceServers.push({ urls: stunUrls });
  if (turnUrls.length > 0) {
    // The same scheme and the same lifetime: coturn's use-auth-secret checks "<expiry>:<user>" the same way.
    iceServers.push({ urls: turnUrls, username: sip.username, credential: sip.password });
  }
  return {
    user,
    authorizationUsername: sip.username,
    password: sip.password,
    expiresAt: sip.expiresAt.getTime(),
    ttlSeconds: options.ttlSeconds,
    iceServers,
    iceTransportPolicy: options.iceTransportPolicy,
  };
}

export function credentialsRoutes(options: CredentialsIssuerOptions): RouteModule {
  return (router) => {
    router.post(
      '/api/sip/credentials',
      (ctx) => {
        const user = ctx.user;
        if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
        const refused = options.refusal?.(user.username);
        if (refused) throw new HttpError(403, refused.code, refused.message);
        return issueSipCredentials(options, user.username);
      },
      { auth: true },
    );
  };
}

/**
 * The secret in effect: `EPHEMERAL_SECRET`, else one generated once and kept in `dataDir` (or, without a
 * `dataDir`, a random one for this process). A generated secret only works when nothing else has to verify
 * the credentials, so it is worth a warning in external mode or with TURN.
 */
export function resolveEphemeralSecret(options: CredentialsOptions, log: Logger, dataDir?: string): string {
  if (options.ephemeralSecret) return options.ephemeralSecret;
  const secret = dataDir ? persistentSecret(dataDir) : randomBytes(32).toString('base64');
  const who = [
    options.sipServer === 'external' ? 'the external SIP server (Kamailio AUTH_SECRET)' : '',
    options.turnUrls.length > 0 ? 'the TURN server (coturn static-auth-secret)' : '',
  ].filter(Boolean);
  const line =
    `EPHEMERAL_SECRET is not set: using a generated secret (${dataDir ? 'kept in DATA_DIR' : 'for this run only'}); ` +
    (who.length > 0
      ? `${who.join(' and ')} will reject every credential minted with it. Set EPHEMERAL_SECRET to the shared secret.`
      : 'credentials minted by this process are valid only here.');
  if (who.length > 0) log.warn(line);
  else log.debug(line);
  return secret;
}
