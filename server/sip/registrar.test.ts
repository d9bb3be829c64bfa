import { describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { computeDigestResponse, computeHa1, DigestAuthenticator } from './digest';
import { parseMessage, type SipRequest } from './message';
import { Registrar } from './registrar';
import { AuthThrottle } from './throttle';
import type { SipConnection } from './transport';

const realm = 'openline.local';
let clock = 1_800_000_000_000;

function conn(id: string): SipConnection & { sent: string[]; open: boolean } {
  return {
    id,
    ip: '127.0.0.1',
    remote: 'test',
    open: true,
    identities: new Set(),
    sent: [],
    send: () => true,
  };
}

function setup() {
  const auth = new DigestAuthenticator({
    realm,
    nonceTtlMs: 300_000,
    lookupHa1: (u) => computeHa1(u, realm, 'pw'),
    now: () => clock,
  });
  const registrar = new Registrar({
    domain: realm,
    isLocalHost: (h) => h === realm,
    accountExists: (u) => ['1001', '1002'].includes(u),
    auth,
    throttle: new AuthThrottle({ freeFailures: 5, baseMs: 1000, maxMs: 60_000, log: createLogger('silent') }),
    log: createLogger('silent'),
    minExpires: 60,
    maxExpires: 3600,
    defaultExpires: 600,
    now: () => clock,
  });
  let cseq = 1;
  const register = (
    c: SipConnection,
    o: { contact: string; callId?: string; cseq?: number; user?: string },
  ) => {
    const user = o.user ?? '1001';
    const nonce = auth.createNonce();
    const response = computeDigestResponse({
      ha1: computeHa1(user, realm, 'pw'),
      method: 'REGISTER',
      uri: `sip:${realm}`,
      nonce,
      qop: 'auth',
      nc: '00000001',
      cnonce: 'c',
    });
    const text = [
      `REGISTER sip:${realm} SIP/2.0`,
      'Via: SIP/2.0/WS x.invalid;branch=z9hG4bK1',
      `To: <sip:${user}@${realm}>`,
      `From: <sip:${user}@${realm}>;tag=1`,
      `Call-ID: ${o.callId ?? 'call-1'}`,
      `CSeq: ${o.cseq ?? cseq++} REGISTER`,
      `Contact: ${o.contact}`,
      `Authorization: Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="sip:${realm}", response="${response}", qop=auth, nc=00000001, cnonce="c"`,
      '',
      '',
    ].join('\r\n');
    const parsed = parseMessage(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return registrar.handleRegister(parsed.message as SipRequest, c).split('\r\n')[0];
  };
  return { registrar, register };
}

describe('Registrar', () => {
  it('expires bindings and sweeps them', () => {
    const { registrar, register } = setup();
    const c = conn('c1');
    expect(register(c, { contact: '<sip:a@a.invalid;transport=ws>;expires=60' })).toBe('SIP/2.0 200 OK');
    expect(register(c, { contact: '<sip:b@b.invalid;transport=ws>;expires=120' })).toBe('SIP/2.0 200 OK');
    expect(registrar.lookup('1001')).toHaveLength(2);
    clock += 61_000;
    expect(registrar.lookup('1001').map((b) => b.contact.uri.user)).toEqual(['b']);
    expect(registrar.stats().bindings).toBe(2); // still stored until swept
    registrar.sweep();
    expect(registrar.stats()).toMatchObject({ bindings: 1, aors: 1 });
    clock += 60_000;
    registrar.sweep();
    expect(registrar.stats()).toMatchObject({ bindings: 0, aors: 0 });
    expect(registrar.hasBindingsOn(c)).toBe(false);
  });

  it('clamps to maxExpires and uses the default without an expires value', () => {
    const { registrar, register } = setup();
    const c = conn('c1');
    register(c, { contact: '<sip:a@a.invalid>;expires=99999' });
    register(c, { contact: '<sip:b@b.invalid>' });
    const byUser = Object.fromEntries(
      registrar.lookup('1001').map((b) => [b.contact.uri.user, (b.expiresAt - clock) / 1000]),
    );
    expect(byUser).toEqual({ a: 3600, b: 600 });
  });

  it('moves a refreshed binding to the connection it now arrives on', () => {
    const { registrar, register } = setup();
    const first = conn('c1');
    const second = conn('c2');
    register(first, { contact: '<sip:a@a.invalid;transport=ws>' });
    register(second, { contact: '<sip:a@a.invalid;transport=ws>' });
    expect(registrar.lookup('1001').map((b) => b.conn.id)).toEqual(['c2']);
    registrar.dropConnection(first);
    expect(registrar.lookup('1001')).toHaveLength(1);
    expect(registrar.findByContact(registrar.lookup('1001')[0]!.contact.uri)?.conn.id).toBe('c2');
    registrar.dropConnection(second);
    expect(registrar.lookup('1001')).toHaveLength(0);
  });

  it('rejects an out-of-order CSeq for the same Call-ID (RFC 3261 §10.3 step 7)', () => {
    const { register } = setup();
    const c = conn('c1');
    expect(register(c, { contact: '<sip:a@a.invalid>', callId: 'x', cseq: 5 })).toBe('SIP/2.0 200 OK');
    expect(register(c, { contact: '<sip:a@a.invalid>', callId: 'x', cseq: 5 })).toMatch(/^SIP\/2\.0 500 /);
    expect(register(c, { contact: '<sip:a@a.invalid>', callId: 'y', cseq: 1 })).toBe('SIP/2.0 200 OK');
  });

  it('caps the number of contacts per user', () => {
    const { register } = setup();
    const c = conn('c1');
    for (let i = 0; i < 16; i++)
      expect(register(c, { contact: `<sip:u${i}@h.invalid>` })).toBe('SIP/2.0 200 OK');
    expect(register(c, { contact: '<sip:u16@h.invalid>' })).toMatch(/^SIP\/2\.0 403 /);
  });

  it('ignores bindings on closed sockets in lookups', () => {
    const { registrar, register } = setup();
    const c = conn('c1');
    register(c, { contact: '<sip:a@a.invalid>' });
    c.open = false;
    expect(registrar.lookup('1001')).toEqual([]);
  });
});
