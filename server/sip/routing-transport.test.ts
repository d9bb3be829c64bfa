/**
 * Proxy authorization, transport robustness and server lifecycle over the wire.
 * Real `ws` clients speaking hand-built SIP to a server started on port 0 (server/sip/testing).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startServer } from '../app';
import { describe, expect, it } from 'vitest';
import { digestAuthorization, isResponse, rand, sipMessage, TestPhone, waitUntil } from './testing';
import { invite, useSipTestServer } from './testing/server';

const sip = useSipTestServer();
const { phone } = sip;

describe('proxy: authorization', () => {
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

  it('relays a 2xx retransmission from the callee, and no 2xx injected by another connection', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    const mallory = await phone('1003');
    invite(alice);
    const incoming = await bob.request('INVITE');
    const ok = bob.reply(incoming, 200, { toTag: 't' });
    await alice.final('INVITE');
    await waitUntil(() => sip.server.sipStats().transactions === 0);
    bob.send(ok);
    expect((await alice.response(200, 'INVITE')).toTag).toBe('t');
    // Same branch, sent by a connection the branch never went to: dropped.
    mallory.send(ok.replace(/tag=t\b/, 'tag=forged'));
    await alice.nothing((m) => isResponse(m, 200, 'INVITE'));
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
    expect(raw).toMatch(/^SIP\/2\.0 400 Bad From\r\n/);
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

  it('answers requests lacking mandatory headers or with another SIP version, naming the problem', async () => {
    const p = await phone('1001', { register: false });
    // The answers echo what is broken, so only the raw frames can be inspected.
    const request = async (start: string, hs: Array<[string, string]>) => {
      const seen = p.raw.length;
      p.send(sipMessage(start, hs));
      await waitUntil(() => p.raw.length > seen);
      p.unparseable.length = 0;
      return p.raw[seen]!;
    };
    const via: [string, string] = ['Via', p.via()];
    const from: [string, string] = ['From', '<sip:1001@openline.local>;tag=1'];
    const to: [string, string] = ['To', '<sip:openline.local>'];

    // No To, no CSeq: answered all the same, with what it has.
    const noTo = await request('INVITE sip:1002@openline.local SIP/2.0', [via, from, ['Call-ID', 'm-1']]);
    expect(noTo).toMatch(/^SIP\/2\.0 400 Missing To and CSeq headers\r\n/);
    expect(noTo).toContain('\r\nCall-ID: m-1\r\n');
    expect(noTo).toContain(`\r\nVia: ${via[1].replace(';branch', ';received=127.0.0.1;branch')}\r\n`);

    const badCSeq = await request('OPTIONS sip:openline.local SIP/2.0', [
      via,
      from,
      to,
      ['Call-ID', 'm-2'],
      ['CSeq', 'abc OPTIONS'],
    ]);
    expect(badCSeq).toMatch(/^SIP\/2\.0 400 Bad CSeq\r\n/);

    p.send(
      sipMessage('OPTIONS sip:openline.local SIP/3.0', [
        ['Via', 'SIP/3.0/WS x.invalid;branch=z9hG4bK3'],
        from,
        to,
        ['Call-ID', 'm-3'],
        ['CSeq', '1 OPTIONS'],
      ]),
    );
    const v3 = await p.response(505);
    expect([v3.reasonPhrase, v3.callId]).toEqual(['Version Not Supported', 'm-3']);

    // A broken ACK is never answered; the socket still serves.
    p.send(sipMessage('ACK sip:1002@openline.local SIP/2.0', [via, from, to, ['Call-ID', 'm-4']]));
    p.send(p.outOfDialog('OPTIONS', 'sip:openline.local').text);
    expect((await p.final('OPTIONS')).statusCode).toBe(200);
    expect(p.unparseable).toEqual([]);
    await p.nothing((m) => m.callId === 'm-4');
  });

  it('answers an unknown method to the server 501 (Allow as OPTIONS says), a routed one without user 484', async () => {
    const p = await phone('1001', { register: false });
    p.send(p.outOfDialog('OPTIONS', 'sip:openline.local').text);
    const allow = (await p.final('OPTIONS')).getHeader('allow');
    expect(allow).toContain('INVITE');

    p.send(p.outOfDialog('FOO', 'sip:openline.local').text);
    const foo = await p.final('FOO');
    expect([foo.statusCode, foo.reasonPhrase, foo.getHeader('allow')]).toEqual([
      501,
      'Not Implemented',
      allow,
    ]);

    p.send(p.outOfDialog('MESSAGE', 'sip:openline.local', { body: 'hi' }).text);
    const message = await p.final('MESSAGE');
    expect([message.statusCode, message.getHeader('allow')]).toEqual([484, undefined]);
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
    const big = await TestPhone.connect(sip.server.url, '1002');
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
        const ws = new WebSocket(sip.server.url.replace('http', 'ws') + path, protocol ? [protocol] : []);
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
