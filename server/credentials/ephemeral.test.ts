import { describe, expect, it } from 'vitest';
import {
  ephemeralPassword,
  mintEphemeralCredentials,
  parseEphemeralUsername,
  verifyEphemeral,
} from './ephemeral';

// Vectors computed independently of this code:
//   printf %s '1700000000:1001' | openssl dgst -sha1 -hmac 'openline-test-secret' -binary | base64
// (and the same with Python's hmac module for the others).
const VECTORS = [
  { secret: 'openline-test-secret', username: '1700000000:1001', password: 'IFciehF4MZsJFU4hROlXb3BP25g=' },
  { secret: 'kamailio_rules', username: '1234567890:foo@bar.com', password: 'SKRoqQ0atcnJqdEqMBKwYlKaBMM=' },
  { secret: 's', username: '2000000000:sip:odd:user', password: 'IESEwxlIfWfbvKMO3xv+Wkct9H0=' },
];

describe('ephemeral credentials (TURN REST scheme)', () => {
  it.each(VECTORS)('password for $username matches the fixed vector', ({ secret, username, password }) => {
    expect(ephemeralPassword(secret, username)).toBe(password);
  });

  it('mints "<expiry>:<user>" with expiry = floor(now/1000) + ttl', () => {
    const creds = mintEphemeralCredentials({
      secret: 'openline-test-secret',
      user: '1001',
      ttlSeconds: 600,
      now: 1_699_999_400_999, // 1699999400.999 s
    });
    expect(creds.username).toBe('1700000000:1001');
    expect(creds.password).toBe('IFciehF4MZsJFU4hROlXb3BP25g=');
    expect(creds.expiresAt.toISOString()).toBe(new Date(1_700_000_000_000).toISOString());
  });

  it('rejects bad mint parameters', () => {
    expect(() => mintEphemeralCredentials({ secret: '', user: '1001', ttlSeconds: 60 })).toThrow(/secret/);
    expect(() => mintEphemeralCredentials({ secret: 's', user: '', ttlSeconds: 60 })).toThrow(/user/);
    expect(() => mintEphemeralCredentials({ secret: 's', user: 'u', ttlSeconds: 0 })).toThrow(/ttl/);
    expect(() => mintEphemeralCredentials({ secret: 's', user: 'u', ttlSeconds: 1.5 })).toThrow(/ttl/);
  });

  it('verifies what it mints, and returns the user', () => {
    const now = 1_700_000_000_000;
    const c = mintEphemeralCredentials({ secret: 'k', user: '1002', ttlSeconds: 60, now });
    expect(verifyEphemeral('k', c.username, c.password, now)).toEqual({
      ok: true,
      user: '1002',
      expiresAt: c.expiresAt,
    });
  });

  it('is valid up to and including the expiry second, expired after it (as auth_ephemeral)', () => {
    const { secret, username, password } = VECTORS[0]!;
    expect(verifyEphemeral(secret, username, password, 1_700_000_000_999).ok).toBe(true);
    expect(verifyEphemeral(secret, username, password, 1_700_000_001_000)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('rejects a password minted with another secret, and accepts it when that secret is listed (rotation)', () => {
    const now = 1_700_000_000_000;
    const old = mintEphemeralCredentials({ secret: 'old-secret', user: '1001', ttlSeconds: 60, now });
    expect(verifyEphemeral('new-secret', old.username, old.password, now)).toEqual({
      ok: false,
      reason: 'bad-password',
    });
    expect(verifyEphemeral(['new-secret', 'old-secret'], old.username, old.password, now).ok).toBe(true);
  });

  it('rejects a tampered username (user or expiry changed)', () => {
    const { secret, password } = VECTORS[0]!;
    const now = 1_699_999_000_000;
    expect(verifyEphemeral(secret, '1700000000:1002', password, now).ok).toBe(false);
    expect(verifyEphemeral(secret, '1700000001:1001', password, now).ok).toBe(false);
  });

  it('splits at the first colon only: a user part may contain ":"', () => {
    const now = 1_999_999_000_000;
    const c = mintEphemeralCredentials({ secret: 's', user: 'sip:odd:user', ttlSeconds: 1000, now });
    expect(c.username).toBe('2000000000:sip:odd:user');
    expect(c.password).toBe('IESEwxlIfWfbvKMO3xv+Wkct9H0=');
    expect(parseEphemeralUsername(c.username)).toEqual({ expiry: 2_000_000_000, user: 'sip:odd:user' });
    expect(verifyEphemeral('s', c.username, c.password, now)).toMatchObject({
      ok: true,
      user: 'sip:odd:user',
    });
  });

  it.each(['', '1001', ':1001', '1700000000:', 'abc:1001', '-5:1001', '1.5:1001'])(
    'treats %j as malformed',
    (username) => {
      expect(verifyEphemeral('s', username, 'x', 0)).toEqual({ ok: false, reason: 'malformed' });
    },
  );
});
