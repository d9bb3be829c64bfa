/**
 * Protocol-level end-to-end tests: real `ws` clients speaking hand-built SIP to a server
 * started on port 0 with a temporary data directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../app';
import {
  TestPhone,
  digestAuthorization,
  isRequest,
  isResponse,
  rand,
  sipMessage,
  uriOf,
  waitUntil,
  type IncomingRequestMessage,
} from './testing';

let server: RunningServer;
let dataDir: string;
const phones: TestPhone[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'openline-sip-'));
  server = await startServer({ port: 0, dataDir, staticDir: join(dataDir, 'no-dist'), logLevel: 'silent' });
});

afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
  await waitUntil(() => server.registrar.bindings === 0 && server.sipStats().connections === 0);
});

async function phone(user: string, o: { register?: boolean; password?: string } = {}): Promise<TestPhone> {
  const p = await TestPhone.connect(server.url, user, { password: o.password });
  phones.push(p);
  if (o.register !== false) {
    const res = await p.register();
    expect(res.statusCode).toBe(200);
  }
  return p;
}

/** Caller sends INVITE to `to`; returns the ids needed to continue the call. */
function invite(caller: TestPhone, to = 'sip:1002@openline.local', extra: Array<[string, string]> = []) {
  const inv = caller.outOfDialog('INVITE', to, { body: 'v=0\r\n', extra });
  caller.send(inv.text);
  return inv;
}

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
    expect(server.registrar.bindings).toBe(1);
    expect(server.registrar.contacts('1001')).toEqual([p.contact]);

    const health = (await (await fetch(`${server.url}/api/health`)).json()) as {
      sip: { registrations: number };
    };
    expect(health.sip.registrations).toBe(1);
  });

  it('answers a wrong password with another 401 and binds nothing', async () => {
    const p = await phone('1001', { register: false });
    const res = await p.register({ password: 'wrong' });
    expect(res.statusCode).toBe(401);
    expect(res.getHeader('www-authenticate')).not.toContain('stale=true');
    expect(server.registrar.bindings).toBe(0);
  });

  it('refuses with 403 when the credentials belong to another user than To', async () => {
    const p = await phone('1001', { register: false });
    const res = await p.register({ to: 'sip:1002@openline.local' });
    expect(res.statusCode).toBe(403);
    expect(server.registrar.bindings).toBe(0);
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
    expect(server.registrar.bindings).toBe(2);

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
    expect(server.registrar.bindings).toBe(0);
  });

  it('answers 423 with Min-Expires when the interval is too brief', async () => {
    const p = await phone('1001', { register: false });
    const res = await p.register({ expires: 5 });
    expect(res.statusCode).toBe(423);
    expect(res.getHeader('min-expires')).toBe('60');
  });

  it('drops the binding when the WebSocket closes, then calls get 480', async () => {
    const bob = await phone('1002');
    expect(server.registrar.bindings).toBe(1);
    await bob.close();
    await waitUntil(() => server.registrar.bindings === 0);
    const alice = await phone('1001');
    invite(alice);
    expect((await alice.final('INVITE')).statusCode).toBe(480);
  });
});

describe('proxy: calls', () => {
  it('routes INVITE 1001 → 1002 with Record-Route; 180/200 flow back; ACK and BYE follow the route', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    const inv = invite(alice);

    expect((await alice.response(100, 'INVITE')).statusCode).toBe(100);
    const incoming = await bob.request('INVITE');
    expect(incoming.ruri?.toString()).toBe(bob.contact);
    const rr = incoming.getHeaders('record-route');
    expect(rr).toHaveLength(1);
    expect(rr[0]).toMatch(/^<sip:ol\.[\w-]+\.[\w-]+@openline\.local;transport=ws;lr>$/);
    expect(incoming.getHeaders('via')).toHaveLength(2);
    expect(incoming.getHeader('max-forwards')).toBe('69');
    expect(incoming.body).toBe('v=0\r\n');

    bob.reply(incoming, 180, { toTag: 'bobtag' });
    const ringing = await alice.response(180, 'INVITE');
    expect(ringing.toTag).toBe('bobtag');
    expect(ringing.getHeaders('via')).toHaveLength(1);
    bob.reply(incoming, 200, { toTag: 'bobtag', body: 'v=0\r\n' });
    const ok = await alice.response(200, 'INVITE');
    expect(ok.getHeaders('record-route')).toEqual(rr);
    expect(uriOf(ok.getHeader('contact'))).toBe(bob.contact);

    const aliceSide = {
      target: bob.contact,
      routes: rr,
      callId: inv.callId,
      localTag: inv.fromTag,
      remoteTag: 'bobtag',
      remoteUri: 'sip:1002@openline.local',
    };
    alice.inDialog('ACK', aliceSide, { cseq: inv.cseq });
    const ack = await bob.request('ACK');
    expect(ack.callId).toBe(inv.callId);
    expect(ack.getHeaders('route')).toEqual([]);

    // In-dialog INFO / MESSAGE / OPTIONS from the callee reach the caller, and back.
    const bobSide = {
      target: alice.contact,
      routes: rr,
      callId: inv.callId,
      localTag: 'bobtag',
      remoteTag: inv.fromTag,
      remoteUri: alice.aor,
    };
    for (const method of ['INFO', 'MESSAGE', 'OPTIONS']) {
      bob.inDialog(method, bobSide, { body: method === 'OPTIONS' ? undefined : `hello ${method}` });
      const got = await alice.request(method);
      expect(got.ruri?.toString()).toBe(alice.contact);
      alice.reply(got, 200);
      expect((await bob.response(200, method)).callId).toBe(inv.callId);

      alice.inDialog(method, aliceSide);
      const back = await bob.request(method);
      bob.reply(back, 200);
      expect((await alice.response(200, method)).statusCode).toBe(200);
    }

    bob.inDialog('BYE', bobSide);
    const bye = await alice.request('BYE');
    expect(bye.callId).toBe(inv.callId);
    alice.reply(bye, 200);
    expect((await bob.response(200, 'BYE')).statusCode).toBe(200);
    await waitUntil(() => server.sipStats().transactions === 0);
  });

  it('forks to every registration; the first 2xx wins and the other branch is cancelled', async () => {
    const alice = await phone('1001');
    const desk = await phone('1002');
    const mobile = await phone('1002');
    expect(server.registrar.contacts('1002')).toHaveLength(2);
    const inv = invite(alice);

    const atDesk = await desk.request('INVITE');
    const atMobile = await mobile.request('INVITE');
    desk.reply(atDesk, 180, { toTag: 'desk' });
    mobile.reply(atMobile, 180, { toTag: 'mobile' });
    await alice.response(180);
    await alice.response(180);

    mobile.reply(atMobile, 200, { toTag: 'mobile' });
    expect((await alice.final('INVITE')).toTag).toBe('mobile');

    const cancel = await desk.request('CANCEL');
    expect(cancel.getHeader('reason')).toBe('SIP;cause=200;text="Call completed elsewhere"');
    expect(cancel.getHeader('via')).toBe(atDesk.getHeaders('via')[0]);
    expect(cancel.ruri?.toString()).toBe(desk.contact);
    desk.reply(cancel, 200);
    desk.reply(atDesk, 487, { toTag: 'desk' });
    // The proxy acknowledges the 487 itself (hop-by-hop) ...
    const hopAck = await desk.request('ACK');
    expect(hopAck.toTag).toBe('desk');
    // ... and the caller never sees it.
    await alice.nothing((m) => isResponse(m) && m.statusCode === 487);

    const rr = atMobile.getHeaders('record-route');
    alice.inDialog(
      'ACK',
      {
        target: mobile.contact,
        routes: rr,
        callId: inv.callId,
        localTag: inv.fromTag,
        remoteTag: 'mobile',
        remoteUri: 'sip:1002@openline.local',
      },
      { cseq: inv.cseq },
    );
    await mobile.request('ACK');
    await desk.nothing((m) => isRequest(m, 'ACK'));
  });

  it('CANCEL before answer: 200 for the CANCEL, the callee is cancelled, 487 reaches the caller', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    const inv = invite(alice);
    const incoming = await bob.request('INVITE');
    bob.reply(incoming, 180, { toTag: 'b' });
    await alice.response(180);

    alice.send(
      sipMessage(`CANCEL sip:1002@openline.local SIP/2.0`, [
        ['Via', alice.via(inv.branch)],
        ['Max-Forwards', '70'],
        ['To', '<sip:1002@openline.local>'],
        ['From', `"1001" <${alice.aor}>;tag=${inv.fromTag}`],
        ['Call-ID', inv.callId],
        ['CSeq', `${inv.cseq} CANCEL`],
      ]),
    );
    expect((await alice.response(200, 'CANCEL')).statusCode).toBe(200);
    const cancel = await bob.request('CANCEL');
    bob.reply(cancel, 200);
    bob.reply(incoming, 487, { toTag: 'b' });
    const terminated = await alice.final('INVITE');
    expect(terminated.statusCode).toBe(487);
    expect(terminated.toTag).toBe('b');
    await bob.request('ACK'); // hop-by-hop from the proxy

    // The caller's ACK for the 487 is absorbed by the proxy.
    alice.send(
      sipMessage(`ACK sip:1002@openline.local SIP/2.0`, [
        ['Via', alice.via(inv.branch)],
        ['Max-Forwards', '70'],
        ['To', '<sip:1002@openline.local>;tag=b'],
        ['From', `"1001" <${alice.aor}>;tag=${inv.fromTag}`],
        ['Call-ID', inv.callId],
        ['CSeq', `${inv.cseq} ACK`],
      ]),
    );
    await bob.nothing((m) => isRequest(m, 'ACK'));
    await waitUntil(() => server.sipStats().transactions === 0);
  });

  it('answers 481 to a CANCEL that matches nothing', async () => {
    const alice = await phone('1001');
    const c = alice.outOfDialog('CANCEL', 'sip:1002@openline.local');
    alice.send(c.text);
    expect((await alice.final('CANCEL')).statusCode).toBe(481);
  });

  it('forwards the best final response when every branch fails', async () => {
    const alice = await phone('1001');
    const a = await phone('1002');
    const b = await phone('1002');
    invite(alice);
    const ia = await a.request('INVITE');
    const ib = await b.request('INVITE');
    a.reply(ia, 486, { reason: 'Busy Here' });
    await a.request('ACK');
    b.reply(ib, 480, { reason: 'Temporarily Unavailable' });
    await b.request('ACK');
    const final = await alice.final('INVITE');
    expect(final.statusCode).toBe(486);
    await alice.nothing((m) => isResponse(m, 480));
  });

  it('a 6xx on one branch cancels the others and wins', async () => {
    const alice = await phone('1001');
    const a = await phone('1002');
    const b = await phone('1002');
    invite(alice);
    const ia = await a.request('INVITE');
    const ib = await b.request('INVITE');
    b.reply(ib, 180);
    a.reply(ia, 603, { reason: 'Decline' });
    const cancel = await b.request('CANCEL');
    expect(cancel.getHeader('reason')).toContain('cause=603');
    b.reply(cancel, 200);
    b.reply(ib, 487);
    expect((await alice.final('INVITE')).statusCode).toBe(603);
  });

  it('relays only the first final response of a forked MESSAGE', async () => {
    const alice = await phone('1001');
    const a = await phone('1002');
    const b = await phone('1002');
    alice.send(alice.outOfDialog('MESSAGE', 'sip:1002@openline.local', { body: 'hi both' }).text);
    const ma = await a.request('MESSAGE');
    const mb = await b.request('MESSAGE');
    a.reply(ma, 200);
    b.reply(mb, 200);
    expect((await alice.final('MESSAGE')).statusCode).toBe(200);
    await alice.nothing((m) => isResponse(m, 200));
  });

  it('cancels the callee when the caller disconnects while ringing', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    invite(alice);
    const incoming = await bob.request('INVITE');
    bob.reply(incoming, 180);
    await alice.response(180);
    await alice.close();
    const cancel = await bob.request('CANCEL');
    bob.reply(cancel, 200);
    bob.reply(incoming, 487);
    await bob.request('ACK');
  });

  it('fails the branch with 480 when the callee disconnects while ringing', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    invite(alice);
    const incoming = await bob.request('INVITE');
    bob.reply(incoming, 180);
    await alice.response(180);
    await bob.close();
    expect((await alice.final('INVITE')).statusCode).toBe(480);
  });

  it('answers 404 for unknown users and 480 for known users without a registration', async () => {
    const alice = await phone('1001');
    invite(alice, 'sip:9999@openline.local');
    expect((await alice.final('INVITE')).statusCode).toBe(404);
    invite(alice, 'sip:1003@openline.local');
    expect((await alice.final('INVITE')).statusCode).toBe(480);
    invite(alice, 'sip:1002@elsewhere.example');
    expect((await alice.final('INVITE')).statusCode).toBe(404);
  });

  it('answers 483 when Max-Forwards is 0', async () => {
    const alice = await phone('1001');
    await phone('1002');
    const inv = alice
      .outOfDialog('INVITE', 'sip:1002@openline.local')
      .text.replace('Max-Forwards: 70', 'Max-Forwards: 0');
    alice.send(inv);
    expect((await alice.final('INVITE')).statusCode).toBe(483);
  });

  it('adds Max-Forwards: 70 when it is missing', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    alice.send(
      alice
        .outOfDialog('MESSAGE', 'sip:1002@openline.local', { body: 'hi' })
        .text.replace('Max-Forwards: 70\r\n', ''),
    );
    const msg = await bob.request('MESSAGE');
    expect(msg.getHeader('max-forwards')).toBe('70');
    expect(msg.getHeaders('record-route')).toEqual([]);
    bob.reply(msg, 202);
    expect((await alice.final('MESSAGE')).statusCode).toBe(202);
  });

  it('challenges requests from unregistered connections with 407 and accepts Proxy-Authorization', async () => {
    const guest = await phone('1003', { register: false });
    const bob = await phone('1002');
    const first = guest.outOfDialog('MESSAGE', 'sip:1002@openline.local', { body: 'hello' });
    guest.send(first.text);
    const challenge = await guest.final('MESSAGE');
    expect(challenge.statusCode).toBe(407);
    const proxyAuth = digestAuthorization(challenge.getHeader('proxy-authenticate')!, {
      username: '1003',
      password: 'openline',
      method: 'MESSAGE',
      uri: 'sip:1002@openline.local',
    });
    guest.send(
      guest.outOfDialog('MESSAGE', 'sip:1002@openline.local', {
        body: 'hello',
        callId: first.callId,
        extra: [['Proxy-Authorization', proxyAuth]],
      }).text,
    );
    const msg = await bob.request('MESSAGE');
    expect(msg.getHeader('proxy-authorization')).toBeUndefined();
    expect(msg.body).toBe('hello');
    bob.reply(msg, 200);
    expect((await guest.final('MESSAGE')).statusCode).toBe(200);
  });

  it('refuses a registered connection sending as another user (403) after it authenticates', async () => {
    const alice = await phone('1001');
    await phone('1002');
    const spoof = sipMessage('MESSAGE sip:1002@openline.local SIP/2.0', [
      ['Via', alice.via()],
      ['Max-Forwards', '70'],
      ['To', '<sip:1002@openline.local>'],
      ['From', '<sip:1003@openline.local>;tag=x'],
      ['Call-ID', rand()],
      ['CSeq', '1 MESSAGE'],
    ]);
    alice.send(spoof);
    const challenge = await alice.final('MESSAGE');
    expect(challenge.statusCode).toBe(407);
    const auth = digestAuthorization(challenge.getHeader('proxy-authenticate')!, {
      username: '1001',
      password: 'openline',
      method: 'MESSAGE',
      uri: 'sip:1002@openline.local',
    });
    alice.send(spoof.replace('CSeq: 1 MESSAGE', `CSeq: 2 MESSAGE\r\nProxy-Authorization: ${auth}`));
    expect((await alice.final('MESSAGE')).statusCode).toBe(403);
  });

  it('answers OPTIONS addressed to the server itself', async () => {
    const p = await phone('1001', { register: false });
    p.send(p.outOfDialog('OPTIONS', 'sip:openline.local').text);
    const ok = await p.final('OPTIONS');
    expect(ok.statusCode).toBe(200);
    expect(ok.getHeader('allow')).toContain('INVITE');
  });

  it('relays a late 2xx retransmission after the transaction is gone', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    invite(alice);
    const incoming = await bob.request('INVITE');
    const ok = bob.reply(incoming, 200, { toTag: 't' });
    await alice.final('INVITE');
    await waitUntil(() => server.sipStats().branches === 0);
    bob.send(ok);
    expect((await alice.response(200, 'INVITE')).toTag).toBe('t');
  });
});

describe('transport robustness', () => {
  it('answers a malformed request with 400 when Via/Call-ID/CSeq are readable', async () => {
    const p = await phone('1001', { register: false });
    const bad = sipMessage('MESSAGE sip:1002@openline.local SIP/2.0', [
      ['Via', p.via()],
      ['To', '<sip:1002@openline.local>'],
      ['From', 'this is <not a uri'],
      ['Call-ID', 'bad-1'],
      ['CSeq', '7 MESSAGE'],
    ]);
    p.send(bad);
    // The 400 must echo the broken From, so only the raw frame can be inspected.
    await waitUntil(() => p.unparseable.length === 1);
    const raw = p.unparseable.pop()!;
    expect(raw).toMatch(/^SIP\/2\.0 400 Bad Request\r\n/);
    expect(raw).toContain('\r\nCall-ID: bad-1\r\n');
    expect(raw).toContain('\r\nCSeq: 7 MESSAGE\r\n');

    p.send(
      p
        .outOfDialog('MESSAGE', 'sip:1002@openline.local')
        .text.replace('MESSAGE sip:1002@openline.local', 'MESSAGE not-a-uri'),
    );
    const res = await p.response(400);
    expect(res.getHeader('warning')).toContain('Request-URI');

    p.send(
      p
        .outOfDialog('MESSAGE', 'sip:1002@openline.local')
        .text.replace(/CSeq: (\d+) MESSAGE/, 'CSeq: $1 INVITE'),
    );
    expect((await p.response(400)).statusCode).toBe(400);
  });

  it('survives garbage (binary, empty, huge, half messages) and keeps serving', async () => {
    const p = await phone('1001', { register: false });
    p.send(Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10, 0]));
    p.send('');
    p.send('INVITE\r\n\r\n');
    p.send('SIP/2.0 200 OK\r\nVia: nonsense\r\n\r\n');
    p.send(
      'SIP/2.0 200 OK\r\nVia: SIP/2.0/WS x.invalid;branch=z9hG4bK.ol.nope.1\r\nFrom: <sip:a@b>\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n',
    );
    p.send('REGISTER sip:openline.local SIP/2.0\r\nContent-Length: 99999\r\n\r\n');
    p.send('\r\n\r\n');
    await p.next(() => false, 100).catch(() => undefined);
    expect(p.raw).toContain('\r\n'); // RFC 5626 keep-alive answered

    // A frame over the 64 KiB cap closes that socket only.
    const big = await TestPhone.connect(server.url, '1002');
    big.send('x'.repeat(70 * 1024));
    await waitUntil(() => big.closed);

    const other = await phone('1002');
    expect(other.closed).toBe(false);
    const res = await p.register();
    expect(res.statusCode).toBe(200);
  });

  it('rejects WebSockets without the sip subprotocol or on other paths', async () => {
    const tryOpen = (path: string, protocol?: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(server.url.replace('http', 'ws') + path, protocol ? [protocol] : []);
        ws.on('open', () => {
          ws.close();
          resolve(`open:${ws.protocol}`);
        });
        ws.on('unexpected-response', (_req, res) => {
          resolve(`http:${res.statusCode}`);
          ws.terminate();
        });
        ws.on('error', () => resolve('error'));
      });
    expect(await tryOpen('/sip')).toBe('http:400');
    expect(await tryOpen('/sip', 'chat')).toBe('http:400');
    expect(await tryOpen('/other', 'sip')).toBe('http:404');
    expect(await tryOpen('/sip', 'sip')).toBe('open:sip');
  });
});

describe('lifecycle', () => {
  it('pings sockets and drops those that stop answering, with their bindings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openline-ping-'));
    const pinging = await startServer({
      port: 0,
      dataDir: dir,
      staticDir: dir,
      logLevel: 'silent',
      wsPingIntervalMs: 40,
    });
    try {
      const healthy = await TestPhone.connect(pinging.url, '1001');
      let pings = 0;
      healthy.ws.on('ping', () => pings++);
      const deaf = new WebSocket(pinging.url.replace('http', 'ws') + '/sip', 'sip', { autoPong: false });
      await new Promise((r) => deaf.once('open', r));
      const deafClosed = new Promise((r) => deaf.once('close', r));
      await deafClosed;
      expect(pings).toBeGreaterThan(0);
      expect(healthy.closed).toBe(false);
      await healthy.close();
    } finally {
      await pinging.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closes promptly with live sockets and can be restarted on the same port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openline-restart-'));
    try {
      const first = await startServer({ port: 0, dataDir: dir, staticDir: dir, logLevel: 'silent' });
      const port = first.port;
      const p = await TestPhone.connect(first.url, '1001');
      expect((await p.register()).statusCode).toBe(200);
      const t0 = Date.now();
      await first.close();
      expect(Date.now() - t0).toBeLessThan(1000);
      await waitUntil(() => p.closed);

      const second = await startServer({
        port,
        dataDir: dir,
        staticDir: dir,
        logLevel: 'silent',
        demoPassword: 'changed',
      });
      try {
        expect(second.port).toBe(port);
        const q = await TestPhone.connect(second.url, '1001', { password: 'changed' });
        expect((await q.register()).statusCode).toBe(200);
        const r = await TestPhone.connect(second.url, '1002', { password: 'openline' });
        expect((await r.register()).statusCode).toBe(401);
        await q.close();
        await r.close();
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Keep the type import used even when no test narrows with it.
export type _Unused = IncomingRequestMessage;
