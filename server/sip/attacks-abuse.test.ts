/**
 * Abuse of the embedded SIP server, performed over real WebSockets against real server instances
 * (issue 15, items 4–7; issue 16.7): password guessing, connection exhaustion, transaction and body
 * floods, foreign origins, and a graceful shutdown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { digestAuthorization, isResponse, rand, TestPhone, waitUntil } from './testing';
import { startSipTestServer, type SipTestServer } from './testing/server';
import { errorMessage } from '../../src/lib/errors';

const running: SipTestServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function serverWith(env: Record<string, string>): Promise<SipTestServer> {
  const s = await startSipTestServer({ env });
  running.push(s);
  return s;
}

/** Opens `/sip`; resolves 'open' or the reason the upgrade was refused. */
async function tryConnect(s: SipTestServer, o: { origin?: string; localAddress?: string } = {}) {
  try {
    const p = await TestPhone.connect(s.url, '1001', o);
    return { outcome: 'open' as const, phone: p };
  } catch (error) {
    return { outcome: errorMessage(error), phone: undefined };
  }
}

/** A REGISTER answered with a wrong password; returns the final status. */
async function wrongRegister(p: TestPhone): Promise<number> {
  return (await p.register({ password: `guess-${rand(3)}` })).statusCode ?? 0;
}

describe('password guessing (15.4)', () => {
  const env = { SIP_AUTH_FREE_FAILURES: '3', SIP_AUTH_BACKOFF_BASE_MS: '60000' };

  it('locks the account after a burst of wrong guesses: the right password from another IP gets 403', async () => {
    const s = await serverWith(env);
    const attacker = await s.phone('1001', { register: false, localAddress: '127.0.0.2' });
    for (let i = 0; i < 3; i++) expect(await wrongRegister(attacker)).toBe(401);
    expect(await wrongRegister(attacker)).toBe(403);
    const owner = await s.phone('1001', { register: false, localAddress: '127.0.0.3' });
    const res = await owner.register();
    expect(res.statusCode).toBe(403);
    expect(Number(res.getHeader('retry-after'))).toBeGreaterThan(0);
    // Another account from a clean address is not affected.
    const other = await s.phone('1002', { register: false, localAddress: '127.0.0.4' });
    expect((await other.register()).statusCode).toBe(200);
  });

  it('locks the IP after guesses spread over accounts; other IPs keep working', async () => {
    const s = await serverWith(env);
    for (const user of ['1001', '1002', '1003']) {
      const p = await s.phone(user, { register: false, localAddress: '127.0.0.5' });
      expect(await wrongRegister(p)).toBe(401);
    }
    const sameIp = await s.phone('1002', { register: false, localAddress: '127.0.0.5' });
    expect((await sameIp.register()).statusCode).toBe(403);
    const elsewhere = await s.phone('1002', { register: false, localAddress: '127.0.0.6' });
    expect((await elsewhere.register()).statusCode).toBe(200);
  });

  it('burns the nonce of a wrong answer: reusing it with the right password is challenged again', async () => {
    const s = await serverWith({});
    const p = await s.phone('1001', { register: false });
    p.send(p.registerText());
    const challenge = (await p.final('REGISTER')).getHeader('www-authenticate') ?? '';
    const answer = (password: string, nc: number) =>
      digestAuthorization(challenge, {
        username: '1001',
        password,
        method: 'REGISTER',
        uri: 'sip:openline.local',
        nc,
      });
    p.send(p.registerText({ authorization: answer('wrong', 1) }));
    expect((await p.final('REGISTER')).statusCode).toBe(401);
    p.send(p.registerText({ authorization: answer('openline', 2) }));
    expect((await p.final('REGISTER')).statusCode).toBe(401);
  });
});

describe('connection exhaustion (15.5)', () => {
  it('caps sockets per IP; HTTP keeps answering while SIP refuses', async () => {
    const s = await serverWith({ SIP_MAX_CONNECTIONS_PER_IP: '3', SIP_MAX_CONNECTIONS: '5' });
    const held: TestPhone[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await tryConnect(s, { localAddress: '127.0.0.7' });
      expect(r.outcome).toBe('open');
      held.push(r.phone!);
    }
    expect((await tryConnect(s, { localAddress: '127.0.0.7' })).outcome).toMatch(/503/);
    const health = await fetch(`${s.url}/api/health`);
    expect(health.status).toBe(200);
    // Two more from another address reach the total cap; the next one is refused whatever its IP.
    for (let i = 0; i < 2; i++) held.push((await tryConnect(s, { localAddress: '127.0.0.8' })).phone!);
    expect((await tryConnect(s, { localAddress: '127.0.0.9' })).outcome).toMatch(/503/);
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
    // A slot freed is a slot usable again.
    await held.pop()!.close();
    await waitUntil(() => s.server.sipStats().connections === 4);
    const again = await tryConnect(s, { localAddress: '127.0.0.9' });
    expect(again.outcome).toBe('open');
    await Promise.all([...held, again.phone!].map((p) => p.close()));
  });

  it('closes a socket that does not authenticate in time, and keeps the one that did', async () => {
    const s = await serverWith({ SIP_AUTH_TIMEOUT_MS: '300' });
    const registered = await s.phone('1001');
    const silent = await s.phone('1002', { register: false });
    await waitUntil(() => silent.closed, 5000);
    expect(silent.closeCode).toBe(4401);
    expect(registered.closed).toBe(false);
  });

  it('closes a socket that stays idle', async () => {
    const s = await serverWith({ SIP_IDLE_TIMEOUT_MS: '1000' });
    const p = await s.phone('1001');
    await waitUntil(() => p.closed, 10_000);
    expect(p.closeCode).toBe(4408);
  });
});

function invite(from: TestPhone, to: string, body: string) {
  const inv = from.outOfDialog('INVITE', to, { body });
  from.send(inv.text);
  return inv;
}

describe('memory and queue abuse (15.6)', () => {
  it('caps bodies per method with 413', async () => {
    const s = await serverWith({});
    const alice = await s.phone('1001');
    await s.phone('1002');
    invite(alice, 'sip:1002@openline.local', 'a'.repeat(40 * 1024));
    expect((await alice.final('INVITE')).statusCode).toBe(413);
    const msg = alice.outOfDialog('MESSAGE', 'sip:1002@openline.local', { body: 'm'.repeat(20 * 1024) });
    alice.send(msg.text);
    expect((await alice.final('MESSAGE')).statusCode).toBe(413);
  });

  it('drops an INVITE flood aimed at a slow reader with 503, not the reader', async () => {
    const s = await serverWith({ SIP_MAX_TRANSACTIONS_PER_CONNECTION: '8' });
    const flooder = await s.phone('1001');
    const victim = await s.phone('1002');
    victim.ws.pause(); // a reader that stopped reading for a while
    const sdp = `v=0\r\n${'a=x-padding:'.padEnd(30 * 1024, 'x')}\r\n`;
    const total = 300; // ~9 MB: far more than the 4 MiB send-buffer guard
    for (let i = 0; i < total; i++) invite(flooder, 'sip:1002@openline.local', sdp);
    await waitUntil(() => flooder.inbox.filter((m) => isResponse(m, 503)).length === total - 8, 20_000);
    expect(s.server.sipStats().transactions).toBe(8);
    victim.ws.resume();
    await waitUntil(() => victim.inbox.filter((m) => m.method === 'INVITE').length === 8, 20_000);
    expect(victim.closed).toBe(false);
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
  });
});

describe('origin of the /sip upgrade (15.7)', () => {
  it('accepts no Origin (native clients), the serving origin and configured ones; refuses others', async () => {
    const s = await serverWith({ SIP_ALLOWED_ORIGINS: 'http://localhost:5173, https://app.example.com/' });
    const attempts = {
      none: await tryConnect(s),
      same: await tryConnect(s, { origin: s.url }),
      vite: await tryConnect(s, { origin: 'http://localhost:5173' }),
      listed: await tryConnect(s, { origin: 'https://app.example.com' }),
      evil: await tryConnect(s, { origin: 'https://evil.example' }),
      lookalike: await tryConnect(s, { origin: `${s.url}.evil.example` }),
    };
    await Promise.all(Object.values(attempts).map((a) => a.phone?.close()));
    expect(Object.fromEntries(Object.entries(attempts).map(([k, v]) => [k, v.outcome]))).toEqual({
      none: 'open',
      same: 'open',
      vite: 'open',
      listed: 'open',
      evil: 'Unexpected server response: 403',
      lookalike: 'Unexpected server response: 403',
    });
  });
});

describe('shutdown (16.7)', () => {
  it('closes SIP sockets with 1001 Going Away', async () => {
    const s = await startSipTestServer();
    const p = await s.phone('1001');
    await s.server.close();
    await waitUntil(() => p.closed);
    expect(p.closeCode).toBe(1001);
    await s.stop();
  });
});
