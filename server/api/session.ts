/**
 * API sessions: the same username/password as SIP (checked against the stored digest HA1), then an
 * opaque token in an httpOnly, SameSite=Strict cookie. Sessions are rows in SQLite, so a server restart
 * signs nobody out.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionRequest, type SessionInfo } from '../../src/api/schemas';
import type { Account, AccountStore } from '../accounts';
import type { LoginRefusal } from '../admin/login-policy';
import type { Db } from '../db';
import { computeHa1 } from '../sip/digest';
import type { PasswordThrottle } from './password-throttle';
import { HttpError, type Router, type SessionUser } from './router';
import { sessionCookieAttributes } from './session-cookie';

export const SESSION_COOKIE = 'openline_session';

export interface SessionLimits {
  /** A session ends this long after sign-in at the latest. */
  ttlMs: number;
  /** ...or after this long without a request. */
  idleMs: number;
  /** Sessions one account may hold; signing in once more ends the oldest. */
  maxPerAccount: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  ttlMs: 12 * 60 * 60 * 1000,
  idleMs: 2 * 60 * 60 * 1000,
  maxPerAccount: 10,
};

/** `last_seen_at` is written at most this often per session (not on every request). */
const TOUCH_EVERY_MS = 60_000;

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

interface SessionRow {
  username: string;
  last_seen_at: number;
  expires_at: number;
}

/** API sessions in SQLite: they survive a restart, capped per account, with idle and absolute expiry. */
export class SessionStore {
  private readonly q;
  /** Why an account may not be signed in now (disabled, company not allowed); none by default. */
  private policy: (account: Account) => LoginRefusal | null = () => null;

  constructor(
    db: Db,
    private readonly accounts: AccountStore,
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.q = {
      insert: db.prepare(
        'INSERT INTO api_sessions (token_hash, username, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      get: db.prepare('SELECT username, last_seen_at, expires_at FROM api_sessions WHERE token_hash = ?'),
      touch: db.prepare('UPDATE api_sessions SET last_seen_at = ? WHERE token_hash = ?'),
      remove: db.prepare('DELETE FROM api_sessions WHERE token_hash = ?'),
      sweep: db.prepare('DELETE FROM api_sessions WHERE expires_at <= ? OR last_seen_at <= ?'),
      removeUser: db.prepare('DELETE FROM api_sessions WHERE username = ?'),
      trim: db.prepare(
        `DELETE FROM api_sessions WHERE username = ? AND token_hash NOT IN
           (SELECT token_hash FROM api_sessions WHERE username = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
      ),
    };
  }

  /** Checks the password against the account's HA1; null when the user or password is wrong. */
  verify(username: string, password: string): SessionUser | null {
    const account = this.accounts.get(username);
    // Compute anyway so unknown users take as long as known ones.
    const candidate = Buffer.from(computeHa1(username, this.accounts.realm, password));
    const stored = Buffer.from(account?.ha1 ?? '0'.repeat(candidate.length));
    const same = stored.length === candidate.length && timingSafeEqual(stored, candidate);
    return account && same ? { username: account.username, displayName: account.displayName } : null;
  }

  /** Sets the sign-in rule checked at sign-in and on every request (server/admin/login-policy.ts). */
  setPolicy(policy: (account: Account) => LoginRefusal | null): void {
    this.policy = policy;
  }

  /** The refusal for a username that exists, or null (unknown users are the caller's 401). */
  refusal(username: string): LoginRefusal | null {
    const account = this.accounts.get(username);
    return account ? this.policy(account) : null;
  }

  /** Ends every session of an account (disabled, password reset); returns how many. */
  endAll(username: string): number {
    return this.q.removeUser.run(username).changes;
  }

  create(user: SessionUser): { token: string; expiresAt: number } {
    const now = this.now();
    this.q.sweep.run(now, now - this.limits.idleMs);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.limits.ttlMs;
    this.q.insert.run(hash(token), user.username, now, now, expiresAt);
    this.q.trim.run(user.username, user.username, this.limits.maxPerAccount);
    return { token, expiresAt };
  }

  lookup(token: string | undefined): SessionUser | null {
    if (!token || token.length > 128) return null;
    const key = hash(token);
    const row = this.q.get.get(key) as SessionRow | undefined;
    if (!row) return null;
    const now = this.now();
    const account = this.accounts.get(row.username);
    const expired = row.expires_at <= now || now - row.last_seen_at >= this.limits.idleMs;
    if (!account || expired || this.policy(account)) {
      this.q.remove.run(key);
      return null;
    }
    if (now - row.last_seen_at >= TOUCH_EVERY_MS) this.q.touch.run(now, key);
    return { username: account.username, displayName: account.displayName };
  }

  destroy(token: string | undefined): void {
    if (token) this.q.remove.run(hash(token));
  }
}

export function readSessionCookie(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

/**
 * `Secure` when the request came over HTTPS (X-Forwarded-Proto counts only with TRUST_PROXY); SameSite
 * and Partitioned follow the embedding allow-list (session-cookie.ts, ADR 0018).
 */
function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
  maxAgeS: number,
  embeddable: boolean,
): void {
  reply.setCookie(SESSION_COOKIE, value, {
    path: '/api',
    httpOnly: true,
    maxAge: maxAgeS,
    ...sessionCookieAttributes(request, embeddable),
  });
}

export function registerSessionRoutes(
  router: Router,
  sessions: SessionStore,
  throttle: PasswordThrottle,
  embeddable: () => boolean = () => false,
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
    // Only after the password: the reason is no hint to someone guessing.
    const refused = sessions.refusal(user.username);
    if (refused) throw new HttpError(403, refused.code, refused.message);
    const { token, expiresAt } = sessions.create(user);
    const maxAgeS = Math.floor((expiresAt - Date.now()) / 1000);
    setSessionCookie(ctx.request, ctx.reply, token, maxAgeS, embeddable());
    return { ...user, expiresAt } satisfies SessionInfo;
  });
  router.get('/api/session', (ctx) => {
    const user = sessions.lookup(readSessionCookie(ctx.request));
    if (!user) throw new HttpError(401, 'unauthenticated', 'Not signed in.');
    return user;
  });
  router.delete('/api/session', (ctx) => {
    sessions.destroy(readSessionCookie(ctx.request));
    setSessionCookie(ctx.request, ctx.reply, '', 0, embeddable());
    return undefined;
  });
}
