import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  authParams,
  CHALLENGE_MAX_AGE_MS,
  filterTransport,
  PreemptiveDigest,
  storedChallenges,
  type SavedChallenge,
} from './preemptive-digest';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const SERVER = 'wss://sip.example.com/ws';
const account = { username: '1001', password: 'secret', server: SERVER };

const register = (extra: string[] = []) =>
  [
    'REGISTER sip:example.com SIP/2.0',
    'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
    'To: <sip:1001@example.com>',
    'From: <sip:1001@example.com>;tag=t1',
    'Call-ID: c1',
    'CSeq: 1 REGISTER',
    ...extra,
    'Contact: <sip:x@abc.invalid;transport=ws>;expires=600',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');

const response = (code: number, reason: string, extra: string[] = [], method = 'REGISTER') =>
  [
    `SIP/2.0 ${code} ${reason}`,
    'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
    `CSeq: 1 ${method}`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');

const challenge = (params = 'realm="example.com", nonce="n0nce", algorithm=MD5, qop="auth"') =>
  response(401, 'Unauthorized', [`WWW-Authenticate: Digest ${params}`]);

function memoryStore() {
  let kept: SavedChallenge | null = null;
  return {
    read: () => kept,
    write: (next: SavedChallenge | null) => (kept = next ? { ...next } : null),
    get kept() {
      return kept;
    },
  };
}

function rig(overrides: { now?: () => number; account?: typeof account | null } = {}) {
  const store = memoryStore();
  let clock = 1_000_000;
  const digest = new PreemptiveDigest({
    account: () => (overrides.account === undefined ? account : overrides.account),
    store,
    now: overrides.now ?? (() => clock),
    cnonce: () => 'c0ffee',
  });
  return { digest, store, advance: (ms: number) => (clock += ms) };
}

function authorizationOf(message: string): Map<string, string> | null {
  const line = /^Authorization: Digest (.*)$/m.exec(message);
  return line ? authParams(line[1]!) : null;
}

/** What the registrar computes (RFC 2617 qop=auth), independently of the code under test. */
function expectedResponse(nonce: string, nc: string, cnonce: string, password = 'secret') {
  const ha1 = md5(`1001:example.com:${password}`);
  return md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${md5('REGISTER:sip:example.com')}`);
}

describe('PreemptiveDigest', () => {
  it('answers the nonce a REGISTER was accepted with, with the next count, on the next bare REGISTER', () => {
    const { digest, store } = rig();
    digest.incoming(challenge());
    expect(digest.outgoing(register()), 'not trusted before a 2xx').toBe(register());
    digest.incoming(response(200, 'OK'));

    const sent = digest.outgoing(register());
    const auth = authorizationOf(sent)!;
    expect(Object.fromEntries(auth)).toEqual({
      username: '1001',
      realm: 'example.com',
      nonce: 'n0nce',
      uri: 'sip:example.com',
      response: expectedResponse('n0nce', '00000002', 'c0ffee'),
      algorithm: 'MD5',
      qop: 'auth',
      nc: '00000002',
      cnonce: 'c0ffee',
    });
    // Only a header was added, inside the header block; the body boundary and everything else are intact.
    expect(sent.replace(/^Authorization: .*\r\n/m, '')).toBe(register());
    expect(store.kept?.nc).toBe(2);
    expect(authorizationOf(digest.outgoing(register()))!.get('nc')).toBe('00000003');
  });

  it('keeps the opaque value and quotes what needs quoting', () => {
    const { digest } = rig();
    digest.incoming(challenge('realm="ex \\"a\\"", nonce="n", opaque="op", qop="auth,auth-int"'));
    digest.incoming(response(200, 'OK'));
    const line = /^Authorization: .*$/m.exec(digest.outgoing(register()))![0];
    expect(line).toContain('realm="ex \\"a\\""');
    expect(line).toContain('opaque="op"');
    expect(authParams(line).get('realm')).toBe('ex "a"');
  });

  it('leaves every request alone that it cannot answer with trusted credentials', () => {
    const { digest, advance } = rig();
    expect(digest.outgoing(register()), 'no challenge yet').toBe(register());
    digest.incoming(challenge());
    digest.incoming(response(200, 'OK'));
    const withOwn = register(['Authorization: Digest username="1001", nonce="x"']);
    expect(digest.outgoing(withOwn), "sip.js's own answer to a 401").toBe(withOwn);
    const invite = register().replace(/REGISTER/g, 'INVITE');
    expect(digest.outgoing(invite)).toBe(invite);
    advance(CHALLENGE_MAX_AGE_MS + 1);
    expect(digest.outgoing(register()), 'an old nonce would only be refused').toBe(register());
  });

  it('does not answer for another account or another server', () => {
    const first = rig();
    first.digest.incoming(challenge());
    first.digest.incoming(response(200, 'OK'));
    const store = first.store;
    for (const other of [
      { ...account, username: '1002' },
      { ...account, server: 'wss://other.example.com/ws' },
    ]) {
      const digest = new PreemptiveDigest({
        account: () => other,
        store,
        now: () => 1_000_000,
        cnonce: () => 'c',
      });
      expect(digest.outgoing(register())).toBe(register());
    }
  });

  it('only learns Digest MD5 challenges that offer qop=auth, of a sane size, from responses to REGISTER', () => {
    for (const params of [
      'realm="example.com", nonce="n", algorithm=SHA-256, qop="auth"',
      'realm="example.com", nonce="n"',
      'realm="example.com", qop="auth"',
      `realm="example.com", nonce="${'n'.repeat(513)}", qop="auth"`,
    ]) {
      const { digest } = rig();
      digest.incoming(challenge(params));
      digest.incoming(response(200, 'OK'));
      expect(digest.outgoing(register()), params).toBe(register());
    }
    const { digest, store } = rig();
    digest.incoming(
      response(401, 'Unauthorized', ['WWW-Authenticate: Digest realm="r", nonce="n", qop="auth"'], 'INVITE'),
    );
    expect(store.kept).toBeNull();
    digest.incoming('garbage\r\n\r\n');
    digest.incoming('SIP/2.0 401 Unauthorized');
    expect(store.kept).toBeNull();
  });

  it('replaces a refused nonce with the new challenge, trusted again only after the next 2xx', () => {
    const { digest } = rig();
    digest.incoming(challenge());
    digest.incoming(response(200, 'OK'));
    digest.outgoing(register());
    digest.incoming(challenge('realm="example.com", nonce="fresh", qop="auth", stale=true'));
    expect(digest.outgoing(register())).toBe(register());
    digest.incoming(response(200, 'OK'));
    expect(authorizationOf(digest.outgoing(register()))!.get('nonce')).toBe('fresh');
  });

  it('forgets the nonce when the registrar refuses the account (403)', () => {
    const { digest, store } = rig();
    digest.incoming(challenge());
    digest.incoming(response(200, 'OK'));
    digest.incoming(response(403, 'Forbidden'));
    expect(store.kept).toBeNull();
    expect(digest.outgoing(register())).toBe(register());
  });

  it('does not try a password changed since the nonce was accepted (it would count as a guess)', () => {
    let password = 'secret';
    const store = memoryStore();
    const digest = new PreemptiveDigest({
      account: () => ({ ...account, password }),
      store,
      now: () => 1_000_000,
      cnonce: () => 'c',
    });
    digest.incoming(challenge());
    digest.incoming(response(200, 'OK'));
    password = 'typed-in-settings';
    expect(digest.outgoing(register())).toBe(register());
    password = 'secret';
    expect(authorizationOf(digest.outgoing(register()))).not.toBeNull();
  });

  it('does nothing while signed out (no credentials)', () => {
    const { digest, store } = rig({ account: null });
    digest.incoming(challenge());
    expect(store.kept).toBeNull();
  });
});

describe('PreemptiveDigest with a proxy that authenticates calls (407)', () => {
  const invite = (to = '<sip:1002@example.com>') =>
    [
      'INVITE sip:1002@example.com SIP/2.0',
      'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK2',
      `To: ${to}`,
      'From: <sip:1001@example.com>;tag=t2',
      'Call-ID: c2',
      'CSeq: 1 INVITE',
      'Content-Type: application/sdp',
      'Content-Length: 4',
      '',
      'v=0\n',
    ].join('\r\n');
  const proxyChallenge = (realm = 'example.com') =>
    response(
      407,
      'Proxy Authentication Required',
      [`Proxy-Authenticate: Digest realm="${realm}", nonce="other", qop="auth"`],
      'INVITE',
    );

  function registered() {
    const r = rig();
    r.digest.incoming(challenge());
    r.digest.incoming(response(200, 'OK'));
    return r;
  }

  it('sends no Proxy-Authorization to a server that has not asked for one', () => {
    const { digest } = registered();
    expect(digest.outgoing(invite())).toBe(invite());
  });

  it('after a 407, answers new calls for the registration’s nonce, with the method in the digest', () => {
    const { digest, store } = registered();
    digest.incoming(proxyChallenge());
    expect(store.kept?.proxy).toBe(true);
    const sent = digest.outgoing(invite());
    const line = /^Proxy-Authorization: Digest (.*)$/m.exec(sent);
    expect(line).not.toBeNull();
    const auth = authParams(line![1]!);
    expect(auth.get('nonce')).toBe('n0nce');
    expect(auth.get('uri')).toBe('sip:1002@example.com');
    const ha1 = md5('1001:example.com:secret');
    const ha2 = md5('INVITE:sip:1002@example.com');
    expect(auth.get('response')).toBe(md5(`${ha1}:n0nce:00000002:c0ffee:auth:${ha2}`));
    expect(sent.endsWith('\r\n\r\nv=0\n'), 'the body is untouched').toBe(true);
    // The registrar's own header stays Authorization, and the count goes on across both.
    expect(authorizationOf(digest.outgoing(register()))!.get('nc')).toBe('00000003');
  });

  it('never inside a dialog, never for ACK or BYE, and not for a 407 from another realm', () => {
    const { digest } = registered();
    digest.incoming(proxyChallenge('elsewhere.example'));
    expect(digest.outgoing(invite())).toBe(invite());
    digest.incoming(proxyChallenge());
    const reInvite = invite('<sip:1002@example.com>;tag=far');
    expect(digest.outgoing(reInvite)).toBe(reInvite);
    const bye = invite().replace(/INVITE/g, 'BYE');
    expect(digest.outgoing(bye)).toBe(bye);
  });

  it('keeps knowing the proxy asks when the registration is challenged again', () => {
    const { digest, store } = registered();
    digest.incoming(proxyChallenge());
    digest.incoming(challenge('realm="example.com", nonce="next", qop="auth"'));
    digest.incoming(response(200, 'OK'));
    expect(store.kept).toMatchObject({ nonce: 'next', proxy: true, accepted: true });
  });
});

describe('storedChallenges', () => {
  function storage() {
    const map = new Map<string, string>();
    return {
      getItem: (key: string) => map.get(key) ?? null,
      setItem: (key: string, value: string) => void map.set(key, value),
      removeItem: (key: string) => void map.delete(key),
      map,
    };
  }
  const saved: SavedChallenge = {
    user: '1001',
    server: SERVER,
    realm: 'example.com',
    nonce: 'n',
    nc: 3,
    seenAt: 5,
    accepted: true,
    proof: 'p',
  };

  it('keeps a challenge across page loads, and forgets it', () => {
    const backing = storage();
    storedChallenges(backing).write(saved);
    expect(storedChallenges(backing).read()).toEqual(saved);
    storedChallenges(backing).write(null);
    expect(backing.map.size).toBe(0);
  });

  it('reads anything else (broken JSON, another shape) as none', () => {
    const backing = storage();
    for (const raw of [
      '{',
      '"text"',
      JSON.stringify({ ...saved, nc: 0 }),
      JSON.stringify({ ...saved, nonce: 4 }),
    ]) {
      backing.map.set('openline.sipChallenge', raw);
      expect(storedChallenges(backing).read(), raw).toBeNull();
    }
  });
});

describe('filterTransport', () => {
  /** A transport that records what it sends and what its UserAgent is handed. */
  function recordingTransport() {
    const sent: string[] = [];
    const received: string[] = [];
    const transport = {
      send: async (message: string) => void sent.push(message),
      onMessage: (message: string) => void received.push(message),
    };
    return { sent, received, transport };
  }

  it('edits what is sent and shows the filter what arrives, before the UserAgent sees it', async () => {
    const { sent, received, transport } = recordingTransport();
    const seen: string[] = [];
    const digest = {
      outgoing: (message: string) => `${message}!`,
      incoming: (message: string) => void seen.push(message),
    } as unknown as PreemptiveDigest;
    filterTransport(transport, digest);
    await transport.send('REGISTER');
    transport.onMessage('SIP/2.0 200 OK');
    expect(sent).toEqual(['REGISTER!']);
    expect(seen).toEqual(['SIP/2.0 200 OK']);
    expect(received).toEqual(['SIP/2.0 200 OK']);
  });

  it('never loses a message to a fault in the filter', async () => {
    const { sent, received, transport } = recordingTransport();
    const broken = {
      outgoing: () => {
        throw new Error('bug');
      },
      incoming: () => {
        throw new Error('bug');
      },
    } as unknown as PreemptiveDigest;
    filterTransport(transport, broken);
    await transport.send('REGISTER');
    transport.onMessage('SIP/2.0 200 OK');
    expect(sent).toEqual(['REGISTER']);
    expect(received).toEqual(['SIP/2.0 200 OK']);
  });
});
