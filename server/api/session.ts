/**
 * API sessions: the same username/password as SIP (checked against the stored digest HA1), then an
 * opaque token in an httpOnly, SameSite=Strict cookie. Sessions live in memory: a server restart
 * signs everyone out of the API, and the app signs in again with the credentials it keeps.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionRequest, type SessionInfo } from '../../src/api/schemas';
import type { AccountStore } from '../accounts';
import { computeHa1 } from '../sip/digest';
import type { PasswordThrottle } from './password-throttle';
import { HttpError, type Router, type SessionUser } from './router';

export const SESSION_COOKIE = 'openline_session';
const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;

interface Session extends SessionUser {
  expiresAt: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly accounts: AccountStore,
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks the password against the account's HA1; null when the user or password is wrong. */
  verify(username: string, password: string): SessionUser | null {
    const account = this.accounts.get(username);
    // Compute anyway so unknown users take as long as known ones.
    const candidate = Buffer.from(computeHa1(username, this.accounts.realm, password));
    const stored = Buffer.from(account?.ha1 ?? '0'.repeat(candidate.length));
    const same = stored.length === candidate.length && timingSafeEqual(stored, candidate);
    return account && same ? { username: account.username, displayName: account.displayName } : null;
  }

  create(user: SessionUser): { token: string; expiresAt: number } {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + this.ttlMs;
    this.sessions.set(token, { ...user, expiresAt });
    return { token, expiresAt };
  }

  lookup(token: string | undefined): SessionUser | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(token);
      return null;
    }
    return { username: session.username, displayName: session.displayName };
  }

  destroy(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(token);
  }
}

export function readSessionCookie(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

/** `Secure` when the request came over HTTPS (X-Forwarded-Proto counts only with TRUST_PROXY). */
function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
  maxAgeS: number,
): void {
  reply.setCookie(SESSION_COOKIE, value, {
    path: '/api',
    httpOnly: true,
    sameSite: 'strict',
    maxAge: maxAgeS,
    secure: request.protocol === 'https',
  });
}

export function registerSessionRoutes(
  router: Router,
  sessions: SessionStore,
  throttle: PasswordThrottle,
): void {
  router.post('/api/session', async (ctx) => {
    const { username, password } = await ctx.body(SessionRequest);
    const keys = { ip: ctx.request.ip, account: username.toLowerCase() };
    const waitMs = throttle.retryAfterMs(keys);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new HttpError(429, 'too_many_attempts', `Too many wrong passwords. Try again in ${seconds} s.`, {
        'Retry-After': String(seconds),
      });
    }
    const user = sessions.verify(username, password);
    if (!user) {
      throttle.failed(keys);
      throw new HttpError(401, 'invalid_credentials', 'Wrong username or password.');
    }
    throttle.succeeded(keys);
    const { token, expiresAt } = sessions.create(user);
    setSessionCookie(ctx.request, ctx.reply, token, Math.floor((expiresAt - Date.now()) / 1000));
    return { ...user, expiresAt } satisfies SessionInfo;
  });
  router.get('/api/session', (ctx) => {
    const user = sessions.lookup(readSessionCookie(ctx.request));
    if (!user) throw new HttpError(401, 'unauthenticated', 'Not signed in.');
    return user;
  });
  router.delete('/api/session', (ctx) => {
    sessions.destroy(readSessionCookie(ctx.request));
    setSessionCookie(ctx.request, ctx.reply, '', 0);
    return undefined;
  });
}
