import { DigestAuthentication } from 'sip.js/lib/core/messages/digest-authentication.js';
import { LoggerFactory } from 'sip.js/lib/core/log/logger-factory.js';
import type { OutgoingRequestMessage } from 'sip.js/lib/core/messages/outgoing-request-message.js';
import { describe, expect, it } from 'vitest';
import { computeDigestResponse, computeHa1, DigestAuthenticator, md5, parseCredentials } from './digest';

describe('digest response computation (RFC test vectors)', () => {
  it('RFC 2617 §3.5 (MD5, qop=auth)', () => {
    const ha1 = computeHa1('Mufasa', 'testrealm@host.com', 'Circle Of Life');
    expect(
      computeDigestResponse({
        ha1,
        method: 'GET',
        uri: '/dir/index.html',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        qop: 'auth',
        nc: '00000001',
        cnonce: '0a4f113b',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('RFC 7616 §3.9.1 / RFC 8760 (MD5, qop=auth)', () => {
    const ha1 = computeHa1('Mufasa', 'http-auth@example.org', 'Circle of Life');
    expect(
      computeDigestResponse({
        ha1,
        method: 'GET',
        uri: '/dir/index.html',
        nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
        qop: 'auth',
        nc: '00000001',
        cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      }),
    ).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('RFC 2069 form without qop', () => {
    const ha1 = md5('u:r:p');
    expect(computeDigestResponse({ ha1, method: 'REGISTER', uri: 'sip:x', nonce: 'n' })).toBe(
      md5(`${ha1}:n:${md5('REGISTER:sip:x')}`),
    );
  });
});

describe('parseCredentials', () => {
  it('reads quoted and token values, including commas inside quotes', () => {
    const c = parseCredentials(
      'Digest username="10,01", realm="openline.local",nonce="abc", uri="sip:openline.local", ' +
        'response="0123456789abcdef0123456789abcdef", algorithm=MD5, qop=auth, nc=00000001, cnonce="x\\"y"',
    );
    expect(c).toEqual({
      username: '10,01',
      realm: 'openline.local',
      nonce: 'abc',
      uri: 'sip:openline.local',
      response: '0123456789abcdef0123456789abcdef',
      algorithm: 'MD5',
      qop: 'auth',
      nc: '00000001',
      cnonce: 'x"y',
    });
  });
  it('rejects other schemes and missing fields', () => {
    expect(parseCredentials('Basic dXNlcjpwYXNz')).toBeNull();
    expect(parseCredentials('Digest username="a", realm="b"')).toBeNull();
    expect(parseCredentials('Digest username="a", realm')).toBeNull();
  });
});

describe('DigestAuthenticator', () => {
  const realm = 'openline.local';
  const uri = 'sip:openline.local';
  let clock = 1_700_000_000_000;
  const make = (secret?: Buffer) =>
    new DigestAuthenticator({
      realm,
      nonceTtlMs: 300_000,
      lookupHa1: (u) => (u === '1001' ? computeHa1('1001', realm, 'secret') : undefined),
      now: () => clock,
      ...(secret ? { secret } : {}),
    });
  const answer = (
    nonce: string,
    o: {
      username?: string;
      password?: string;
      nc?: string;
      uri?: string;
      method?: string;
      qop?: string | null;
    } = {},
  ) => {
    const username = o.username ?? '1001';
    const nc = o.nc ?? '00000001';
    const cnonce = 'c0ffee';
    const response = computeDigestResponse({
      ha1: computeHa1(username, realm, o.password ?? 'secret'),
      method: o.method ?? 'REGISTER',
      uri: o.uri ?? uri,
      nonce,
      qop: 'auth',
      nc,
      cnonce,
    });
    const qop = o.qop === null ? '' : `, qop=${o.qop ?? 'auth'}, nc=${nc}, cnonce="${cnonce}"`;
    return `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${o.uri ?? uri}", response="${response}", algorithm=MD5${qop}`;
  };
  const nonceOf = (challenge: string) => /nonce="([^"]+)"/.exec(challenge)![1]!;

  it('issues an RFC-shaped challenge and accepts a correct answer', () => {
    const auth = make();
    const challenge = auth.challenge();
    expect(challenge).toMatch(
      /^Digest realm="openline.local", nonce="[A-Za-z0-9_-]{30}", algorithm=MD5, qop="auth"$/,
    );
    expect(auth.verify('REGISTER', uri, answer(nonceOf(challenge)))).toEqual({ ok: true, username: '1001' });
  });

  it('accepts what sip.js computes for our challenge', () => {
    const auth = make();
    const nonce = auth.createNonce();
    const d = new DigestAuthentication(new LoggerFactory(), undefined, '1001', 'secret');
    const request = { method: 'REGISTER', ruri: uri } as unknown as OutgoingRequestMessage;
    expect(d.authenticate(request, { realm, nonce, qop: 'auth', algorithm: 'MD5' })).toBe(true);
    expect(auth.verify('REGISTER', uri, d.toString())).toEqual({ ok: true, username: '1001' });
  });

  it('rejects a wrong password, unknown user, other realm, missing qop and other URIs', () => {
    const auth = make();
    const nonce = auth.createNonce();
    expect(auth.verify('REGISTER', uri, answer(nonce, { password: 'nope' }))).toMatchObject({
      ok: false,
      reason: 'bad-response',
      stale: false,
    });
    expect(auth.verify('REGISTER', uri, answer(auth.createNonce(), { username: '9999' }))).toMatchObject({
      reason: 'unknown-user',
    });
    expect(
      auth.verify('REGISTER', uri, answer(nonce).replace(`realm="${realm}"`, 'realm="x"')),
    ).toMatchObject({
      reason: 'realm',
    });
    expect(auth.verify('REGISTER', uri, answer(nonce, { qop: null }))).toMatchObject({ reason: 'qop' });
    expect(auth.verify('REGISTER', uri, answer(nonce, { uri: 'sip:other.example' }))).toMatchObject({
      reason: 'uri-mismatch',
    });
    expect(auth.verify('INVITE', uri, answer(auth.createNonce()))).toMatchObject({ reason: 'bad-response' });
    expect(auth.verify('REGISTER', uri, answer(nonce).replace('MD5', 'SHA-256'))).toMatchObject({
      reason: 'algorithm',
    });
    expect(auth.verify('REGISTER', uri, undefined)).toMatchObject({ reason: 'missing' });
    expect(auth.verify('REGISTER', uri, 'Digest nonsense')).toMatchObject({ reason: 'malformed' });
  });

  it('burns a nonce after a wrong response: the right password with it then fails too', () => {
    const auth = make();
    const nonce = auth.createNonce();
    expect(auth.verify('REGISTER', uri, answer(nonce, { password: 'nope' }))).toMatchObject({
      reason: 'bad-response',
    });
    expect(auth.verify('REGISTER', uri, answer(nonce, { nc: '00000002' }))).toMatchObject({
      ok: false,
      reason: 'burned',
    });
    expect(auth.verify('REGISTER', uri, answer(auth.createNonce())).ok).toBe(true);
  });

  it('rejects nonces it did not sign', () => {
    const auth = make();
    const other = make(Buffer.alloc(32, 7));
    expect(auth.verify('REGISTER', uri, answer(other.createNonce()))).toMatchObject({ reason: 'bad-nonce' });
    const nonce = auth.createNonce();
    const tampered = (nonce[0] === 'A' ? 'B' : 'A') + nonce.slice(1);
    expect(auth.verify('REGISTER', uri, answer(tampered))).toMatchObject({ reason: 'bad-nonce' });
    expect(auth.verify('REGISTER', uri, answer('not-a-nonce'))).toMatchObject({ reason: 'bad-nonce' });
  });

  it('marks an expired nonce stale only when the password was right', () => {
    const auth = make();
    const nonce = auth.createNonce();
    clock += 300_001;
    expect(auth.verify('REGISTER', uri, answer(nonce))).toMatchObject({
      ok: false,
      reason: 'stale',
      stale: true,
    });
    expect(auth.verify('REGISTER', uri, answer(nonce, { password: 'nope' }))).toMatchObject({
      reason: 'bad-response',
      stale: false,
    });
    expect(auth.challenge(true)).toMatch(/, stale=true$/);
  });

  it('accepts increasing nc on one nonce and refuses replays', () => {
    const auth = make();
    const nonce = auth.createNonce();
    expect(auth.verify('REGISTER', uri, answer(nonce, { nc: '00000001' })).ok).toBe(true);
    expect(auth.verify('REGISTER', uri, answer(nonce, { nc: '00000001' }))).toMatchObject({
      reason: 'replay',
      stale: true,
    });
    expect(auth.verify('REGISTER', uri, answer(nonce, { nc: '00000002' })).ok).toBe(true);
    expect(auth.verify('REGISTER', uri, answer(nonce, { nc: '00000000' }))).toMatchObject({
      reason: 'replay',
    });
    // Other nonces keep their own counts.
    expect(auth.verify('REGISTER', uri, answer(auth.createNonce(), { nc: '00000001' })).ok).toBe(true);
  });

  it('answers stale=true once a nonce has left the fixed-size replay window', () => {
    const auth = new DigestAuthenticator({
      realm,
      nonceTtlMs: 300_000,
      lookupHa1: () => computeHa1('1001', realm, 'secret'),
      now: () => clock,
      replayWindowBits: 2,
    });
    const old = auth.createNonce();
    for (let i = 0; i < 3; i++) auth.createNonce();
    expect(auth.verify('REGISTER', uri, answer(old)).ok).toBe(true); // 4 nonces: still in the window
    const reused = auth.createNonce();
    expect(auth.verify('REGISTER', uri, answer(old, { nc: '00000002' }))).toMatchObject({
      reason: 'stale',
      stale: true,
    });
    expect(auth.verify('REGISTER', uri, answer(reused)).ok).toBe(true);
  });
});
