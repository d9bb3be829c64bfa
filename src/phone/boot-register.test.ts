import { describe, expect, it } from 'vitest';
import {
  BOOT_PLACEHOLDERS,
  BOOT_REGISTER_KEY,
  claimIdentity,
  hex,
  markIdentity,
  newIdentity,
  prepareBootRegister,
  readBootRecord,
  registerTemplate,
  watchRegistrations,
  type SipIdentity,
} from './boot-register';
import { bootRegisterUnderway, EARLY_SOCKET_GLOBAL } from './boot-slot';
import { CHALLENGE_MAX_AGE_MS, PreemptiveDigest, type SavedChallenge } from './preemptive-digest';

class MemoryStore {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

let counter = 0;
/** Distinct, deterministic bytes. */
const random = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + ++counter) & 0xff);

const ACCOUNT = 'sip:1001@openline.local ws://127.0.0.1/sip';

const register = (opts: { expires?: string; auth?: boolean; callId?: string } = {}) =>
  [
    'REGISTER sip:openline.local SIP/2.0',
    'Via: SIP/2.0/WSS abc123.invalid;branch=z9hG4bK7777777',
    'To: <sip:1001@openline.local>',
    'From: <sip:1001@openline.local>;tag=fromtag1',
    'CSeq: 3 REGISTER',
    `Call-ID: ${opts.callId ?? 'call-one'}`,
    'Max-Forwards: 70',
    ...(opts.auth ? ['Authorization: Digest username="1001", realm="r", nonce="n", response="x"'] : []),
    `Contact: <sip:kq1@abc123.invalid;transport=ws>;+sip.ice;reg-id=1;+sip.instance="<urn:uuid:0d2b3c4d-1111-4222-8333-444455556666>";expires=${opts.expires ?? '600'}`,
    `Expires: ${opts.expires ?? '600'}`,
    'Supported: path, gruu, outbound',
    'User-Agent: Openline',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');

describe('registerTemplate', () => {
  it('keeps the request and its binding, and leaves branch, tag and Call-ID to the boot script', () => {
    const template = registerTemplate(register({ auth: true }))!;
    expect(template.startsWith('REGISTER sip:openline.local SIP/2.0\r\n')).toBe(true);
    expect(template).toContain(
      `Via: SIP/2.0/WSS abc123.invalid;branch=z9hG4bK${BOOT_PLACEHOLDERS.branch}\r\n`,
    );
    expect(template).toContain(`From: <sip:1001@openline.local>;tag=${BOOT_PLACEHOLDERS.tag}\r\n`);
    expect(template).toContain(`Call-ID: ${BOOT_PLACEHOLDERS.callId}\r\n`);
    expect(template).toContain('CSeq: 1 REGISTER\r\n');
    expect(template).toContain('Contact: <sip:kq1@abc123.invalid;transport=ws>;+sip.ice');
    expect(template).not.toMatch(/Authorization|call-one|fromtag1|7777777/);
    expect(template.endsWith('Content-Length: 0\r\n\r\n')).toBe(true);
  });

  it('refuses an unregister, another method, a body, a message without its blank line or a missing Call-ID', () => {
    expect(registerTemplate(register({ expires: '0' }))).toBeNull();
    expect(registerTemplate(register().replace('REGISTER sip:', 'OPTIONS sip:'))).toBeNull();
    expect(registerTemplate(register().replace('Content-Length: 0', 'Content-Length: 12'))).toBeNull();
    expect(registerTemplate(register().replace('\r\n\r\n', '\r\n'))).toBeNull();
    expect(registerTemplate(register().replace(/Call-ID: [^\r]*\r\n/, ''))).toBeNull();
    expect(registerTemplate('')).toBeNull();
  });
});

describe('hex', () => {
  it('writes two lower-case digits a byte, leading zeros kept', () => {
    expect(hex(Uint8Array.from([0, 1, 0xab, 0xff]))).toBe('0001abff');
    expect(hex(new Uint8Array(0))).toBe('');
  });
});

describe('the tab identity', () => {
  it('is new, in sip.js shapes, on a first start', () => {
    const store = new MemoryStore();
    const identity = claimIdentity(store, ACCOUNT, random);
    expect(identity.contactName).toMatch(/^[0-9a-f]{10}$/);
    expect(identity.viaHost).toMatch(/^[0-9a-f]{12}\.invalid$/);
    expect(identity.instanceId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(readBootRecord(store)).toEqual({ account: ACCOUNT, identity, inUse: true });
  });

  it('is kept by the next page of the tab once this one has gone (a reload)', () => {
    const store = new MemoryStore();
    const first = claimIdentity(store, ACCOUNT, random);
    markIdentity(store, first, false);
    expect(readBootRecord(store)?.inUse).toBe(false);
    expect(claimIdentity(store, ACCOUNT, random)).toEqual(first);
  });

  it('is not shared with a duplicated tab (its copy says in use), nor with another account', () => {
    const store = new MemoryStore();
    const first = claimIdentity(store, ACCOUNT, random);
    const copy = claimIdentity(store, ACCOUNT, random);
    expect(copy.instanceId).not.toBe(first.instanceId);
    markIdentity(store, copy, false);
    const other = claimIdentity(store, 'sip:1002@openline.local ws://127.0.0.1/sip', random);
    expect(other.instanceId).not.toBe(copy.instanceId);
  });

  it('is marked in use or not without touching the rest of the record, and only where there is one', () => {
    const store = new MemoryStore();
    const identity = claimIdentity(store, ACCOUNT, random);
    const { digest } = digestWith(acceptedChallenge(1), 1);
    prepareBootRegister({ storage: store, digest, url: 'u', identity }, register());
    const before = readBootRecord(store)!;
    expect(before.prepared).toBeDefined();
    markIdentity(store, identity, false);
    expect(readBootRecord(store)).toEqual({ ...before, inUse: false });
    markIdentity(store, identity, false);
    expect(readBootRecord(store)).toEqual({ ...before, inUse: false });
    const empty = new MemoryStore();
    markIdentity(empty, identity, true);
    expect(empty.items.size).toBe(0);
    const bad = new MemoryStore();
    bad.setItem(BOOT_REGISTER_KEY, '{');
    markIdentity(bad, identity, true);
    expect(bad.getItem(BOOT_REGISTER_KEY)).toBe('{');
  });

  it('is held again when the page comes back from the back/forward cache', () => {
    const store = new MemoryStore();
    const identity = claimIdentity(store, ACCOUNT, random);
    markIdentity(store, identity, false);
    expect(readBootRecord(store)?.inUse).toBe(false);
    markIdentity(store, identity, true);
    expect(readBootRecord(store)?.inUse).toBe(true);
  });

  it('is new when the record is malformed, and another identity does not release it', () => {
    const store = new MemoryStore();
    for (const bad of [
      '{',
      '"x"',
      JSON.stringify({ account: ACCOUNT, inUse: false, identity: { contactName: 'a b' } }),
    ]) {
      store.setItem(BOOT_REGISTER_KEY, bad);
      expect(readBootRecord(store)).toBeNull();
      expect(claimIdentity(store, ACCOUNT, random).contactName).toMatch(/^[0-9a-f]{10}$/);
    }
    const held = readBootRecord(store)!;
    markIdentity(store, newIdentity(random), false);
    expect(readBootRecord(store)).toEqual(held);
  });
});

function digestWith(challenge: SavedChallenge | null, now: number) {
  let saved = challenge;
  const digest = new PreemptiveDigest({
    account: () => ({ username: '1001', password: 'secret', server: 'ws://127.0.0.1/sip' }),
    store: { read: () => saved, write: (c) => (saved = c) },
    now: () => now,
    cnonce: () => 'c0ffee',
  });
  return { digest, saved: () => saved };
}

/** A challenge the registrar accepted `secret` for (proof as preemptive-digest.ts computes it). */
function acceptedChallenge(seenAt: number): SavedChallenge {
  // Learn it the way the filter does: a 401, then a 2xx.
  let saved: SavedChallenge | null = null;
  const digest = new PreemptiveDigest({
    account: () => ({ username: '1001', password: 'secret', server: 'ws://127.0.0.1/sip' }),
    store: { read: () => saved, write: (c) => (saved = c) },
    now: () => seenAt,
    cnonce: () => 'c0ffee',
  });
  digest.incoming(
    'SIP/2.0 401 Unauthorized\r\nCSeq: 1 REGISTER\r\nWWW-Authenticate: Digest realm="openline.local", nonce="n0nce", qop="auth", algorithm=MD5\r\n\r\n',
  );
  digest.incoming('SIP/2.0 200 OK\r\nCSeq: 2 REGISTER\r\n\r\n');
  return saved!;
}

describe('prepareBootRegister', () => {
  const T = 1_000_000;

  function claimed(store: MemoryStore): SipIdentity {
    return claimIdentity(store, ACCOUNT, random);
  }

  it('keeps the next REGISTER with credentials for the accepted nonce, its count spent, until the nonce ages out', () => {
    const store = new MemoryStore();
    const identity = claimed(store);
    const { digest, saved } = digestWith(acceptedChallenge(T), T + 1000);
    prepareBootRegister(
      { storage: store, digest, url: 'ws://127.0.0.1/sip', identity },
      register({ auth: true }),
    );
    const prepared = readBootRecord(store)!.prepared!;
    expect(prepared.url).toBe('ws://127.0.0.1/sip');
    expect(prepared.validUntil).toBe(T + CHALLENGE_MAX_AGE_MS);
    expect(prepared.message).toMatch(
      /\r\nAuthorization: Digest username="1001", realm="openline.local", nonce="n0nce", uri="sip:openline.local", response="[0-9a-f]{32}", algorithm=MD5, qop=auth, nc=00000002, cnonce="c0ffee"\r\n/,
    );
    expect(prepared.message).toContain(BOOT_PLACEHOLDERS.callId);
    // The app's own next REGISTER counts on from there, so the boot script's is never a replay.
    expect(saved()!.nc).toBe(2);
    expect(digest.outgoing(register())).toContain('nc=00000003');
  });

  it('keeps nothing without an accepted nonce (a bare REGISTER would only earn a 401), and drops an older one', () => {
    const store = new MemoryStore();
    const identity = claimed(store);
    const fresh = digestWith(acceptedChallenge(T), T);
    prepareBootRegister({ storage: store, digest: fresh.digest, url: 'u', identity }, register());
    expect(readBootRecord(store)?.prepared).toBeDefined();
    const stale = digestWith(acceptedChallenge(T), T + CHALLENGE_MAX_AGE_MS + 1);
    prepareBootRegister({ storage: store, digest: stale.digest, url: 'u', identity }, register());
    expect(readBootRecord(store)?.prepared).toBeUndefined();
    expect(readBootRecord(store)?.identity).toEqual(identity);
  });

  it('leaves alone a record another identity holds (a second user agent of the page)', () => {
    const store = new MemoryStore();
    claimed(store);
    const before = store.getItem(BOOT_REGISTER_KEY);
    const { digest } = digestWith(acceptedChallenge(T), T);
    prepareBootRegister({ storage: store, digest, url: 'u', identity: newIdentity(random) }, register());
    expect(store.getItem(BOOT_REGISTER_KEY)).toBe(before);
  });
});

describe('watchRegistrations', () => {
  it('prepares on a 2xx to the last REGISTER sent, after the message went through, and on nothing else', async () => {
    const store = new MemoryStore();
    const identity = claimIdentity(store, ACCOUNT, random);
    const { digest } = digestWith(acceptedChallenge(1), 1);
    const seen: string[] = [];
    const transport = {
      send: (m: string) => {
        seen.push(`sent ${m.slice(0, 8)}`);
        return Promise.resolve();
      },
      onMessage: (m: string) => {
        seen.push(`got ${m.slice(0, 11)}`);
        expect(readBootRecord(store)?.prepared).toBeUndefined();
      },
    };
    watchRegistrations(transport, { storage: store, digest, url: 'u', identity });
    await transport.send(register({ callId: 'call-two' }));
    transport.onMessage('SIP/2.0 200 OK\r\nCSeq: 9 REGISTER\r\nCall-ID: call-one\r\n\r\n');
    transport.onMessage('SIP/2.0 200 OK\r\nCSeq: 3 OPTIONS\r\nCall-ID: call-two\r\n\r\n');
    transport.onMessage('SIP/2.0 401 Unauthorized\r\nCSeq: 3 REGISTER\r\nCall-ID: call-two\r\n\r\n');
    expect(readBootRecord(store)?.prepared).toBeUndefined();
    transport.onMessage('SIP/2.0 200 OK\r\nCSeq: 3 REGISTER\r\nCall-ID: call-two\r\n\r\n');
    expect(readBootRecord(store)?.prepared?.message).toContain('Authorization: Digest');
    expect(seen).toHaveLength(5);
  });

  it('reads the 2xx in compact form and any case, and its head only (not a CSeq in its body)', async () => {
    const store = new MemoryStore();
    const identity = claimIdentity(store, ACCOUNT, random);
    const { digest } = digestWith(acceptedChallenge(1), 1);
    const transport = { send: (_message: string) => Promise.resolve(), onMessage: (_message: string) => {} };
    watchRegistrations(transport, { storage: store, digest, url: 'u', identity });
    await transport.send(register({ callId: 'call-two' }));
    transport.onMessage('SIP/2.0 200 OK\r\nCSeq: 3 OPTIONS\r\ni: call-two\r\n\r\nCSeq: 3 REGISTER');
    expect(readBootRecord(store)?.prepared).toBeUndefined();
    transport.onMessage('SIP/2.0 202 Accepted\r\ncseq:3 register\r\ni:call-two \r\n\r\n');
    expect(readBootRecord(store)?.prepared?.message).toContain('Authorization: Digest');
  });
});

describe('bootRegisterUnderway', () => {
  it('is true only where the boot script left a socket with a REGISTER on its way', () => {
    expect(bootRegisterUnderway({})).toBe(false);
    expect(bootRegisterUnderway({ [EARLY_SOCKET_GLOBAL]: { url: 'ws://x/sip' } })).toBe(false);
    expect(bootRegisterUnderway({ [EARLY_SOCKET_GLOBAL]: 'junk' })).toBe(false);
    expect(bootRegisterUnderway({ [EARLY_SOCKET_GLOBAL]: { url: 'ws://x/sip', bootCallId: 'c1' } })).toBe(
      true,
    );
  });
});
