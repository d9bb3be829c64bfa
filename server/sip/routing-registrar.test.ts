/**
 * Registrar behaviour over the wire: digest, bindings, expiry.
 * Real `ws` clients speaking hand-built SIP to a server started on port 0 (server/sip/testing).
 */
import { describe, expect, it } from 'vitest';
import { digestAuthorization, rand, uriOf, waitUntil } from './testing';
import { invite, useSipTestServer } from './testing/server';

const sip = useSipTestServer();
const { phone } = sip;

describe('registrar', () => {
  it('challenges with 401, then binds the contact and lists it in 200 OK', async () => {
    const p = await phone('1001', { register: false });
    p.send(p.registerText());
    const challenge = await p.response(401, 'REGISTER');
    const www = challenge.getHeader('www-authenticate')!;
    expect(www).toMatch(/^Digest realm="openline.local", nonce="[^"]+", algorithm=MD5, qop="auth"$/);
    expect(challenge.toTag).toBeTruthy();

    const authorization = digestAuthorization(www, {
      username: '1001',
      password: 'openline',
      method: 'REGISTER',
      uri: 'sip:openline.local',
    });
    p.send(p.registerText({ authorization, expires: 300 }));
    const ok = await p.response(200, 'REGISTER');
    const contacts = ok.getHeaders('contact');
    expect(contacts).toHaveLength(1);
    expect(uriOf(contacts[0])).toBe(p.contact);
    expect(contacts[0]).toMatch(/;expires=(300|299)$/);
    expect(sip.server.registrar.bindings).toBe(1);
    expect(sip.server.registrar.contacts('1001')).toEqual([p.contact]);

    const health = (await (await fetch(`${sip.server.url}/api/health`)).json()) as {
      sip: { registrations: number };
    };
    expect(health.sip.registrations).toBe(1);
  });

  it('answers a wrong password with another 401 and binds nothing', async () => {
    const p = await phone('1001', { register: false });
    const res = await p.register({ password: 'wrong' });
    expect(res.statusCode).toBe(401);
    expect(res.getHeader('www-authenticate')).not.toContain('stale=true');
    expect(sip.server.registrar.bindings).toBe(0);
  });

  it('refuses with 403 when the credentials belong to another user than To', async () => {
    const p = await phone('1001', { register: false });
    const res = await p.register({ to: 'sip:1002@openline.local' });
    expect(res.statusCode).toBe(403);
    expect(sip.server.registrar.bindings).toBe(0);
  });

  it('rejects a replayed Authorization (same nonce and nc) with stale=true', async () => {
    const p = await phone('1001', { register: false });
    p.send(p.registerText());
    const www = (await p.response(401)).getHeader('www-authenticate')!;
    const authorization = digestAuthorization(www, {
      username: '1001',
      password: 'openline',
      method: 'REGISTER',
      uri: 'sip:openline.local',
    });
    p.send(p.registerText({ authorization }));
    expect((await p.final('REGISTER')).statusCode).toBe(200);
    p.send(p.registerText({ authorization }));
    const replay = await p.final('REGISTER');
    expect(replay.statusCode).toBe(401);
    expect(replay.getHeader('www-authenticate')).toContain('stale=true');
  });

  it('keeps several contacts, removes one with expires=0 and all with *', async () => {
    const p = await phone('1001');
    const second = `<sip:second@${rand(3)}.invalid;transport=ws>;expires=120`;
    const res = await p.register({ contact: second });
    expect(res.getHeaders('contact')).toHaveLength(2);
    expect(sip.server.registrar.bindings).toBe(2);

    const gone = await p.register({ contact: `<${p.contact}>;expires=0` });
    expect(gone.statusCode).toBe(200);
    expect(gone.getHeaders('contact').map(uriOf)).toEqual([uriOf(second)]);

    p.send(p.registerText({ contact: '*' }));
    const challenge = await p.response(401);
    // Wildcard requires Expires: 0 (RFC 3261 §10.3 step 6)
    const www = challenge.getHeader('www-authenticate')!;
    const auth = (nc = 1) =>
      digestAuthorization(www, {
        username: '1001',
        password: 'openline',
        method: 'REGISTER',
        uri: 'sip:openline.local',
        nc,
      });
    p.send(p.registerText({ contact: '*', authorization: auth(1) }));
    expect((await p.final('REGISTER')).statusCode).toBe(400);
    const text = p
      .registerText({ contact: '*', authorization: auth(2) })
      .replace('\r\nContact: *', '\r\nContact: *\r\nExpires: 0');
    p.send(text);
    const cleared = await p.final('REGISTER');
    expect(cleared.statusCode).toBe(200);
    expect(cleared.getHeaders('contact')).toEqual([]);
    expect(sip.server.registrar.bindings).toBe(0);
  });

  it('answers 423 with Min-Expires when the interval is too brief', async () => {
    const p = await phone('1001', { register: false });
    const res = await p.register({ expires: 5 });
    expect(res.statusCode).toBe(423);
    expect(res.getHeader('min-expires')).toBe('60');
  });

  it('drops the binding when the WebSocket closes, then calls get 480', async () => {
    const bob = await phone('1002');
    expect(sip.server.registrar.bindings).toBe(1);
    await bob.close();
    await waitUntil(() => sip.server.registrar.bindings === 0);
    const alice = await phone('1001');
    invite(alice);
    expect((await alice.final('INVITE')).statusCode).toBe(480);
  });
});
